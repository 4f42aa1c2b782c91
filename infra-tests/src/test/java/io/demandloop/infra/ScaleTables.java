package io.demandloop.infra;

import io.demandloop.shared.demand.ServiceCatalog;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Set-up shared by the read-scale ITs (demand, outcome, portfolio report). */
final class ScaleTables {

    private ScaleTables() {
    }

    /**
     * An empty copy of a table: same keys and indexes, on demand (streams are not copied: nothing there reads them).
     *
     * @return {@code name}
     */
    static String emptyCopy(DynamoDbClient client, String source, String name) {
        TableDescription table = client.describeTable(b -> b.tableName(source)).table();
        CreateTableRequest.Builder create = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(table.attributeDefinitions())
                .keySchema(table.keySchema())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (table.hasGlobalSecondaryIndexes() && !table.globalSecondaryIndexes().isEmpty()) {
            create.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder().indexName(index.indexName())
                            .keySchema(index.keySchema()).projection(index.projection()).build())
                    .toList());
        }
        if (table.hasLocalSecondaryIndexes() && !table.localSecondaryIndexes().isEmpty()) {
            create.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder().indexName(index.indexName())
                            .keySchema(index.keySchema()).projection(index.projection()).build())
                    .toList());
        }
        client.createTable(create.build());
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    /** The catalog limited to the given services (aliases, default tier and teams kept). */
    static ServiceCatalog limitedTo(ServiceCatalog full, Set<String> services) {
        Map<String, ServiceCatalog.Entry> entries = new TreeMap<>(full.catalog());
        entries.keySet().retainAll(services);
        return new ServiceCatalog(full.aliases(), full.defaultTier(), entries, full.teams()).validate();
    }
}
