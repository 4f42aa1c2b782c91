package io.demandloop.shared.source.opsgenie;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpsgenieSourceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-16T10:50:34Z");

    private final OpsgenieSource source = new OpsgenieSource(DemandloopConfig.defaults());

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/opsgenie/" + name));
    }

    private static Delivery delivery(Map<String, String> headers) {
        return new Delivery("opsgenie", headers, ProjectFiles.read("events/webhooks/opsgenie/01-create.json"), RECEIVED);
    }

    private MonitoringEvent event(OpsgenieSource on, ObjectNode body) {
        NormalisedDelivery result = on.normalise(delivery(Map.of()), body);
        assertThat(result.ignoredReason()).isNull();
        return result.alerts().get(0);
    }

    @Test
    void verify_shouldAcceptBearerAndBasic_andRejectWrongOrMissingSecrets() {
        String basic = Base64.getEncoder().encodeToString("opsgenie:s3cret".getBytes(StandardCharsets.UTF_8));

        VerificationResult bearer = source.verify(delivery(Map.of("Authorization", "Bearer og-secret")), List.of("og-secret"));
        VerificationResult basicAuth = source.verify(delivery(Map.of("Authorization", "Basic " + basic)), List.of("opsgenie:s3cret"));
        VerificationResult wrong = source.verify(delivery(Map.of("Authorization", "Bearer nope")), List.of("og-secret"));
        VerificationResult missing = source.verify(delivery(Map.of()), List.of("og-secret"));

        assertThat(bearer.isAccepted()).isTrue();
        assertThat(basicAuth.isAccepted()).isTrue();
        assertThat(wrong.problem()).contains("invalid credentials for source 'opsgenie'");
        assertThat(missing.problem()).contains("missing Authorization");
    }

    @Test
    void normalise_shouldMapEveryCanonicalField_whenAlertIsCreated() throws IOException {
        // GIVEN
        ObjectNode body = sample("01-create.json");

        // WHEN
        MonitoringEvent event = event(source, body);

        // THEN
        assertThat(event.source()).isEqualTo("opsgenie");
        assertThat(event.alertId()).isEqualTo("6b1e7d2a-3c4f-4e5a-9b8c-7d6e5f4a3b2c-1794824100512");
        assertThat(event.fingerprint()).isEqualTo("sap-billing-batch-BILL_RUN_EU");
        assertThat(event.service()).isEqualTo("sap");
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.startsAt()).isEqualTo(Instant.ofEpochMilli(1794824100512L));
        assertThat(event.endsAt()).isNull();
        assertThat(event.title()).isEqualTo("SAP billing batch job BILL_RUN_EU failed");
        assertThat(event.link()).isNull();
        // updatedAt is in nanoseconds; the version keeps microseconds
        assertThat(event.sourceVersion()).isEqualTo(1794824100547000L);
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2026-11-16T10:15:00.547Z"));
        assertThat(event.labels()).containsEntry("service", "sap").containsEntry("env", "prod")
                .containsEntry("tags", "batch").containsEntry("job", "BILL_RUN_EU").containsEntry("entity", "sap-prd-app-02")
                .containsEntry("priority", "P2").containsEntry("action", "Create");
    }

    @Test
    void normalise_shouldDropPeopleAndAddresses_fromTagsDetailsAndUser() throws IOException {
        MonitoringEvent event = event(source, sample("02-acknowledge.json"));

        String canonical = Json.mapper().writeValueAsString(event);
        assertThat(event.labels()).doesNotContainKeys("oncall", "reported_by");
        assertThat(canonical).doesNotContain("jane.doe").doesNotContain("batch-monitor@").doesNotContain("8d43133c");
    }

    @Test
    void normalise_shouldFollowTheAlertFromCreateToClose_withGrowingVersions() throws IOException {
        MonitoringEvent created = event(source, sample("01-create.json"));
        MonitoringEvent acknowledged = event(source, sample("02-acknowledge.json"));
        MonitoringEvent closed = event(source, sample("04-close.json"));

        assertThat(List.of(created, acknowledged, closed)).extracting(MonitoringEvent::alertId).containsOnly(created.alertId());
        assertThat(acknowledged.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(closed.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(closed.startsAt()).isEqualTo(created.startsAt());
        assertThat(closed.endsAt()).isEqualTo(Instant.parse("2026-11-16T10:50:33.904Z"));
        assertThat(created.sourceVersion()).isLessThan(acknowledged.sourceVersion());
        assertThat(acknowledged.sourceVersion()).isLessThan(closed.sourceVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AddNote", "AssignOwnership", "TakeOwnership", "AddTags", "UpdatePriority", "Snooze", "Delete"})
    void normalise_shouldIgnoreAndAnswer2xx_whenTheActionChangesNothingWeKeep(String action) throws IOException {
        // GIVEN a note, an owner change, or an edit that can also happen on a closed alert
        ObjectNode body = sample("03-add-note.json");
        body.put("action", action);

        // WHEN
        NormalisedDelivery result = source.normalise(delivery(Map.of()), body);

        // THEN
        assertThat(result.size()).isZero();
        assertThat(result.ignoredReason()).contains(action);
    }

    @Test
    void normalise_shouldTakeMoreActions_andLinkTheAlert_whenConfigured() throws IOException {
        // GIVEN an instance that never edits closed alerts and wants links back
        OpsgenieSource custom = new OpsgenieSource(DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    SAP ERP: [sap]
                opsgenie:
                  firingActions: [Create, Acknowledge, UnAcknowledge, UpdatePriority]
                  alertUrlTemplate: https://example.app.opsgenie.com/alert/detail/{alertId}/details
                """));
        ObjectNode body = sample("02-acknowledge.json");
        body.put("action", "UpdatePriority");
        ((ObjectNode) body.get("alert")).put("priority", "P1");

        // WHEN
        MonitoringEvent event = event(custom, body);

        // THEN
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.service()).isEqualTo("SAP ERP");
        assertThat(event.link()).isEqualTo(
                "https://example.app.opsgenie.com/alert/detail/6b1e7d2a-3c4f-4e5a-9b8c-7d6e5f4a3b2c-1794824100512/details");
    }

    @Test
    void normalise_shouldReadOlderPayloads_whenPriorityIsANumberAndUpdatedAtIsAbsent() throws IOException {
        ObjectNode body = sample("01-create.json");
        ObjectNode alert = (ObjectNode) body.get("alert");
        alert.put("priority", 3);
        alert.remove("updatedAt");

        MonitoringEvent event = event(source, body);

        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.sourceVersion()).isEqualTo(1794824100512000L);
    }

    @Test
    void normalise_shouldNameTheField_whenTheAlertCannotBeRead() throws IOException {
        ObjectNode noId = sample("01-create.json");
        ((ObjectNode) noId.get("alert")).remove("alertId");
        ObjectNode noTimes = sample("01-create.json");
        ((ObjectNode) noTimes.get("alert")).remove(List.of("createdAt", "updatedAt"));
        ObjectNode badTime = sample("01-create.json");
        ((ObjectNode) badTime.get("alert")).put("updatedAt", "yesterday");
        ObjectNode noAction = sample("01-create.json");
        noAction.remove("action");

        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), noId))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("alert.alertId is missing");
        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), noTimes)).hasMessageContaining("alert.createdAt is missing");
        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), badTime)).hasMessageContaining("alert.updatedAt must be an epoch time");
        assertThatThrownBy(() -> source.normalise(delivery(Map.of()), noAction)).hasMessageContaining("body.action is missing");
    }

    @Test
    void constructor_shouldFail_whenAnActionIsBothFiringAndResolved() {
        DemandloopConfig config = DemandloopConfig.fromYaml("opsgenie: {firingActions: [Create, Close]}");

        assertThatThrownBy(() -> new OpsgenieSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("'Close' is in both firingActions and resolvedActions");
    }
}
