package io.demandloop.shared.decision.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.s;

import io.demandloop.shared.decision.DemandId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key of a demand's current item in the demand table: {@code pk} = the service, {@code sk = current#<pattern>}
 * (docs/storage.md, "Demand"). Written down once, for the repository that writes the items and the lookup that only
 * asks whether one is there.
 */
public final class DemandTableKeys {

    /** The sort-key prefix of the current items. */
    public static final String CURRENT_PREFIX = "current#";

    private DemandTableKeys() {
    }

    /** The key of the demand's current item. */
    public static Map<String, AttributeValue> current(DemandId id) {
        return Map.of("pk", s(id.service()), "sk", s(CURRENT_PREFIX + id.pattern()));
    }
}
