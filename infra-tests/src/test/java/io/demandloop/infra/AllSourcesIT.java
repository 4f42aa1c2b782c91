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

    private LocalStack stack;

    @BeforeAll
    void connect() {
        stack = EmbeddedStack.shared();
    }

    private static List<Path> sourceDirectories() throws Exception {
        try (Stream<Path> dirs = Files.list(ProjectFiles.path("events/webhooks"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
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

    @Test
    void everySample_shouldBeAcceptedAndStored() throws Exception {
        // GIVEN every source directory of events/webhooks/
        List<Path> directories = sourceDirectories();
        assertThat(directories).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(EmbeddedStack.SOURCES);

        // WHEN each sample is delivered as its tool would
        for (Path dir : directories) {
            String source = dir.getFileName().toString();
            for (Path sample : samples(dir)) {
                HttpResponse<String> response = Deliveries.deliver(stack.webhookUrl().orElseThrow(), source,
                        sample.getFileName().toString(), Files.readAllBytes(sample), EmbeddedStack.SERVICENOW_SECRET);
                assertThat(response.statusCode()).as(source + "/" + sample.getFileName() + ": " + response.body())
                        .isBetween(200, 299);
            }
        }
        assertThat(stack.awaitIdle(Duration.ofSeconds(120))).isTrue();

        // THEN every source left records in the tickets or the alerts table
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            Set<String> stored = new HashSet<>(storedSources(dynamoDb, stack.template().physicalName("TicketsTable")));
            stored.addAll(storedSources(dynamoDb, stack.template().physicalName("AlertsTable")));
            assertThat(stored).containsAll(EmbeddedStack.SOURCES);
        }
    }
}
