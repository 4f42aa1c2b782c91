package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.JsonSchemaCheck;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The walking skeleton end to end: the ServiceNow samples of {@code events/} posted over real HTTP to the
 * intake's Function URL, through the local bus (routing from template.yaml) to the store function and
 * DynamoDB Local; then the report schedule fired, and the report read back from the S3 server. Every
 * assertion goes through the unmodified SDK clients. It has a stack of its own, as it asserts the report's
 * totals, which the other sources' samples would change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceNowPipelineIT {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final String EMAIL_OUTAGE = "INC0010001";

    private LocalStack stack;
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private final HttpClient http = HttpClient.newHttpClient();
    private String table;
    private String bucket;

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.startPrivate();
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        table = stack.template().physicalName("TicketsTable");
        bucket = stack.template().physicalName("ReportsBucket");
    }

    @AfterAll
    void stopStack() {
        if (dynamoDb != null) {
            dynamoDb.close();
            s3.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> post(String path, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.webhookUrl().orElseThrow().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(ProjectFiles.path("events/webhooks/servicenow"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private Map<String, AttributeValue> ticket(String number) {
        return dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("servicenow#incident#" + number)))).item();
    }

    @Test
    @Order(1)
    void samples_shouldBeStoredInDynamoDb_whenPostedOverHttp() throws Exception {
        // WHEN every sample is posted, in order, as ServiceNow would
        for (Path sample : samples()) {
            HttpResponse<String> response = post("hooks/servicenow", "Bearer " + EmbeddedStack.SERVICENOW_SECRET,
                    Files.readAllBytes(sample));
            assertThat(response.statusCode()).as(sample.getFileName().toString()).isEqualTo(202);
        }
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN the newest version of the email outage is stored, the late older version changed nothing
        Map<String, AttributeValue> outage = ticket(EMAIL_OUTAGE);
        assertThat(outage.get("sourceVersion").n()).isEqualTo("4");
        assertThat(outage.get("state").s()).isEqualTo("resolved");
        assertThat(outage.get("service").s()).isEqualTo("Email");
        assertThat(outage.get("resolvedAt").s()).isEqualTo("2026-11-16T11:47:30.000Z");
        // and both records of the batched delivery are there
        assertThat(ticket("INC0010003").get("state").s()).isEqualTo("closed");
        assertThat(ticket("INC0010004").get("state").s()).isEqualTo("on_hold");
        assertThat(ticket("INC0010005").get("service").s()).isEqualTo("Payroll");
    }

    @Test
    @Order(2)
    void redelivery_shouldChangeNothing() throws Exception {
        Map<String, AttributeValue> before = ticket(EMAIL_OUTAGE);

        HttpResponse<String> response = post("hooks/servicenow", "Bearer " + EmbeddedStack.SERVICENOW_SECRET,
                ProjectFiles.read("events/webhooks/servicenow/05-email-outage-resolved.json"));
        HttpResponse<String> older = post("hooks/servicenow", "Bearer " + EmbeddedStack.SERVICENOW_SECRET,
                ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json"));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(older.statusCode()).isEqualTo(202);
        assertThat(ticket(EMAIL_OUTAGE)).isEqualTo(before);
    }

    @Test
    @Order(3)
    void badDeliveries_shouldGetTheRightStatusAndStoreNothing() throws Exception {
        // GIVEN a valid record with a number (its identity) no other test uses
        String body = new String(ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json"), StandardCharsets.UTF_8)
                .replace(EMAIL_OUTAGE, "INC9990001");
        assertThat(body).contains("\"number\": \"INC9990001\"");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String good = "Bearer " + EmbeddedStack.SERVICENOW_SECRET;

        // WHEN / THEN
        assertError(post("hooks/servicenow", null, bytes), 401, "missing Authorization header");
        assertError(post("hooks/servicenow", "Bearer wrong", bytes), 401, "invalid credentials");
        assertError(post("hooks/servicenow", good, "{\"number\": ".getBytes(StandardCharsets.UTF_8)), 400, "malformed JSON");
        assertError(post("hooks/remedy", good, bytes), 404, "unknown source 'remedy'");
        byte[] big = ("[" + (body + ",").repeat(600) + body + "]").getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(256 * 1024);
        assertError(post("hooks/servicenow", good, big), 413, "at most 262144");
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        assertThat(ticket("INC9990001")).isEmpty();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText()).contains(message);
    }

    @Test
    @Order(4)
    void reportSchedule_shouldWriteTheReportToS3_withIncidentsPerService() throws Exception {
        // WHEN the template's report schedule fires as of the newest sample update
        Instant asOf = Instant.parse("2026-11-20T08:05:00Z");
        stack.scheduler().fire("portfolio-report", asOf);
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN the JSON report counts the samples per service
        ResponseBytes<GetObjectResponse> json = s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/latest/portfolio.json"));
        assertThat(json.response().contentType()).startsWith("application/json");
        JsonNode report = Json.mapper().readTree(json.asByteArray());
        assertThat(report.get("asOf").asText()).isEqualTo("2026-11-20T08:05:00Z");
        Map<String, List<Integer>> counts = new HashMap<>();
        JsonSchemaCheck.assertValid(JsonSchemaCheck.REPORT_SCHEMA, json.asByteArray());
        for (JsonNode service : report.at("/services/services")) {
            if (service.get("incidents").asInt() > 0) {
                counts.put(service.get("service").asText(), List.of(service.get("incidents").asInt(),
                        service.get("openIncidents").asInt(), service.get("resolvedIncidents").asInt()));
            }
        }
        assertThat(counts).containsOnly(
                Map.entry("Email", List.of(2, 1, 1)),
                Map.entry("SAP ERP", List.of(2, 1, 1)),
                Map.entry("VPN", List.of(1, 1, 0)),
                Map.entry("Payroll", List.of(1, 0, 1)));

        // and the HTML page and the dated copy are there too
        ResponseBytes<GetObjectResponse> html = s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/latest/portfolio.html"));
        assertThat(html.response().contentType()).startsWith("text/html");
        assertThat(html.asUtf8String()).contains("SAP ERP", "Payroll");
        // no demand evaluation ran on this stack: no capacity snapshot, and the report says so
        assertThat(report.get("capacity").isNull()).isTrue();
        assertThat(html.asUtf8String()).contains("No capacity snapshot was kept at or before 20 November 2026, 08:05 UTC");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/2026/11/20/portfolio.json")).asByteArray())
                .isEqualTo(json.asByteArray());
    }

    @Test
    @Order(5)
    void functionUrl_shouldAnswer413LikeLambda_whenBodyIsOver6MB() throws Exception {
        byte[] huge = new byte[6 * 1024 * 1024 + 10];

        HttpResponse<String> response = post("hooks/servicenow", "Bearer " + EmbeddedStack.SERVICENOW_SECRET, huge);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    @Order(6)
    void webhookUrl_shouldBeLoopback() {
        URI url = stack.webhookUrl().orElseThrow();
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
    }
}
