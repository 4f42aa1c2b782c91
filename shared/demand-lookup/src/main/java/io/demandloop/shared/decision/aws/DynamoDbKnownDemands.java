package io.demandloop.shared.decision.aws;

import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.decision.KnownDemands;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@link KnownDemands} on the demand table: one strongly consistent GetItem of the current item, reading its key
 * only.
 */
public final class DynamoDbKnownDemands implements KnownDemands {

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbKnownDemands(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public boolean contains(String demandId) {
        GetItemResponse response = client.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(DemandTableKeys.current(DemandId.parse(demandId)))
                .projectionExpression("pk"));
        return response.hasItem() && !response.item().isEmpty();
    }
}
