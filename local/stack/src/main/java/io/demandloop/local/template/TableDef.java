package io.demandloop.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table}: what is needed to create it locally.
 *
 * @param logicalId              the logical id in the template
 * @param name                   the physical table name
 * @param attributeDefinitions   attribute name to type ({@code S}, {@code N} or {@code B}), in template order
 * @param hashKey                the partition key attribute
 * @param rangeKey               the sort key attribute, if any
 * @param globalSecondaryIndexes the GSIs
 * @param localSecondaryIndexes  the LSIs
 * @param billingMode            {@code PAY_PER_REQUEST} or {@code PROVISIONED} (the CloudFormation default)
 */
public record TableDef(
        String logicalId,
        String name,
        Map<String, String> attributeDefinitions,
        String hashKey,
        Optional<String> rangeKey,
        List<IndexDef> globalSecondaryIndexes,
        List<IndexDef> localSecondaryIndexes,
        String billingMode) {

    public TableDef {
        attributeDefinitions = Collections.unmodifiableMap(new LinkedHashMap<>(attributeDefinitions));
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
    }

    /**
     * A secondary index.
     *
     * @param name                the {@code IndexName}
     * @param hashKey             the index partition key
     * @param rangeKey            the index sort key, if any
     * @param projectionType      {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE}
     * @param nonKeyAttributes    the projected attributes for {@code INCLUDE}, else empty
     */
    public record IndexDef(
            String name, String hashKey, Optional<String> rangeKey, String projectionType, List<String> nonKeyAttributes) {

        public IndexDef {
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }
}
