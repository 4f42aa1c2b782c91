package io.demandloop.shared.source.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatadogSourceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-16T10:05:03Z");

    private final DatadogSource source = new DatadogSource(DemandloopConfig.defaults());

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/datadog/" + name));
    }

    private static Delivery delivery(Map<String, String> headers) {
        return new Delivery("datadog", headers, ProjectFiles.read("events/webhooks/datadog/01-checkout-cpu-triggered.json"), RECEIVED);
    }

    private MonitoringEvent event(DatadogSource on, ObjectNode body) {
        NormalisedDelivery result = on.normalise(delivery(Map.of()), body);
        assertThat(result.ignoredReason()).isNull();
        return result.alerts().get(0);
    }

    @Test
    void verify_shouldAccept_whenCustomHeadersCarryTheSecret_andRejectOtherwise() {
        VerificationResult accepted = source.verify(delivery(Map.of("Authorization", "Bearer dd-secret")), List.of("dd-secret"));
        VerificationResult wrong = source.verify(delivery(Map.of("Authorization", "Bearer other")), List.of("dd-secret"));
        VerificationResult missing = source.verify(delivery(Map.of()), List.of("dd-secret"));
        VerificationResult rotated = source.verify(delivery(Map.of("Authorization", "Bearer next")), List.of("dd-secret", "next"));

        assertThat(accepted.isAccepted()).isTrue();
        assertThat(wrong.problem()).contains("invalid credentials for source 'datadog'");
        assertThat(missing.problem()).contains("missing Authorization");
        assertThat(rotated.isAccepted()).isTrue();
    }

    @Test
    void normalise_shouldMapEveryCanonicalField_whenTheMonitorTriggers() throws IOException {
        // GIVEN the recommended payload template, as Datadog fills it in
        ObjectNode body = sample("01-checkout-cpu-triggered.json");

        // WHEN
        MonitoringEvent event = event(source, body);

        // THEN
        assertThat(event.source()).isEqualTo("datadog");
        assertThat(event.alertId()).isEqualTo("7915438374092385612");
        assertThat(event.fingerprint()).isEqualTo("3c1a9b07e5d4f2a6c8e0b1d3f5a7c9e2");
        assertThat(event.service()).isEqualTo("checkout");
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-11-16T10:05:02Z"));
        assertThat(event.endsAt()).isNull();
        assertThat(event.title()).isEqualTo("Checkout CPU above 90 %");
        assertThat(event.link()).isEqualTo("https://app.datadoghq.eu/event/event?id=7915438374092385612");
        assertThat(event.sourceVersion()).isEqualTo(1794823502000L);
        assertThat(event.labels()).containsEntry("env", "prod").containsEntry("team", "payments").containsEntry("tags", "monitor")
                .containsEntry("monitor_id", "148291037").containsEntry("transition", "Triggered").doesNotContainKey("host");
    }

    @Test
    void normalise_shouldResolveTheSameCycleWithAHigherVersion_whenTheMonitorRecovers() throws IOException {
        MonitoringEvent triggered = event(source, sample("01-checkout-cpu-triggered.json"));

        MonitoringEvent recovered = event(source, sample("02-checkout-cpu-recovered.json"));

        assertThat(recovered.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(recovered.alertId()).isEqualTo(triggered.alertId());
        assertThat(recovered.title()).isEqualTo(triggered.title());
        assertThat(recovered.severity()).isEqualTo(triggered.severity());
        assertThat(recovered.endsAt()).isEqualTo(Instant.parse("2026-11-16T10:41:02Z"));
        assertThat(recovered.sourceVersion()).isGreaterThan(triggered.sourceVersion());
    }

    @Test
    void normalise_shouldFallBackToAlertTypeAndAggregationKey_whenPriorityAndCycleKeyAreNotSubstituted() throws IOException {
        // GIVEN a notification where Datadog left variables it could not fill in
        ObjectNode body = sample("01-checkout-cpu-triggered.json");
        body.put("alert_priority", "$ALERT_PRIORITY");
        body.put("alert_cycle_key", "");
        body.put("alert_type", "warning");

        // WHEN
        MonitoringEvent event = event(source, body);

        // THEN
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.alertId()).isEqualTo("3c1a9b07e5d4f2a6c8e0b1d3f5a7c9e2");
    }

    @Test
    void normalise_shouldIgnore_whenTheTransitionIsMappedToIgnore() throws IOException {
        ObjectNode body = sample("01-checkout-cpu-triggered.json");
        body.put("alert_transition", "Null");

        NormalisedDelivery result = source.normalise(delivery(Map.of()), body);

        assertThat(result.size()).isZero();
        assertThat(result.ignoredReason()).contains("'Null'");
    }

    @Test
    void normalise_shouldFollowConfiguredTransitionsAndServiceTags_whenOverriddenInYaml() throws IOException {
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                datadog:
                  transitions:
                    No Data: resolved
                  serviceTags: [team, service]
                """);
        ObjectNode body = sample("01-checkout-cpu-triggered.json");
        body.put("alert_transition", "No Data");

        MonitoringEvent event = event(new DatadogSource(config), body);

        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(event.service()).isEqualTo("payments");
    }

    @Test
    void constructor_shouldFail_whenATransitionMapsToAnUnknownOutcome() {
        DemandloopConfig config = DemandloopConfig.fromYaml("datadog: {transitions: {Warn: maybe}}");

        assertThatThrownBy(() -> new DatadogSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("datadog.transitions.Warn must be firing, resolved or ignore, was 'maybe'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alert_transition|Escalated|alert_transition 'Escalated' is not mapped",
        "alert_transition|''|alert_transition is missing or empty",
        "date|next tuesday|last_updated is neither an epoch time nor an ISO-8601 time"})
    void normalise_shouldNameTheField_whenAFieldIsInvalid(String field, String value, String message) throws IOException {
        ObjectNode body = sample("01-checkout-cpu-triggered.json");
        body.put(field, value);
        if (field.equals("date")) {
            body.put("last_updated", value);
        }

        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void normalise_shouldRefuse_whenTheTemplateSendsNoIdentityOrDate() throws IOException {
        ObjectNode noKeys = sample("01-checkout-cpu-triggered.json");
        noKeys.remove(List.of("alert_cycle_key", "aggreg_key"));
        ObjectNode noDate = sample("01-checkout-cpu-triggered.json");
        noDate.remove(List.of("date", "last_updated"));

        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), noKeys)).hasMessageContaining("$ALERT_CYCLE_KEY");
        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), noDate)).hasMessageContaining("$DATE");
    }

    @Test
    void normalise_shouldDropEmailTags_asPersonalData() throws IOException {
        ObjectNode body = sample("01-checkout-cpu-triggered.json");
        body.put("tags", "env:prod,service:checkout,creator:jane.doe@example.com,jane.doe@example.com");

        String canonical = Json.mapper().writeValueAsString(event(source, body));

        assertThat(canonical).doesNotContain("jane.doe");
    }
}
