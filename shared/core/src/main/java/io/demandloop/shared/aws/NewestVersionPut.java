package io.demandloop.shared.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.n;

import io.demandloop.shared.ticket.StoreOutcome;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The write that keeps a record's newest source version, shared by the ticket and the initiative stores: one
 * {@code PutItem} conditional on {@code attribute_not_exists(pk) OR sourceVersion < :v}. A redelivery or an older
 * version fails the condition, costs one write unit and changes nothing; {@code ALL_OLD} on the failure tells a
 * duplicate from a stale version without a read.
 */
public final class NewestVersionPut {

    private NewestVersionPut() {
    }

    /**
     * Puts the item (keyed by {@code pk}, with its {@code sourceVersion} attribute) unless the table holds the same or
     * a newer version.
     */
    public static StoreOutcome put(DynamoDbClient client, String tableName, Map<String, AttributeValue> item,
                                   long sourceVersion) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk) OR sourceVersion < :v")
                    .expressionAttributeValues(Map.of(":v", n(sourceVersion)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return StoreOutcome.STORED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old != null && old.containsKey("sourceVersion")
                    && Long.parseLong(old.get("sourceVersion").n()) > sourceVersion) {
                return StoreOutcome.STALE;
            }
            return StoreOutcome.DUPLICATE;
        }
    }
}
