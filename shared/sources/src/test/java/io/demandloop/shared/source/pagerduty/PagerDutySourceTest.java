package io.demandloop.shared.source.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutySourceTest {

    private static final String SECRET = "pd-webhook-secret-A";
    private static final Instant RECEIVED = Instant.parse("2026-11-16T09:52:28Z");

    private final PagerDutySource source = new PagerDutySource(DemandloopConfig.defaults());

    private static byte[] raw(String name) {
        return ProjectFiles.read("events/webhooks/pagerduty/" + name);
    }

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(raw(name));
    }

    private static Delivery delivery(byte[] body, Map<String, String> headers) {
        return new Delivery("pagerduty", headers, body, RECEIVED);
    }

    private MonitoringEvent incident(PagerDutySource on, ObjectNode body) {
        NormalisedDelivery result = on.normalise(delivery(new byte[0], Map.of()), body);
        assertThat(result.ignoredReason()).isNull();
        return result.alerts().get(0);
    }

    // ---- verification ---------------------------------------------------------------------------------------

    @Test
    void verify_shouldAccept_whenTheV1SignatureMatches() {
        // GIVEN
        byte[] body = raw("01-incident-triggered.json");
        Delivery delivery = delivery(body, Map.of("X-PagerDuty-Signature", "v1=" + HmacSignature.sha256Hex(SECRET, body)));

        // WHEN
        VerificationResult result = source.verify(delivery, List.of(SECRET));

        // THEN
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldAccept_whenAnyOfSeveralSignaturesMatchesAnySecret_duringRotation() {
        // GIVEN PagerDuty signing with the old and the new secret while we know only the new one (and a third)
        byte[] body = raw("01-incident-triggered.json");
        String header = "v1=" + HmacSignature.sha256Hex("old-secret", body) + ", v1=" + HmacSignature.sha256Hex("new-secret", body);

        // WHEN
        VerificationResult result = source.verify(delivery(body, Map.of("x-pagerduty-signature", header)),
                List.of("unrelated", "new-secret"));

        // THEN
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenSignatureIsMissing() {
        VerificationResult result = source.verify(delivery(raw("01-incident-triggered.json"), Map.of()), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("missing X-PagerDuty-Signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256=abc", "v2=abc", "v1=", "garbage"})
    void verify_shouldReject_whenHeaderCarriesNoV1Signature(String header) {
        VerificationResult result = source.verify(delivery(raw("01-incident-triggered.json"), Map.of("X-PagerDuty-Signature", header)),
                List.of(SECRET));

        assertThat(result.problem()).contains("carries no v1=<hex> signature");
    }

    @Test
    void verify_shouldReject_whenSignatureIsOverDifferentBytes() {
        byte[] signed = raw("01-incident-triggered.json");
        byte[] sent = raw("03-incident-resolved.json");

        VerificationResult result = source.verify(delivery(sent, Map.of("X-PagerDuty-Signature", "v1=" + HmacSignature.sha256Hex(SECRET, signed))),
                List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("no X-PagerDuty-Signature value matches");
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    @Test
    void normalise_shouldMapEveryCanonicalField_whenIncidentIsTriggered() throws IOException {
        // GIVEN
        ObjectNode body = sample("01-incident-triggered.json");

        // WHEN
        MonitoringEvent event = incident(source, body);

        // THEN
        assertThat(event.source()).isEqualTo("pagerduty");
        assertThat(event.alertId()).isEqualTo("Q1R2S3T4U5V6W7");
        assertThat(event.fingerprint()).isEqualTo("b4f1c2d3e4a5968778695a4b3c2d1e0f");
        assertThat(event.service()).isEqualTo("Checkout API");
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-11-16T09:15:42Z"));
        assertThat(event.endsAt()).isNull();
        assertThat(event.title()).isEqualTo("Checkout p99 latency above 2 s");
        assertThat(event.link()).isEqualTo("https://example.pagerduty.com/incidents/Q1R2S3T4U5V6W7");
        assertThat(event.sourceVersion()).isEqualTo(Instant.parse("2026-11-16T09:15:42.117Z").toEpochMilli());
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2026-11-16T09:15:42.117Z"));
        assertThat(event.labels()).containsEntry("urgency", "high").containsEntry("priority", "P1")
                .containsEntry("incident_number", "4182").containsEntry("event_type", "incident.triggered");
    }

    @Test
    void normalise_shouldOrderTheIncidentsVersionsByOccurredAt_andResolveIt() throws IOException {
        MonitoringEvent triggered = incident(source, sample("01-incident-triggered.json"));
        MonitoringEvent acknowledged = incident(source, sample("02-incident-acknowledged.json"));
        MonitoringEvent resolved = incident(source, sample("03-incident-resolved.json"));

        assertThat(List.of(triggered, acknowledged, resolved)).extracting(MonitoringEvent::alertId).containsOnly("Q1R2S3T4U5V6W7");
        assertThat(acknowledged.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(acknowledged.labels()).containsEntry("status", "acknowledged");
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-16T09:52:27.915Z"));
        assertThat(triggered.sourceVersion()).isLessThan(acknowledged.sourceVersion());
        assertThat(acknowledged.sourceVersion()).isLessThan(resolved.sourceVersion());
    }

    @Test
    void normalise_shouldNeverCarryPeople_whenAssigneesAndAgentsAreSent() throws IOException {
        String canonical = Json.mapper().writeValueAsString(incident(source, sample("02-incident-acknowledged.json")));

        assertThat(canonical).doesNotContain("Jane Doe").doesNotContain("PXPGF42");
    }

    @ParameterizedTest
    @CsvSource({"04-incident-annotated.json,incident.annotated", "05-pagey-ping.json,pagey.ping"})
    void normalise_shouldIgnoreAndAnswer2xx_whenEventTypeIsNotTaken(String sample, String type) throws IOException {
        // GIVEN an event type we do not use (PagerDuty disables a subscription after repeated 4xx)
        ObjectNode body = sample(sample);

        // WHEN
        NormalisedDelivery result = source.normalise(delivery(new byte[0], Map.of()), body);

        // THEN
        assertThat(result.size()).isZero();
        assertThat(result.ignoredReason()).contains(type);
    }

    @Test
    void normalise_shouldIgnore_whenAServiceEventArrives() throws IOException {
        ObjectNode body = sample("01-incident-triggered.json");
        ((ObjectNode) body.get("event")).put("event_type", "service.updated").put("resource_type", "service");

        assertThat(source.normalise(delivery(new byte[0], Map.of()), body).ignoredReason()).contains("service.updated");
    }

    @Test
    void normalise_shouldIgnore_whenAConfiguredTypeCarriesNoIncident() throws IOException {
        // GIVEN annotations added to the taken types by mistake
        PagerDutySource annotations = new PagerDutySource(DemandloopConfig.fromYaml("pagerduty: {eventTypes: [incident.annotated]}"));

        // WHEN
        NormalisedDelivery result = annotations.normalise(delivery(new byte[0], Map.of()), sample("04-incident-annotated.json"));

        // THEN answered 2xx, not refused
        assertThat(result.size()).isZero();
        assertThat(result.ignoredReason()).contains("incident_note, not an incident");
    }

    @Test
    void normalise_shouldTakeSeverityFromUrgency_whenTheIncidentHasNoPriority() throws IOException {
        ObjectNode body = sample("01-incident-triggered.json");
        ObjectNode data = (ObjectNode) body.get("event").get("data");
        data.putNull("priority");
        data.put("urgency", "low");

        assertThat(incident(source, body).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void normalise_shouldFollowConfiguredSeveritiesAndEventTypes_whenOverriddenInYaml() throws IOException {
        // GIVEN an instance with its own priority names, taking annotations off the list
        PagerDutySource custom = new PagerDutySource(DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    Checkout: [Checkout API]
                pagerduty:
                  eventTypes: [incident.triggered, incident.resolved]
                  severities:
                    SEV-2: warning
                """));
        ObjectNode body = sample("01-incident-triggered.json");
        ((ObjectNode) body.get("event").get("data").get("priority")).put("summary", "SEV-2");

        // WHEN
        MonitoringEvent event = incident(custom, body);

        // THEN
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.service()).isEqualTo("Checkout");
        assertThat(custom.normalise(delivery(new byte[0], Map.of()), sample("02-incident-acknowledged.json")).ignoredReason())
                .contains("incident.acknowledged");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "event|occurred_at|event.occurred_at is missing or empty",
        "data|id|event.data.id is missing or empty",
        "data|status|event.data.status is missing or empty"})
    void normalise_shouldNameTheField_whenARequiredFieldIsMissing(String where, String field, String message) throws IOException {
        ObjectNode body = sample("01-incident-triggered.json");
        ObjectNode node = (ObjectNode) ("event".equals(where) ? body.get("event") : body.get("event").get("data"));
        node.remove(field);

        assertThatThrownBy(() -> source.normalise(delivery(new byte[0], Map.of()), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void normalise_shouldNameTheProblem_whenValuesAreMalformed() throws IOException {
        ObjectNode badStatus = sample("01-incident-triggered.json");
        ((ObjectNode) badStatus.get("event").get("data")).put("status", "snoozed");
        ObjectNode badTime = sample("01-incident-triggered.json");
        ((ObjectNode) badTime.get("event")).put("occurred_at", "16/11/2026 09:15");
        ObjectNode notV3 = Json.mapper().createObjectNode().put("messages", "v2");

        assertThatThrownBy(() -> source.normalise(delivery(new byte[0], Map.of()), badStatus))
                .hasMessageContaining("event.data.status must be triggered, acknowledged or resolved, was 'snoozed'");
        assertThatThrownBy(() -> source.normalise(delivery(new byte[0], Map.of()), badTime))
                .hasMessageContaining("event.occurred_at is not an ISO-8601 time");
        assertThatThrownBy(() -> source.normalise(delivery(new byte[0], Map.of()), notV3))
                .hasMessageContaining("event is missing");
    }
}
