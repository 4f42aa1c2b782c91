package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the intake does with hostile and broken deliveries, over real HTTP against the shared embedded stack:
 * each is refused with the right 4xx and an {@code {"error": …}} naming the problem, nothing of it reaches
 * DynamoDB, and the function keeps taking good deliveries afterwards (checked after every test). Injected
 * markup is taken as data and comes back escaped in the HTML report.
 *
 * <p>Records here use ids unique to the run and dates in 2030 and later, so that the counts of
 * {@link ServiceNowPipelineIT} (services Email, SAP ERP, VPN, Payroll; 2026) stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final String SERVICENOW = "hooks/servicenow";
    private static final String GOOD = "Bearer " + EmbeddedStack.SERVICENOW_SECRET;
    private static final String JSON = "application/json";
    /** The intake's own limit (EventBridge's entry size). */
    private static final int INTAKE_MAX_BYTES = 256 * 1024;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final AtomicInteger sequence = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private String table;
    private String bucket;

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.shared();
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        table = stack.template().physicalName("TicketsTable");
        bucket = stack.template().physicalName("ReportsBucket");
    }

    @AfterAll
    void closeClients() {
        if (dynamoDb != null) {
            dynamoDb.close();
            s3.close();
        }
    }

    @AfterEach
    void goodDelivery_shouldStillBeAccepted() throws Exception {
        // GIVEN whatever the test before sent, a well-formed delivery with the right secret
        String number = newNumber();

        // WHEN
        HttpResponse<String> response = post(SERVICENOW, GOOD, JSON, bytes(record(number, "Hostile Input Canary")));

        // THEN the function is still healthy: it takes it, and the store function stores it
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(ticket(number)).containsKey("pk");
    }

    @Test
    void credentials_shouldBeRefusedWith401_whenMissingWrongOrMalformed() throws Exception {
        // GIVEN a valid record
        String number = newNumber();
        byte[] body = bytes(record(number, "Hostile Credentials"));
        String basicOfSecret = base64(EmbeddedStack.SERVICENOW_SECRET);

        // WHEN / THEN
        assertError(post(SERVICENOW, null, JSON, body), 401, "missing Authorization header");
        assertError(post(SERVICENOW, "", JSON, body), 401, "missing Authorization header");
        assertError(post(SERVICENOW, "Bearer wrong", JSON, body), 401, "invalid credentials for source 'servicenow'");
        assertError(post(SERVICENOW, GOOD + "x", JSON, body), 401, "invalid credentials");
        assertError(post(SERVICENOW, "Bearer " + EmbeddedStack.SERVICENOW_SECRET.toUpperCase(Locale.ROOT), JSON, body),
                401, "invalid credentials");
        assertError(post(SERVICENOW, "Bearer ", JSON, body), 401, "unsupported Authorization scheme");
        assertError(post(SERVICENOW, EmbeddedStack.SERVICENOW_SECRET, JSON, body), 401, "unsupported Authorization scheme");
        assertError(post(SERVICENOW, "Digest username=\"servicenow\"", JSON, body), 401, "unsupported Authorization scheme");
        assertError(post(SERVICENOW, "Basic %%%not-base64%%%", JSON, body), 401, "unsupported Authorization scheme");
        assertError(post(SERVICENOW, "Basic " + base64("admin:admin"), JSON, body), 401, "invalid credentials");
        // and the credentials are checked before the body is even parsed
        assertError(post(SERVICENOW, "Bearer wrong", JSON, bytes("{\"number\": ")), 401, "invalid credentials");
        // while the same secret as basic auth (its user:password compared whole) is taken
        assertThat(post(SERVICENOW, "Basic " + basicOfSecret, JSON, bytes(record(newNumber(), "Hostile Credentials")))
                .statusCode()).isEqualTo(202);

        assertAbsent(number);
    }

    @Test
    void credentialOfAnotherSource_shouldBeRefusedWith401() throws Exception {
        // GIVEN Jira served beside ServiceNow (skipped until it is), and a body with a Jira signature that Jira's own
        // check accepts under the configured secret
        assumeTrue(knownSources().contains("jira"), "the intake serves no jira source yet: " + knownSources());
        String number = newNumber();
        byte[] body = bytes(record(number, "Hostile Cross Source"));
        String jiraSignature = "sha256=" + HmacSignature.sha256Hex(EmbeddedStack.SERVICENOW_SECRET, body);
        Delivery signedForJira = new Delivery("jira", Map.of(JiraSource.SIGNATURE_HEADER, jiraSignature), body, Instant.now());
        assertThat(new JiraSource(DemandloopConfig.defaults())
                .verify(signedForJira, List.of(EmbeddedStack.SERVICENOW_SECRET)).isAccepted()).isTrue();

        // WHEN ServiceNow's credential is presented to Jira, and Jira's to ServiceNow
        HttpResponse<String> toJira = post("hooks/jira", GOOD, JSON, body);
        HttpResponse<String> toServiceNow = send("POST", SERVICENOW, null, JSON, body,
                Map.of(JiraSource.SIGNATURE_HEADER, jiraSignature));

        // THEN each is refused, naming what the source expects
        assertError(toJira, 401, JiraSource.SIGNATURE_HEADER);
        assertError(toServiceNow, 401, "missing Authorization header");
        assertAbsent(number);
    }

    @Test
    void malformedJson_shouldBeRefusedWith400_namingWhereItBreaks() throws Exception {
        // GIVEN a valid record and broken versions of it
        String number = newNumber();
        String valid = Json.mapper().writeValueAsString(record(number, "Hostile Malformed"));

        // WHEN / THEN truncated
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid.substring(0, valid.length() / 2))), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid.substring(0, valid.length() - 1))), 400, "malformed JSON");
        // malformed: single quotes, a missing comma, a bare word, a comment, an empty body
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid.replace('"', '\''))), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid.replaceFirst(",", " "))), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, bytes("incident")), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, bytes("// ServiceNow\n" + valid)), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, new byte[0]), 400, "the body is empty");
        // trailing garbage, and a second document
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid + "garbage")), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid + " " + valid)), 400, "malformed JSON");
        assertError(post(SERVICENOW, GOOD, JSON, bytes(valid + "}")), 400, "malformed JSON");
        // and the message says where
        assertThat(error(post(SERVICENOW, GOOD, JSON, bytes(valid + "garbage")))).contains("line 1, column");

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void wrongContentType_shouldBeRefusedWith415_namingTheType() throws Exception {
        // GIVEN a valid record
        String number = newNumber();
        byte[] body = bytes(record(number, "Hostile Content Type"));

        // WHEN / THEN form, plain text, XML and none at all
        assertError(post(SERVICENOW, GOOD, "application/x-www-form-urlencoded", body), 415,
                "content type 'application/x-www-form-urlencoded' is not accepted from servicenow");
        assertError(post(SERVICENOW, GOOD, "text/plain; charset=utf-8", body), 415, "content type 'text/plain'");
        assertError(post(SERVICENOW, GOOD, "application/xml", body), 415, "content type 'application/xml'");
        assertError(post(SERVICENOW, GOOD, "multipart/form-data; boundary=x", body), 415, "content type 'multipart/form-data'");
        assertError(post(SERVICENOW, GOOD, null, body), 415, "content type (none)");
        // and parameters or case do not make a JSON type wrong
        assertThat(post(SERVICENOW, GOOD, "Application/JSON; charset=UTF-8", bytes(record(newNumber(), "Hostile Content Type")))
                .statusCode()).isEqualTo(202);

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void oversizedBody_shouldBeRefusedWith413_beforeAnythingElse() throws Exception {
        // GIVEN a 10 MB body, no credentials, the wrong content type and a source that does not exist
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) '[');

        // WHEN
        HttpResponse<String> huge = post("hooks/no-such-source", null, "text/plain", tenMegabytes);

        // THEN the Function URL refuses it with 413 before the function runs, as Lambda does (over 6 MB)
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
        assertThat(Json.mapper().readTree(huge.body()).get("Message").asText()).contains("Request must be smaller than");

        // GIVEN a body just over the intake's own limit, again without credentials and of the wrong type
        String number = newNumber();
        byte[] overLimit = padded(record(number, "Hostile Size"), INTAKE_MAX_BYTES + 1);

        // WHEN / THEN the intake refuses it with 413 before it looks at type or credentials
        assertError(post(SERVICENOW, null, "text/plain", overLimit), 413,
                "the body is " + (INTAKE_MAX_BYTES + 1) + " bytes; at most " + INTAKE_MAX_BYTES + " are accepted");
        // while a body of exactly the limit is taken
        assertThat(post(SERVICENOW, GOOD, JSON, padded(record(newNumber(), "Hostile Size"), INTAKE_MAX_BYTES)).statusCode())
                .isEqualTo(202);

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void deeplyNestedJson_shouldBeRefusedWith400_withoutExhaustingTheStack() throws Exception {
        // GIVEN 100 000 opening brackets, and a record whose field nests 5 000 deep
        String number = newNumber();
        byte[] brackets = bytes("[".repeat(100_000));
        String valid = Json.mapper().writeValueAsString(record(number, "Hostile Nesting"));
        byte[] deepField = bytes(valid.replace("\"category\":\"network\"",
                "\"category\":" + "[".repeat(5_000) + "]".repeat(5_000)));

        // WHEN / THEN
        assertError(post(SERVICENOW, GOOD, JSON, brackets), 400, "nesting depth");
        assertError(post(SERVICENOW, GOOD, JSON, bytes("{\"a\":".repeat(50_000))), 400, "nesting depth");
        assertError(post(SERVICENOW, GOOD, JSON, deepField), 400, "nesting depth");

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void hugeNumbers_shouldBeRefused_400AsJsonAnd422AsFieldValues() throws Exception {
        // GIVEN records whose numbers do not fit
        String asJsonNumber = newNumber();
        String asPriority = newNumber();
        String asVersion = newNumber();
        String asFraction = newNumber();
        String longNumber = "9".repeat(2_000);
        String tooLarge = Json.mapper().writeValueAsString(record(asJsonNumber, "Hostile Numbers"))
                .replace("\"priority\":\"3\"", "\"priority\":" + longNumber);

        // WHEN / THEN a 2 000-digit JSON number is refused by the parser
        assertError(post(SERVICENOW, GOOD, JSON, bytes(tooLarge)), 400, "Number value length");
        // and ServiceNow's string numbers that are not whole numbers in range are named
        assertError(post(SERVICENOW, GOOD, JSON, bytes(record(asPriority, "Hostile Numbers").put("priority", longNumber))),
                422, "priority");
        assertError(post(SERVICENOW, GOOD, JSON, bytes(record(asVersion, "Hostile Numbers")
                .put("sys_mod_count", "99999999999999999999"))), 422, "sys_mod_count");
        assertError(post(SERVICENOW, GOOD, JSON, bytes(record(asFraction, "Hostile Numbers").put("sys_mod_count", "1e3"))),
                422, "sys_mod_count");

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        for (String number : List.of(asJsonNumber, asPriority, asVersion, asFraction)) {
            assertAbsent(number);
        }
    }

    @Test
    void hugeTitle_shouldBeTakenAndBounded() throws Exception {
        // GIVEN a record whose short description is 200 000 characters, the body still under the limit
        String number = newNumber();
        ObjectNode record = record(number, "Hostile Strings").put("short_description", "A".repeat(200_000));

        // WHEN
        HttpResponse<String> response = post(SERVICENOW, GOOD, JSON, bytes(record));

        // THEN it is data, not an attack: taken, and its title stored bounded
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(ticket(number).get("title").s()).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void hugeIdentity_shouldBeRefusedWith422_ratherThanTakenAndDeadLettered() throws Exception {
        // GIVEN a record whose number (its identity) is 100 000 characters: no DynamoDB key can hold it
        String number = newNumber() + "9".repeat(100_000);

        // WHEN
        HttpResponse<String> response = post(SERVICENOW, GOOD, JSON, bytes(record(number, "Hostile Strings")));

        // THEN it is refused at the door, naming the field
        assertError(response, 422, "number is " + number.length() + " characters");
    }

    @Test
    void hugeNames_shouldBeBoundedOrRefused_neverRetriedForever() throws Exception {
        // GIVEN a body under the intake's limit whose one name fills both service and CI of the canonical ticket
        String number = newNumber();
        ObjectNode record = record(number, "").put("cmdb_ci", "C".repeat(131_000));

        // WHEN
        HttpResponse<String> response = post(SERVICENOW, GOOD, JSON, bytes(record));

        // THEN it is either taken with bounded names, or refused naming the field; never a 5xx the tool retries
        assertThat(response.statusCode()).as(response.body()).isIn(202, 422);
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        if (response.statusCode() == 202) {
            assertThat(ticket(number).get("configurationItem").s().length()).isLessThan(131_000);
        } else {
            assertThat(error(response)).contains("cmdb_ci");
        }
    }

    @Test
    void nulBytesAndInvalidUtf8_shouldBeRefused_400And422() throws Exception {
        // GIVEN a valid record, once with a raw NUL inside a string and once with bytes that are not UTF-8
        String number = newNumber();
        byte[] valid = bytes(record(number, "Hostile Bytes"));
        byte[] rawNul = replaceFirst(valid, bytes("network"), new byte[] {'n', 'e', 0, 't'});
        byte[] invalidUtf8 = replaceFirst(valid, bytes("network"), new byte[] {'n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        byte[] nulOutside = concat(valid, new byte[] {0});

        // WHEN / THEN
        assertError(post(SERVICENOW, GOOD, JSON, rawNul), 400, "malformed JSON");
        // invalid UTF-8 is refused before parsing, naming the byte: text is kept exactly or refused (issue 13.2)
        assertError(post(SERVICENOW, GOOD, JSON, invalidUtf8), 422, "not valid UTF-8");
        assertError(post(SERVICENOW, GOOD, JSON, nulOutside), 400, "malformed JSON");
        assertThat(post(SERVICENOW, GOOD, JSON, new byte[] {0, 0, 0, 0}).statusCode()).isEqualTo(400);

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void unknownSourcesAndPaths_shouldBeRefusedWith404_listingTheKnownSources() throws Exception {
        // GIVEN a valid delivery
        String number = newNumber();
        byte[] body = bytes(record(number, "Hostile Paths"));

        // WHEN / THEN
        HttpResponse<String> remedy = post("hooks/remedy", GOOD, JSON, body);
        assertError(remedy, 404, "unknown source 'remedy'");
        assertThat(error(remedy)).contains("known sources: ").contains("servicenow");
        assertError(post("hooks/ServiceNow", GOOD, JSON, body), 404, "unknown source 'ServiceNow'");
        assertError(post("hooks/servicenow/extra", GOOD, JSON, body), 404, "unknown source 'servicenow/extra'");
        assertError(post("hooks/%2e%2e%2fservicenow", GOOD, JSON, body), 404, "unknown source");
        assertError(post("hooks/", GOOD, JSON, body), 404, "unknown source ''");
        assertError(post("webhooks/servicenow", GOOD, JSON, body), 404, "no such path '/webhooks/servicenow'");
        assertError(post("", GOOD, JSON, body), 404, "no such path '/'");
        assertError(post("hooks", GOOD, JSON, body), 404, "no such path '/hooks'");
        // and a trailing slash is the same source
        assertThat(post("hooks/servicenow/", GOOD, JSON, bytes(record(newNumber(), "Hostile Paths"))).statusCode())
                .isEqualTo(202);

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void wrongMethods_shouldBeRefusedWith405_allowingPost() throws Exception {
        // GIVEN a valid delivery
        String number = newNumber();
        byte[] body = bytes(record(number, "Hostile Methods"));

        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            // WHEN
            HttpResponse<String> response = send(method, SERVICENOW, GOOD, JSON, method.equals("GET") ? null : body);

            // THEN
            assertError(response, 405, "method " + method + " is not allowed; use POST");
            assertThat(response.headers().firstValue("allow")).as(method).contains("POST");
        }

        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertAbsent(number);
    }

    @Test
    void injectedMarkup_shouldBeStoredAsData_andEscapedInTheHtmlReport() throws Exception {
        // GIVEN a record with markup in every text field, opened in 2030 (outside every other test's window)
        // (the number too: it is the identity, so it stays unique to the run)
        String number = "<img src=x onerror=alert(1)>" + newNumber();
        String script = "<script>alert('" + run + "')</script>";
        String service = script + "<b onmouseover=\"x\">Svc\u001b & Co</b>";
        ObjectNode record = record(number, service)
                .put("short_description", script + "\u0000\u001b[31m")
                .put("category", "</td><script>alert(2)</script>")
                .put("cmdb_ci", "\"><svg onload=alert(3)>")
                .put("assignment_group", "<iframe src=javascript:alert(4)>")
                .put("u_department", "<style>*{display:none}</style>")
                .put("opened_at", "2030-03-02 10:00:00")
                .put("sys_updated_on", "2030-03-02 10:00:00");

        // WHEN it is posted, and the report job runs as of a 2030 date
        HttpResponse<String> response = post(SERVICENOW, GOOD, JSON, bytes(record));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        stack.scheduler().fire("portfolio-report", Instant.parse("2030-03-15T06:00:00Z"));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN it was taken as data, unchanged
        Map<String, AttributeValue> stored = ticket(number);
        assertThat(stored.get("number").s()).isEqualTo(number);
        assertThat(stored.get("service").s()).isEqualTo(service);
        assertThat(stored.get("category").s()).isEqualTo("</td><script>alert(2)</script>");
        // and the dated HTML report (reports/latest/ belongs to whichever test fired last) shows it escaped
        String html = s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/2030/03/15/portfolio.html")).asUtf8String();
        // (jte escapes text for text: &, < and >; quotes need no escape there and stay)
        assertThat(html).contains("&lt;script&gt;alert('" + run + "')&lt;/script&gt;")
                .contains("&lt;b onmouseover=\"x\"&gt;Svc\uFFFD &amp; Co&lt;/b&gt;");
        String lower = html.toLowerCase(Locale.ROOT);
        for (String tag : List.of("<script", "<img src=x", "<iframe", "<svg onload", "<b ", "<style>*")) {
            assertThat(lower).as(tag).doesNotContain(tag);
        }
        // and its control character became U+FFFD rather than reaching the page
        assertThat(html).doesNotContain("\u001b");
    }

    @Test
    void replayedGrafanaTimestamp_shouldBeRefusedWith401() throws Exception {
        // GIVEN the Grafana source with a secret in the stack (skipped until both exist), and its contact-point test
        // notification, which is answered 2xx and stores nothing
        assumeTrue(knownSources().contains("grafana"), "the intake serves no grafana source yet: " + knownSources());
        assumeTrue(EmbeddedStack.SOURCES.contains("grafana"), "the embedded stack configures no Grafana secret");
        Path sample = ProjectFiles.path("events/webhooks/grafana/03-contact-point-test.json");
        assumeTrue(Files.isRegularFile(sample), "no Grafana test notification in events/webhooks/grafana/");
        byte[] body = Files.readAllBytes(sample);
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> fresh = postGrafana(body, EmbeddedStack.SERVICENOW_SECRET, now);
        // Grafana signs "<timestamp>:<body>"; were the source to verify differently, this test could not tell a replay
        assertThat(fresh.statusCode()).as("a freshly signed delivery: %s", fresh.body()).isBetween(200, 299);

        // WHEN the same delivery, correctly signed, arrives with a timestamp of a day ago
        HttpResponse<String> replayed = postGrafana(body, EmbeddedStack.SERVICENOW_SECRET, now - Duration.ofDays(1).toSeconds());

        // THEN it is refused as a replay, and says so
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(401);
        assertThat(error(replayed)).contains("replay");
    }

    // --- helpers ---

    private HttpResponse<String> postGrafana(byte[] body, String secret, long timestamp) throws Exception {
        String timestampText = Long.toString(timestamp);
        String signature = HmacSignature.sha256Hex(secret, concat(bytes(timestampText + ":"), body));
        HttpRequest request = HttpRequest.newBuilder(url("hooks/grafana"))
                .header("Content-Type", JSON)
                .header("X-Grafana-Alerting-Signature", signature)
                // Grafana lets the contact point name the timestamp header; both names in use are sent
                .header("X-Grafana-Alerting-Signature-Timestamp", timestampText)
                .header("X-Grafana-Alerting-Timestamp", timestampText)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The sources the intake serves, from its own 404 answer. */
    private List<String> knownSources() throws Exception {
        String message = error(post("hooks/" + run, null, JSON, new byte[0]));
        String list = message.substring(message.indexOf("known sources: ") + "known sources: ".length());
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A valid ServiceNow incident in value form, dated 2031 unless the test says otherwise. */
    private static ObjectNode record(String number, String service) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("sys_class_name", "incident");
        record.put("number", number);
        record.put("short_description", "Hostile input test");
        record.put("category", "network");
        record.put("business_service", service);
        record.put("cmdb_ci", "HOSTILE-01");
        record.put("assignment_group", "Testing");
        record.put("u_department", "QA");
        record.put("priority", "3");
        record.put("state", "1");
        record.put("opened_at", "2031-01-01 10:00:00");
        record.put("sys_updated_on", "2031-01-01 10:00:00");
        record.put("sys_mod_count", "0");
        record.put("reopen_count", "0");
        return record;
    }

    /** A ticket number unique to the run: the number is ServiceNow's identity. */
    private String newNumber() {
        return String.format("INC%s%08d", run, sequence.incrementAndGet());
    }

    /** The record followed by spaces (valid JSON) up to exactly {@code size} bytes. */
    private static byte[] padded(ObjectNode record, int size) {
        byte[] json = bytes(record);
        byte[] padded = Arrays.copyOf(json, size);
        Arrays.fill(padded, json.length, size, (byte) ' ');
        return padded;
    }

    private Map<String, AttributeValue> ticket(String number) {
        return dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("servicenow#incident#" + number)))).item();
    }

    private void assertAbsent(String number) {
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(ticket(number)).as("stored ticket %s", number).isEmpty();
    }

    private HttpResponse<String> post(String path, String authorization, String contentType, byte[] body) throws Exception {
        return send("POST", path, authorization, contentType, body);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType, byte[] body)
            throws Exception {
        return send(method, path, authorization, contentType, body, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType, byte[] body,
                                      Map<String, String> extraHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        // Appended rather than resolved, so that encoded and odd paths reach the function as written.
        return URI.create(stack.webhookUrl().orElseThrow() + path);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(error(response)).contains(message);
    }

    private static String error(HttpResponse<String> response) throws IOException {
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.has("error")).as(response.body()).isTrue();
        return body.get("error").asText();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static byte[] replaceFirst(byte[] in, byte[] target, byte[] replacement) {
        for (int i = 0; i + target.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + target.length, target, 0, target.length)) {
                byte[] head = concat(Arrays.copyOfRange(in, 0, i), replacement);
                return concat(head, Arrays.copyOfRange(in, i + target.length, in.length));
            }
        }
        throw new IllegalArgumentException("not found: " + new String(target, StandardCharsets.UTF_8));
    }
}
