package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.secrets.SecretProvider;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeServiceTest {

    private static final String SECRET = "s3cret-for-tests";

    private static final Map<String, WebhookSource> SOURCES =
            Map.of("servicenow", new ServiceNowSource(new ServiceNowNormaliser()));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final IntakeService service = withSecrets(List.of(SECRET));

    private IntakeService withSecrets(List<String> secrets) {
        SecretProvider provider = source -> source.equals("servicenow") ? secrets : List.of();
        return new IntakeService(SOURCES, provider, bus, new InMemoryDemandRepository(), CLOCK);
    }

    /** A POST with a JSON content type, as the tools send. */
    private record Post(String path, String authorization, byte[] body) {
    }

    private static Post post(String path, String authorization, byte[] body) {
        return new Post(path, authorization, body);
    }

    private static IntakeResponse send(IntakeService target, Post post, String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (post.authorization() != null) {
            headers.put("Authorization", post.authorization());
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return target.accept("POST", post.path(), headers, post.body(), "test-delivery");
    }

    private static IntakeResponse sendJson(IntakeService target, Post post) {
        return send(target, post, "application/json; charset=UTF-8");
    }

    private static byte[] sample(String name) {
        return ProjectFiles.read("events/webhooks/servicenow/" + name);
    }

    private static String error(IntakeResponse response) throws Exception {
        return Json.mapper().readTree(response.body()).get("error").asText();
    }

    @Test
    void accept_shouldPublishOneTicketAndAnswer202_whenBearerSecretIsRight() throws Exception {
        // WHEN
        IntakeResponse response = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, sample("01-email-outage-opened.json")));

        // THEN
        assertThat(response.status()).isEqualTo(202);
        assertThat(Json.mapper().readTree(response.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(bus.published()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo(EventNames.INTAKE_SOURCE);
            assertThat(event.detailType()).isEqualTo(EventNames.TICKET_RECEIVED);
            Ticket ticket = Json.mapper().readValue(event.detailJson(), Ticket.class);
            assertThat(ticket.number()).isEqualTo("INC0010001");
        });
    }

    @Test
    void accept_shouldPublishEveryRecord_whenTableApiArray() {
        IntakeResponse response = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, sample("03-sap-batch-table-api.json")));

        assertThat(response.status()).isEqualTo(202);
        assertThat(bus.published()).hasSize(2);
    }

    @Test
    void accept_shouldAcceptBasicAuth_whenUserAndPasswordFormTheSecret() {
        IntakeService basic = withSecrets(List.of("sn:pa55"));
        String header = "Basic " + Base64.getEncoder().encodeToString("sn:pa55".getBytes(StandardCharsets.UTF_8));

        assertThat(sendJson(basic, post("/hooks/servicenow", header, sample("02-vpn-slow.json"))).status()).isEqualTo(202);
    }

    @Test
    void accept_shouldAcceptEitherSecret_whileRotating() {
        IntakeService rotating = withSecrets(List.of("old", "new"));

        assertThat(sendJson(rotating, post("/hooks/servicenow", "Bearer old", sample("02-vpn-slow.json"))).status()).isEqualTo(202);
        assertThat(sendJson(rotating, post("/hooks/servicenow", "Bearer new", sample("02-vpn-slow.json"))).status()).isEqualTo(202);
    }

    @Test
    void accept_shouldAnswer401AndPublishNothing_whenSecretIsMissingOrWrong() throws Exception {
        IntakeResponse missing = sendJson(service, post("/hooks/servicenow", null, sample("01-email-outage-opened.json")));
        IntakeResponse wrong = sendJson(service, post("/hooks/servicenow", "Bearer nope", sample("01-email-outage-opened.json")));
        IntakeResponse scheme = sendJson(service, post("/hooks/servicenow", "Digest abc", sample("01-email-outage-opened.json")));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(error(missing)).contains("missing Authorization header");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(error(wrong)).contains("invalid credentials");
        assertThat(scheme.status()).isEqualTo(401);
        assertThat(missing.headers()).containsKey("www-authenticate");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldRefuseEveryDelivery_whenNoSecretIsConfigured() throws Exception {
        IntakeService unconfigured = withSecrets(List.of());

        IntakeResponse response = sendJson(unconfigured, post("/hooks/servicenow", "Bearer ", sample("01-email-outage-opened.json")));

        assertThat(response.status()).isEqualTo(401);
        assertThat(error(response)).contains("no secret is configured");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldAnswer400NamingTheProblem_whenJsonIsMalformed() throws Exception {
        IntakeResponse truncated = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, "{\"number\": \"INC0010001\"".getBytes(StandardCharsets.UTF_8)));
        IntakeResponse trailing = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, "{} {}".getBytes(StandardCharsets.UTF_8)));
        IntakeResponse empty = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, new byte[0]));

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(error(truncated)).startsWith("malformed JSON").contains("line 1");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(error(empty)).contains("empty");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldAnswer422NamingTheField_whenARecordIsInvalid() throws Exception {
        IntakeResponse response = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET,
                "{\"number\":\"INC0000001\",\"state\":\"1\",\"priority\":\"1\",\"sys_mod_count\":\"0\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(error(response)).contains("opened_at");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldPublishNothing_whenOneRecordOfABatchIsInvalid() {
        String body = "[" + new String(sample("01-email-outage-opened.json"), StandardCharsets.UTF_8)
                + ", {\"number\": \"INC0000002\"}]";

        IntakeResponse response = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldAnswer404_whenSourceOrPathIsUnknown() throws Exception {
        IntakeResponse unknownSource = sendJson(service, post("/hooks/remedy", "Bearer " + SECRET, sample("01-email-outage-opened.json")));
        IntakeResponse otherPath = sendJson(service, post("/admin", "Bearer " + SECRET, sample("01-email-outage-opened.json")));

        assertThat(unknownSource.status()).isEqualTo(404);
        assertThat(error(unknownSource)).contains("unknown source 'remedy'").contains("servicenow");
        assertThat(otherPath.status()).isEqualTo(404);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldAnswer413BeforeCheckingAnything_whenBodyIsOver256KB() throws Exception {
        byte[] big = new byte[IntakeService.MAX_BODY_BYTES + 1];

        IntakeResponse response = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, big));

        assertThat(response.status()).isEqualTo(413);
        assertThat(error(response)).contains(String.valueOf(IntakeService.MAX_BODY_BYTES));
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldAnswer405_whenMethodIsNotPost() {
        IntakeResponse response = service.accept("GET", "/hooks/servicenow", Map.of(), new byte[0], "d");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("allow", "POST");
    }

    @Test
    void accept_shouldAnswer503AndClaimNothing_whenTheBusRefuses() throws Exception {
        bus.refuseEverything();

        IntakeResponse response = sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, sample("01-email-outage-opened.json")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("retry-after");
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.has("accepted")).isFalse();
    }

    @Test
    void accept_shouldCarryNoPersonalData_onTheBus() {
        sendJson(service, post("/hooks/servicenow", "Bearer " + SECRET, sample("01-email-outage-opened.json")));

        assertThat(bus.published()).extracting(BusEvent::detailJson)
                .allSatisfy(detail -> assertThat(detail).doesNotContain("5137153cc611227c000bbd1bd8cd2005"));
    }

    @Test
    void accept_shouldAnswer415AndPublishNothing_whenContentTypeIsNotJson() throws Exception {
        IntakeResponse form = send(service, post("/hooks/servicenow", "Bearer " + SECRET, sample("01-email-outage-opened.json")),
                "application/x-www-form-urlencoded");
        IntakeResponse none = send(service, post("/hooks/servicenow", "Bearer " + SECRET, sample("01-email-outage-opened.json")), null);

        assertThat(form.status()).isEqualTo(415);
        assertThat(error(form)).contains("application/x-www-form-urlencoded");
        assertThat(none.status()).isEqualTo(415);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void mediaType_shouldDropParametersAndCase() {
        assertThat(IntakeService.mediaType("Application/JSON; charset=UTF-8")).isEqualTo("application/json");
        assertThat(IntakeService.mediaType(null)).isNull();
    }
}
