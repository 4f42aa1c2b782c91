package io.demandloop.local.provision;

import io.demandloop.local.template.BucketDef;
import io.demandloop.local.template.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Creates the template's tables and buckets on the local servers, as {@code sam deploy} would on AWS.
 * Idempotent: an existing table keeps its data and only gains the indexes the template added since.
 */
public final class ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceProvisioner.class);
    private static final ProvisionedThroughput LOCAL_THROUGHPUT = ProvisionedThroughput.builder()
            .readCapacityUnits(5L).writeCapacityUnits(5L).build();

    private final DynamoDbClient dynamoDb;
    private final S3Client s3;

    public ResourceProvisioner(DynamoDbClient dynamoDb, S3Client s3) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
    }

    /** Creates each table that does not exist and adds missing global secondary indexes to those that do. */
    public void provisionTables(List<TableDef> tables) {
        for (TableDef table : tables) {
            try {
                dynamoDb.createTable(createRequest(table));
                LOG.info("created table {}", table.name());
            } catch (ResourceInUseException e) {
                addMissingIndexes(table);
            }
        }
    }

    /** Creates each bucket that does not exist. */
    public void provisionBuckets(List<BucketDef> buckets) {
        for (BucketDef bucket : buckets) {
            try {
                s3.headBucket(b -> b.bucket(bucket.name()));
            } catch (NoSuchBucketException e) {
                try {
                    s3.createBucket(b -> b.bucket(bucket.name()));
                    LOG.info("created bucket {}", bucket.name());
                } catch (BucketAlreadyOwnedByYouException raced) {
                    LOG.debug("bucket {} appeared meanwhile", bucket.name());
                }
            }
        }
    }

    private void addMissingIndexes(TableDef table) {
        TableDescription existing = dynamoDb.describeTable(d -> d.tableName(table.name())).table();
        Set<String> present = existing.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
        for (TableDef.IndexDef index : table.globalSecondaryIndexes()) {
            if (present.contains(index.name())) {
                continue;
            }
            dynamoDb.updateTable(u -> u.tableName(table.name())
                    .attributeDefinitions(attributes(table))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder()
                                    .indexName(index.name())
                                    .keySchema(keys(index.hashKey(), index.rangeKey().orElse(null)))
                                    .projection(projection(index))
                                    .provisionedThroughput(isOnDemand(table) ? null : LOCAL_THROUGHPUT)
                                    .build())
                            .build()));
            LOG.info("added index {} to table {}", index.name(), table.name());
        }
    }

    static CreateTableRequest createRequest(TableDef table) {
        boolean onDemand = isOnDemand(table);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.name())
                .attributeDefinitions(attributes(table))
                .keySchema(keys(table.hashKey(), table.rangeKey().orElse(null)))
                .billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(LOCAL_THROUGHPUT);
        }
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keys(index.hashKey(), index.rangeKey().orElse(null)))
                            .projection(projection(index))
                            .provisionedThroughput(onDemand ? null : LOCAL_THROUGHPUT)
                            .build())
                    .toList());
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keys(index.hashKey(), index.rangeKey().orElse(null)))
                            .projection(projection(index))
                            .build())
                    .toList());
        }
        return request.build();
    }

    private static boolean isOnDemand(TableDef table) {
        return "PAY_PER_REQUEST".equals(table.billingMode());
    }

    private static List<AttributeDefinition> attributes(TableDef table) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (Map.Entry<String, String> attribute : table.attributeDefinitions().entrySet()) {
            definitions.add(AttributeDefinition.builder()
                    .attributeName(attribute.getKey()).attributeType(attribute.getValue()).build());
        }
        return definitions;
    }

    private static List<KeySchemaElement> keys(String hash, String range) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        if (range != null) {
            keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
        }
        return keys;
    }

    private static Projection projection(TableDef.IndexDef index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }
}
