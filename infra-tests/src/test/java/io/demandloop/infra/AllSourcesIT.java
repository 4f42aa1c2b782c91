package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.testing.ProjectFiles;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every source's samples in {@code events/webhooks/<source>/}, posted over HTTP as the tool posts them (content
 * type, bearer secret or HMAC signature), are accepted and end in DynamoDB Local: tickets in the tickets
 * table, monitoring events in the alerts table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllSourcesIT {

    /** Sources whose samples name stored demands; not delivered here. */
    private static final List<String> NEEDS_DEMANDS = List.of("demand-decisions");

    private LocalStack stack;

    @BeforeAll
    void connect() {
        stack = EmbeddedStack.shared();
    }

    /**
     * The source folders, ticket tools first: an alert episode links to an incident that is open when the
     * episode is computed, so an incident that arrives after its alerts is linked only when the episode is next
     * recomputed (docs/storage.md). Delivering tickets first keeps this test about duplicates alone.
     */
    private static List<Path> sourceDirectories() throws Exception {
        try (Stream<Path> dirs = Files.list(ProjectFiles.path("events/webhooks"))) {
            List<String> order = EmbeddedStack.SOURCES;
            // Decisions name demands that must be stored first: InitiativePipelineIT delivers them.
            return dirs.filter(Files::isDirectory).filter(dir -> !NEEDS_DEMANDS.contains(dir.getFileName().toString()))
                    .sorted(java.util.Comparator.comparingInt((Path dir) -> {
                        int index = order.indexOf(dir.getFileName().toString());
                        return index < 0 ? Integer.MAX_VALUE : index;
                    }))
                    .toList();
        }
    }

    private static List<Path> samples(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Set<String> storedSources(DynamoDbClient dynamoDb, String table) {
        Set<String> sources = new HashSet<>();
        for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
            AttributeValue source = item.get("source");
            if (source != null && source.s() != null) {
                sources.add(source.s());
            }
        }
        return sources;
    }

    private void deliverAll(List<Path> directories, int times) throws Exception {
        for (Path dir : directories) {
            String source = dir.getFileName().toString();
            for (Path sample : samples(dir)) {
                for (int i = 0; i < times; i++) {
                    HttpResponse<String> response = Deliveries.deliver(stack.webhookUrl().orElseThrow(), source,
                            sample.getFileName().toString(), Files.readAllBytes(sample), EmbeddedStack.SERVICENOW_SECRET);
                    assertThat(response.statusCode()).as(source + "/" + sample.getFileName() + ": " + response.body())
                            .isBetween(200, 299);
                }
            }
        }
    }

    /** Each sample ten times at once, from ten threads; the samples one after the other. */
    private void deliverConcurrently(List<Path> directories) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            for (Path dir : directories) {
                String source = dir.getFileName().toString();
                for (Path sample : samples(dir)) {
                    byte[] body = Files.readAllBytes(sample);
                    List<java.util.concurrent.Future<HttpResponse<String>>> responses = new java.util.ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        responses.add(threads.submit(() -> Deliveries.deliver(stack.webhookUrl().orElseThrow(), source,
                                sample.getFileName().toString(), body, EmbeddedStack.SERVICENOW_SECRET)));
                    }
                    for (java.util.concurrent.Future<HttpResponse<String>> response : responses) {
                        assertThat(response.get().statusCode()).as(source + "/" + sample.getFileName()).isBetween(200, 299);
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every item of both tables, by key. */
    private Map<String, Map<String, AttributeValue>> snapshot(DynamoDbClient dynamoDb) {
        Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
        for (String table : List.of("TicketsTable", "AlertsTable", "InitiativesTable")) {
            for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(
                    b -> b.tableName(stack.template().physicalName(table)).consistentRead(true)).items()) {
                AttributeValue sk = item.get("sk");
                items.put(table + "|" + item.get("pk").s() + "|" + (sk == null ? "" : sk.s()), item);
            }
        }
        return items;
    }

    @Test
    void everySample_shouldBeAcceptedAndStored_andRedeliveriesChangeNothing() throws Exception {
        // GIVEN every source directory of events/webhooks/
        List<Path> directories = sourceDirectories();
        assertThat(directories).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(EmbeddedStack.SOURCES.stream()
                        .filter(source -> !NEEDS_DEMANDS.contains(source)).toList());

        // WHEN each sample is delivered as its tool would
        deliverAll(directories, 1);
        assertThat(stack.awaitIdle(Duration.ofSeconds(120))).isTrue();

        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            // THEN every source left records in the tickets, the alerts or the initiatives table
            Set<String> stored = new HashSet<>(storedSources(dynamoDb, stack.template().physicalName("TicketsTable")));
            stored.addAll(storedSources(dynamoDb, stack.template().physicalName("AlertsTable")));
            stored.addAll(storedSources(dynamoDb, stack.template().physicalName("InitiativesTable")));
            assertThat(stored).containsAll(directories.stream().map(d -> d.getFileName().toString()).toList());
            Map<String, Map<String, AttributeValue>> once = snapshot(dynamoDb);

            // WHEN every sample is delivered again, three times in a row, then ten times at once
            deliverAll(directories, 3);
            deliverConcurrently(directories);
            assertThat(stack.awaitIdle(Duration.ofSeconds(300))).isTrue();

            // THEN not one item of the three tables changed: one record per version, counts and episodes as before
            Map<String, Map<String, AttributeValue>> again = snapshot(dynamoDb);
            Map<String, String> changed = new java.util.TreeMap<>();
            Set<String> keys = new java.util.TreeSet<>(once.keySet());
            keys.addAll(again.keySet());
            for (String key : keys) {
                if (!java.util.Objects.equals(once.get(key), again.get(key))) {
                    changed.put(key, "before " + once.get(key) + "\n  after " + again.get(key));
                }
            }
            assertThat(changed).as("items changed by redelivery").isEmpty();
        }
    }
}
