package io.demandloop.shared.source.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerSourceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-16T09:48:00Z");
    private static final List<String> SECRETS = List.of("am-secret-2026");

    private final AlertmanagerSource source = new AlertmanagerSource(DemandloopConfig.defaults());

    private static byte[] raw(String name) {
        return ProjectFiles.read("events/webhooks/alertmanager/" + name);
    }

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(raw(name));
    }

    private static Delivery delivery(Map<String, String> headers) {
        return new Delivery("alertmanager", headers, raw("01-shop-group-firing.json"), RECEIVED);
    }

    private List<MonitoringEvent> normalise(AlertmanagerSource on, JsonNode body) {
        NormalisedDelivery result = on.normalise(delivery(Map.of()), body);
        assertThat(result.ignoredReason()).isNull();
        assertThat(result.tickets()).isEmpty();
        return result.alerts();
    }

    // ---- verification ---------------------------------------------------------------------------------------

    @Test
    void verify_shouldAccept_whenBearerSecretMatches() {
        // GIVEN http_config.authorization with type Bearer
        Delivery delivery = delivery(Map.of("Authorization", "Bearer am-secret-2026"));

        // WHEN
        VerificationResult result = source.verify(delivery, SECRETS);

        // THEN
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldAccept_whenBasicAuthMatches() {
        String basic = Base64.getEncoder().encodeToString("alertmanager:s3cret".getBytes(StandardCharsets.UTF_8));

        VerificationResult result = source.verify(delivery(Map.of("authorization", "Basic " + basic)), List.of("alertmanager:s3cret"));

        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldAccept_whenTheSecondSecretMatchesDuringRotation() {
        VerificationResult result = source.verify(delivery(Map.of("Authorization", "Bearer new-secret")),
                List.of("old-secret", "new-secret"));

        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenAuthorizationIsMissing() {
        VerificationResult result = source.verify(delivery(Map.of()), SECRETS);

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("missing Authorization");
    }

    @Test
    void verify_shouldReject_whenSecretIsWrong() {
        VerificationResult result = source.verify(delivery(Map.of("Authorization", "Bearer guessed")), SECRETS);

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("invalid credentials", "alertmanager");
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    @Test
    void normalise_shouldMapEveryCanonicalField_whenAlertFires() throws IOException {
        // GIVEN a group of two firing alerts
        JsonNode body = sample("01-shop-group-firing.json");

        // WHEN
        List<MonitoringEvent> events = normalise(source, body);

        // THEN one event per alert, in delivery order
        assertThat(events).hasSize(2);
        MonitoringEvent latency = events.get(0);
        assertThat(latency.source()).isEqualTo("alertmanager");
        assertThat(latency.fingerprint()).isEqualTo("5f8a0c3b1d2e4f67");
        assertThat(latency.alertId()).isEqualTo("5f8a0c3b1d2e4f67@2026-11-16T09:12:30.104Z");
        assertThat(latency.service()).isEqualTo("checkout");
        assertThat(latency.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(latency.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(latency.startsAt()).isEqualTo(Instant.parse("2026-11-16T09:12:30.104Z"));
        assertThat(latency.endsAt()).isNull();
        assertThat(latency.title()).isEqualTo("Checkout p99 latency above 2 s");
        assertThat(latency.link()).startsWith("http://prometheus.monitoring.svc:9090/graph?g0.expr=");
        assertThat(latency.observedAt()).isEqualTo(latency.startsAt());
        assertThat(latency.sourceVersion()).isEqualTo(Instant.parse("2026-11-16T09:12:30.104Z").toEpochMilli() * 2);
        assertThat(latency.labels()).containsEntry("alertname", "CheckoutHighLatency")
                .containsEntry("job", "checkout-api").containsEntry("severity", "critical");
    }

    @Test
    void normalise_shouldTakeServiceFromTheNextLabel_andTitleFromAlertname_whenServiceAndSummaryAreAbsent() throws IOException {
        MonitoringEvent disk = normalise(source, sample("01-shop-group-firing.json")).get(1);

        assertThat(disk.service()).isEqualTo("node-exporter");
        assertThat(disk.severity()).isEqualTo(Severity.WARNING);
        assertThat(disk.title()).isEqualTo("NodeFilesystemAlmostFull");
    }

    @Test
    void normalise_shouldDropDeniedLabelsAndEmailAddresses_asPersonalData() throws IOException {
        List<MonitoringEvent> events = normalise(source, sample("01-shop-group-firing.json"));

        String canonical = Json.mapper().writeValueAsString(events);
        assertThat(events.get(0).labels()).doesNotContainKeys("owner", "escalation");
        assertThat(canonical).doesNotContain("jane.doe").doesNotContain("Jane Doe");
    }

    @Test
    void normalise_shouldResolveTheSameOccurrenceWithAHigherVersion_whenOneAlertOfTheGroupResolves() throws IOException {
        // GIVEN the first delivery, then the next one of the group: latency resolved, disk still firing
        List<MonitoringEvent> first = normalise(source, sample("01-shop-group-firing.json"));

        // WHEN
        List<MonitoringEvent> second = normalise(source, sample("02-shop-group-latency-resolved.json"));

        // THEN each alert on its own status
        MonitoringEvent resolved = second.get(0);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(first.get(0).alertId());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-16T09:47:30.104Z"));
        assertThat(resolved.observedAt()).isEqualTo(resolved.endsAt());
        assertThat(resolved.sourceVersion()).isGreaterThan(first.get(0).sourceVersion());
        // a re-sent firing alert is the same version: a duplicate
        assertThat(second.get(1).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(second.get(1).alertId()).isEqualTo(first.get(1).alertId());
        assertThat(second.get(1).sourceVersion()).isEqualTo(first.get(1).sourceVersion());
    }

    @Test
    void normalise_shouldStartANewOccurrenceOfTheSameAlert_whenItFiresAgain() throws IOException {
        MonitoringEvent before = normalise(source, sample("01-shop-group-firing.json")).get(0);

        MonitoringEvent again = normalise(source, sample("03-checkout-latency-fires-again.json")).get(0);

        assertThat(again.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(again.alertId()).isNotEqualTo(before.alertId()).endsWith("@2026-11-16T13:02:00.551Z");
    }

    @Test
    void version_shouldRankResolvedAboveFiring_whenBothCarryTheSameInstant() {
        Instant at = Instant.parse("2026-11-16T09:12:30Z");

        long firing = AlertmanagerNormaliser.version(AlertStatus.FIRING, at, null);
        long resolved = AlertmanagerNormaliser.version(AlertStatus.RESOLVED, at, at);
        long resolvedLater = AlertmanagerNormaliser.version(AlertStatus.RESOLVED, at, at.plusSeconds(1));
        long resolvedBeforeStart = AlertmanagerNormaliser.version(AlertStatus.RESOLVED, at, at.minusSeconds(60));

        assertThat(resolved).isGreaterThan(firing);
        assertThat(resolvedLater).isGreaterThan(resolved);
        assertThat(resolvedBeforeStart).isGreaterThan(firing);
    }

    @Test
    void normalise_shouldKeepEndsAtNull_whenAFiringAlertCarriesAnEnd() throws IOException {
        // GIVEN a firing alert whose sender exposed its expected end
        ObjectNode body = sample("01-shop-group-firing.json");
        ((ObjectNode) body.get("alerts").get(0)).put("endsAt", "2026-11-16T10:00:00Z");

        // WHEN / THEN
        assertThat(normalise(source, body).get(0).endsAt()).isNull();
    }

    @Test
    void normalise_shouldGiveTheSameAlertId_whenStartsAtIsWrittenWithAnotherOffset() throws IOException {
        ObjectNode body = sample("01-shop-group-firing.json");
        ((ObjectNode) body.get("alerts").get(0)).put("startsAt", "2026-11-16T10:12:30.104+01:00");

        assertThat(normalise(source, body).get(0).alertId()).isEqualTo("5f8a0c3b1d2e4f67@2026-11-16T09:12:30.104Z");
    }

    @Test
    void normalise_shouldRefuse_whenPayloadVersionIsNot4() throws IOException {
        ObjectNode body = sample("01-shop-group-firing.json");
        body.put("version", "3");

        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("version must be \"4\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fingerprint|''|alerts[1].fingerprint is missing or empty",
        "status|pending|alerts[1].status must be firing or resolved, was 'pending'",
        "startsAt|yesterday|alerts[1].startsAt is not an RFC 3339 time: 'yesterday'",
        "startsAt|0001-01-01T00:00:00Z|alerts[1].startsAt is the zero time"})
    void normalise_shouldNameTheAlertAndField_whenAFieldIsInvalid(String field, String value, String message) throws IOException {
        // GIVEN a valid group with one field of its second alert spoilt
        ObjectNode body = sample("01-shop-group-firing.json");
        ((ObjectNode) body.get("alerts").get(1)).put(field, value);

        // WHEN / THEN
        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void normalise_shouldRefuse_whenAResolvedAlertHasNoEnd() throws IOException {
        ObjectNode body = sample("02-shop-group-latency-resolved.json");
        ((ObjectNode) body.get("alerts").get(0)).put("endsAt", "0001-01-01T00:00:00Z");

        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("alerts[0].endsAt")
                .hasMessageContaining("a resolved alert must say when it ended");
    }

    @Test
    void normalise_shouldRefuse_whenThereAreNoAlerts() throws IOException {
        ObjectNode empty = sample("01-shop-group-firing.json");
        empty.putArray("alerts");
        ObjectNode missing = sample("01-shop-group-firing.json");
        missing.remove("alerts");

        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), empty)).hasMessageContaining("alerts is empty");
        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), missing)).hasMessageContaining("alerts is missing");
    }

    // ---- configuration --------------------------------------------------------------------------------------

    @Test
    void normalise_shouldFollowConfiguredLabelsSeveritiesAndAliases_whenOverriddenInYaml() throws IOException {
        // GIVEN an instance that names services by team and uses P-levels as severities
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    Checkout: [checkout-api]
                alertmanager:
                  serviceLabels: [team, job]
                  severityLabel: priority
                  severities:
                    p1: critical
                  defaultSeverity: info
                  titleAnnotation: description
                  dropLabels: [instance]
                """);
        ObjectNode body = sample("01-shop-group-firing.json");
        ((ObjectNode) body.get("alerts").get(0).get("labels")).put("priority", "P1");

        // WHEN
        List<MonitoringEvent> events = normalise(new AlertmanagerSource(config), body);

        // THEN
        assertThat(events.get(0).service()).isEqualTo("Checkout");
        assertThat(events.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(events.get(0).title()).startsWith("p99 latency of POST /checkout");
        assertThat(events.get(0).labels()).doesNotContainKey("instance").containsKey("owner");
        assertThat(events.get(1).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void normalise_shouldFallBackToUnknownService_whenNoServiceLabelIsPresent() throws IOException {
        ObjectNode body = sample("01-shop-group-firing.json");
        ObjectNode labels = (ObjectNode) body.get("alerts").get(1).get("labels");
        labels.remove("job");
        labels.remove("namespace");

        assertThat(normalise(source, body).get(1).service()).isEqualTo(MonitoringEvent.UNKNOWN_SERVICE);
    }

    @Test
    void constructor_shouldFailWithTheKeyNamed_whenAConfigKeyIsMisspelt() {
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                alertmanager:
                  serviceLabel: [team]
                """);

        assertThatThrownBy(() -> new AlertmanagerSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("alertmanager")
                .hasMessageContaining("serviceLabel");
    }

    @Test
    void event_shouldRoundTripThroughJson_asTheBusCarriesIt() throws IOException {
        MonitoringEvent event = normalise(source, sample("02-shop-group-latency-resolved.json")).get(0);

        String json = Json.mapper().writeValueAsString(event);

        assertThat(Json.mapper().readValue(json, MonitoringEvent.class)).isEqualTo(event);
        assertThat(json).contains("\"status\":\"resolved\"", "\"severity\":\"critical\"");
    }
}
