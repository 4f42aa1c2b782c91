package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
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

    /**
     * Stores the tickets, episodes and breaches of {@code services} that the filters keep, eight writes at a time;
     * each ticket must be new to the table.
     *
     * @return how many tickets were stored
     */
    static long store(TicketRepository tickets, AlertRepository alerts, SlaRepository sla, Set<String> services,
                      List<Ticket> all, List<AlertEpisode> allEpisodes, List<SlaBreach> allBreaches,
                      Predicate<Ticket> ticketFilter, Predicate<AlertEpisode> episodeFilter,
                      Predicate<SlaBreach> breachFilter) throws Exception {
        List<Ticket> chosen = all.stream().filter(t -> services.contains(t.service())).filter(ticketFilter).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            chosen.forEach(t -> writes.add(threads.submit(() -> assertThat(tickets.store(t)).isEqualTo(StoreOutcome.STORED))));
            allEpisodes.stream().filter(e -> services.contains(e.service())).filter(episodeFilter)
                    .forEach(e -> writes.add(threads.submit(() -> alerts.putEpisode(e))));
            allBreaches.stream().filter(b -> services.contains(b.service())).filter(breachFilter)
                    .forEach(b -> writes.add(threads.submit(() -> sla.recordBreach(b))));
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return chosen.size();
    }
}
