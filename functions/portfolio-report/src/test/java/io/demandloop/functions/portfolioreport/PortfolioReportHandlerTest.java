package io.demandloop.functions.portfolioreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortfolioReportHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:15:42.123456Z"), ZoneOffset.UTC);
    private static final PortfolioReportConfig CONFIG = new PortfolioReportConfig("tickets", "reports", 90, "bus", "sla",
            "demand", 0.5, "outcomes", "initiatives", "alerts", java.time.Duration.ofDays(7),
            Map.of("FailedInvocationsQueue", "https://sqs.eu-west-1.amazonaws.com/123456789012/failed"));

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final PortfolioReportHandler handler = new PortfolioReportHandler(tickets, reports, events, CLOCK, CONFIG);

    @Test
    void handleRequest_shouldUseScheduledTime_whenSchedulerPayload() throws Exception {
        // GIVEN
        String payload = "{\"scheduledTime\": \"2026-11-21T05:30:00Z\"}";

        // WHEN
        JsonNode response = invoke(payload);

        // THEN
        assertThat(response.get("asOf").textValue()).isEqualTo("2026-11-21T05:30:00Z");
        assertThat(response.get("keys")).hasSize(18);
        assertThat(response.at("/keys/0").textValue()).isEqualTo("reports/2026/11/21/portfolio.json");
        assertThat(reports.objects()).containsKey("reports/2026/11/21/portfolio.html");
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void handleRequest_shouldUseEventTime_whenClassicScheduledEventEnvelope() throws Exception {
        // GIVEN
        String payload = """
                {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
                 "source":"aws.events","account":"123456789012","time":"2026-11-20T05:30:00Z","region":"eu-west-1",
                 "resources":["arn:aws:events:eu-west-1:123456789012:rule/nightly"],"detail":{}}""";

        // WHEN
        JsonNode response = invoke(payload);

        // THEN
        assertThat(response.get("asOf").textValue()).isEqualTo("2026-11-20T05:30:00Z");
    }

    @Test
    void handleRequest_shouldPreferScheduledTime_whenBothFieldsPresent() throws Exception {
        // GIVEN
        String payload = "{\"time\":\"2026-11-20T05:30:00Z\",\"scheduledTime\":\"2026-11-21T05:30:00Z\"}";

        // WHEN
        JsonNode response = invoke(payload);

        // THEN
        assertThat(response.get("asOf").textValue()).isEqualTo("2026-11-21T05:30:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "", "  \n", "null", "{\"unrelated\":true}"})
    void handleRequest_shouldUseClockToTheSecond_whenPayloadNamesNoTime(String payload) throws Exception {
        // GIVEN / WHEN
        JsonNode response = invoke(payload);

        // THEN
        assertThat(response.get("asOf").textValue()).isEqualTo("2026-11-22T08:15:42Z");
        assertThat(response.at("/keys/0").textValue()).isEqualTo("reports/2026/11/22/portfolio.json");
    }

    @Test
    void handleRequest_shouldAcceptOffsets_whenTimeHasOne() throws Exception {
        // GIVEN / WHEN
        JsonNode response = invoke("{\"scheduledTime\":\"2026-11-22T06:30:00+01:00\"}");

        // THEN
        assertThat(response.get("asOf").textValue()).isEqualTo("2026-11-22T05:30:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"scheduledTime\": ", "not json", "{} {}"})
    void handleRequest_shouldThrowWithMessage_whenPayloadIsMalformedJson(String payload) {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> invoke(payload))
                .isInstanceOf(InvalidTriggerException.class)
                .hasMessageStartingWith("the portfolio-report input is not valid JSON: ");
        assertThat(reports.objects()).isEmpty();
        assertThat(events.published()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<aws.scheduler.scheduled-time>", "2026-11-22", "yesterday", ""})
    void handleRequest_shouldThrowNamingField_whenScheduledTimeIsNotAnInstant(String value) {
        // GIVEN
        String payload = "{\"scheduledTime\":\"" + value + "\"}";

        // WHEN / THEN
        assertThatThrownBy(() -> invoke(payload))
                .isInstanceOf(InvalidTriggerException.class)
                .hasMessageContaining("scheduledTime must be an ISO-8601 instant")
                .hasMessageContaining("was \"" + value + "\"");
        assertThat(reports.objects()).isEmpty();
    }

    @Test
    void handleRequest_shouldThrow_whenTimeIsNotText() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> invoke("{\"time\":1763789400000}"))
                .isInstanceOf(InvalidTriggerException.class)
                .hasMessageContaining("time must be an ISO-8601 instant")
                .hasMessageEndingWith("was 1763789400000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"2026-11-22T05:30:00Z\"", "42"})
    void handleRequest_shouldThrow_whenPayloadIsNotAnObject(String payload) {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> invoke(payload))
                .isInstanceOf(InvalidTriggerException.class)
                .hasMessageContaining("must be a JSON object");
    }

    private JsonNode invoke(String payload) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output, null);
        return Json.mapper().readTree(output.toByteArray());
    }
}
