package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.JsonSchemaCheck;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The import on AWS, on the embedded stack: an export put under {@code imports/<format>/} in the bucket, the
 * {@code Object Created} event S3 would send to the default bus, routed by ImportFunction's rule in template.yaml to
 * the function, which imports from S3 into the tickets table and writes its summary beside. The reference ServiceNow
 * log (141,712 rows, 24,918 incidents) is checked against a count made here by plain line reading, and imported a
 * second time without any change; with the example mapping, the nightly report then counts the incidents per service
 * as counted here. A private stack: it counts the whole table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportFunctionIT {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(10);
    private static final String REFERENCE_KEY = "imports/servicenow/incident_event_log.csv.zip";
    private static final Instant REPORT_AS_OF = Instant.parse("2016-06-01T00:00:00Z");
    private static final DateTimeFormatter LOG_DATE = DateTimeFormatter.ofPattern("d/M/yyyy H:mm");
    private static final String REFERENCE_SUMMARY = "import-results/servicenow/incident_event_log.csv.zip.summary.json";

    private LocalStack stack;
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private EventBridgeClient events;
    private String table;
    private String bucket;

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.startPrivate();
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        table = stack.template().physicalName("TicketsTable");
        bucket = stack.template().physicalName("ReportsBucket");
    }

    @AfterAll
    void stopStack() {
        if (dynamoDb != null) {
            dynamoDb.close();
            s3.close();
            events.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void referenceLog_putUnderImports_shouldStoreEveryIncident_andASecondImportShouldChangeNothing() throws Exception {
        // GIVEN the reference log, and the incidents in it counted by line reading
        Path file = ProjectFiles.root().resolve("../shared/datasets/servicenow-incident-log/incident_event_log.csv.zip").normalize();
        assertThat(file).as("the reference ServiceNow incident log beside the repository").isRegularFile();
        Map<String, String[]> newest = newestRows(file);
        Set<String> incidents = newest.keySet();
        assertThat(incidents).hasSize(24_918);
        // The example mapping goes first, as a user would: services from the category.
        Path mapping = ProjectFiles.root().resolve("examples/servicenow-incident-log/mapping.yaml");
        s3.putObject(b -> b.bucket(bucket).key("imports/servicenow/mapping.yaml"), RequestBody.fromFile(mapping));

        // WHEN it is put under imports/servicenow/ and S3's event arrives
        s3.putObject(b -> b.bucket(bucket).key(REFERENCE_KEY), RequestBody.fromFile(file));
        objectCreated(REFERENCE_KEY, Files.size(file));

        // THEN every incident is stored once, and the summary says so
        JsonNode first = summary(REFERENCE_SUMMARY);
        assertThat(first.path("status").asText()).isEqualTo("imported");
        JsonNode counts = first.path("summary");
        assertThat(counts.path("rowsRead").asLong()).isEqualTo(141_712);
        assertThat(counts.path("rowsRejected").asLong()).isEqualTo(5);
        assertThat(counts.path("records").asLong()).isEqualTo(24_918);
        assertThat(counts.path("stored").asLong()).isEqualTo(24_918);
        assertThat(counts.path("failed").asLong()).isZero();
        Map<String, Map<String, AttributeValue>> afterFirst = items();
        assertThat(afterFirst.keySet()).isEqualTo(prefixed(incidents));
        String rejected = s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key("import-results/servicenow/incident_event_log.csv.zip.rejected.csv")).asUtf8String();
        assertThat(rejected.lines()).hasSize(1 + 5).allMatch(l -> l.startsWith("number,") || l.contains(",-100,"));

        // AND the nightly report shows the incidents per service: the categories, as the mapping says
        stack.scheduler().fire("portfolio-report", REPORT_AS_OF);
        assertThat(stack.awaitIdle(Duration.ofMinutes(2))).isTrue();
        JsonNode report = Json.mapper().readTree(s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key("reports/latest/portfolio.json")).asByteArray());
        Instant from = Instant.parse(report.path("window").path("from").asText());
        Instant to = Instant.parse(report.path("window").path("to").asText());
        Map<String, Long> opened = new HashMap<>();
        JsonSchemaCheck.assertValid(JsonSchemaCheck.REPORT_SCHEMA, report.toString());
        for (JsonNode service : report.path("services").path("services")) {
            if (service.path("incidents").asLong() > 0) {
                opened.put(service.path("service").asText(), service.path("incidents").asLong());
            }
        }
        assertThat(opened).hasSizeGreaterThanOrEqualTo(20).containsKeys("Category 42", "Category 26", "Other categories");
        assertThat(opened.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(openedBetween(newest, from, to, null));
        assertThat(opened.get("Category 42")).isEqualTo(openedBetween(newest, from, to, "Category 42"));

        // WHEN the same export arrives again
        objectCreated(REFERENCE_KEY, Files.size(file));

        // THEN nothing changes
        JsonNode second = summary(REFERENCE_SUMMARY).path("summary");
        assertThat(second.path("stored").asLong()).isZero();
        assertThat(second.path("unchanged").asLong()).isEqualTo(24_918);
        assertThat(items()).isEqualTo(afterFirst);
    }

    @Test
    @Order(2)
    void malformedExport_shouldFailWithTheMissingColumnsNamed_andStoreNothing() throws Exception {
        // GIVEN an export without the columns a ServiceNow row needs
        int before = items().size();
        String key = "imports/servicenow/not-an-export.csv";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("name,size\nfoo,1\n"));

        // WHEN its event arrives
        objectCreated(key, 16);

        // THEN the summary names the problem and the table is as before
        JsonNode result = summary("import-results/servicenow/not-an-export.csv.summary.json");
        assertThat(result.path("status").asText()).isEqualTo("failed");
        assertThat(result.path("message").asText()).contains("number", "sys_mod_count");
        assertThat(items()).hasSize(before);
    }

    @Test
    @Order(3)
    void genericCsv_withTheFoldersMapping_shouldStoreItsTickets() throws Exception {
        // GIVEN the example mapping put first, then the example export
        Path mapping = ProjectFiles.root().resolve("examples/generic-csv/mapping.yaml");
        Path export = ProjectFiles.root().resolve("examples/generic-csv/tickets.csv");
        s3.putObject(b -> b.bucket(bucket).key("imports/csv/mapping.yaml"), RequestBody.fromFile(mapping));
        objectCreated("imports/csv/mapping.yaml", Files.size(mapping));
        s3.putObject(b -> b.bucket(bucket).key("imports/csv/tickets.csv"), RequestBody.fromFile(export));
        int before = items().size();

        // WHEN the export's event arrives
        objectCreated("imports/csv/tickets.csv", Files.size(export));

        // THEN its records are stored, and only the mapping file was skipped
        JsonNode result = summary("import-results/csv/tickets.csv.summary.json");
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("imported");
        long stored = result.path("summary").path("stored").asLong();
        assertThat(stored).isPositive();
        assertThat(items()).hasSize(before + (int) stored);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("import-results/csv/mapping")).contents()).isEmpty();
    }

    /** What S3 sends to the default bus for a new object, with EventBridge notifications on. */
    private void objectCreated(String key, long size) throws IOException {
        Map<String, Object> detail = Map.of("version", "0", "bucket", Map.of("name", bucket),
                "object", Map.of("key", key, "size", size), "reason", "PutObject");
        String json = Json.mapper().writeValueAsString(detail);
        PutEventsResponse response = events.putEvents(p -> p.entries(e -> e.eventBusName("default")
                .source("aws.s3").detailType("Object Created").resources("arn:aws:s3:::" + bucket).detail(json)));
        assertThat(response.failedEntryCount()).isZero();
        assertThat(stack.awaitIdle(IMPORT_TIMEOUT)).as("the import ended within " + IMPORT_TIMEOUT).isTrue();
    }

    private JsonNode summary(String key) throws IOException {
        return Json.mapper().readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    private Map<String, Map<String, AttributeValue>> items() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("pk").s(), item));
        return items;
    }

    private static Set<String> prefixed(Set<String> numbers) {
        Set<String> keys = new HashSet<>();
        numbers.forEach(n -> keys.add("servicenow#incident#" + n));
        return keys;
    }

    /** Incidents of the newest rows opened in {@code [from, to]}, of one category or (null) of all. */
    private static long openedBetween(Map<String, String[]> newest, Instant from, Instant to, String category) {
        return newest.values().stream()
                .filter(f -> category == null || category.equals(f[16]))
                .map(f -> LocalDateTime.parse(f[9], LOG_DATE).toInstant(ZoneOffset.UTC))
                .filter(opened -> !opened.isBefore(from) && !opened.isAfter(to))
                .count();
    }

    /**
     * The newest row of each incident (highest sys_mod_count, the first of equal ones; the five -100 rows left out),
     * split at commas: the export has no quotes, so a line is a row and a comma always separates fields.
     */
    private static Map<String, String[]> newestRows(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry = zip.getNextEntry();
            while (entry != null && !entry.getName().equals("incident_event_log.csv")) {
                entry = zip.getNextEntry();
            }
            assertThat(entry).isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            assertThat(lines.readLine()).startsWith("number,incident_state,active,reassignment_count,reopen_count,"
                    + "sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,"
                    + "sys_updated_at,contact_type,location,category,");
            Map<String, String[]> newest = new HashMap<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split(",", -1);
                if (!fields[1].equals("-100")) {
                    newest.merge(fields[0], fields, (kept, next) ->
                            Integer.parseInt(next[5]) > Integer.parseInt(kept[5]) ? next : kept);
                }
            }
            return newest;
        }
    }
}
