package io.demandloop.functions.alertstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.aws.AwsEventNormaliser;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertStoreHandlerTest {

    private final InMemoryAlertRepository alerts = new InMemoryAlertRepository();
    private final AlertStoreHandler handler = new AlertStoreHandler(
            new AlertStoreService(alerts, new InMemoryTicketRepository(), EpisodeRules.defaults()),
            new AwsEventNormaliser(DemandloopConfig.defaults())::normalise);

    private static ObjectNode sample(String name) throws Exception {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/AlertStoreFunction/" + name));
    }

    private JsonNode invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void handleRequest_shouldStoreTheAlertAndItsEpisode_whenMonitoringEventReceived() throws Exception {
        JsonNode answer = invoke(sample("monitoring-event-received.json"));

        assertThat(answer.get("alerts")).hasSize(1);
        JsonNode stored = answer.get("alerts").get(0);
        assertThat(stored.get("outcome").asText()).isEqualTo("stored");
        assertThat(stored.get("episode").asText()).isEqualTo("Email#2026-11-16T08:00:00.000Z");
        assertThat(alerts.find("Email", "alertmanager#5c8a3e1f9b2d4c60@2026-11-16T08:00:00Z")).hasValueSatisfying(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-16T08:00:00Z"));
            assertThat(a.labels()).containsEntry("instance", "EXCH-PROD-01");
        });
    }

    @Test
    void handleRequest_shouldChangeNothing_whenRedelivered() throws Exception {
        invoke(sample("monitoring-event-received.json"));

        JsonNode again = invoke(sample("monitoring-event-received.json"));

        assertThat(again.get("alerts").get(0).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(alerts.alerts()).hasSize(1);
        assertThat(alerts.episodes()).hasSize(1);
    }

    @Test
    void handleRequest_shouldNormaliseACloudWatchAlarm_fromTheDefaultBus() throws Exception {
        JsonNode answer = invoke(sample("cloudwatch-alarm-state-change.json"));

        JsonNode stored = answer.get("alerts").get(0);
        assertThat(stored.get("outcome").asText()).isEqualTo("stored");
        String service = stored.get("service").asText();
        assertThat(alerts.alerts()).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo(AwsEventNormaliser.CLOUDWATCH_SOURCE);
            assertThat(a.service()).isEqualTo(service);
            assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
        });
        assertThat(alerts.episodes(service)).hasSize(1);
    }

    @Test
    void handleRequest_shouldThrowSoThatEventBridgeRetries_whenTheDetailIsNotAMonitoringEvent() throws Exception {
        ObjectNode event = sample("monitoring-event-received.json");
        ((ObjectNode) event.get("detail")).remove("alertId");

        assertThatThrownBy(() -> invoke(event)).hasMessageContaining("alertId");
        assertThat(alerts.alerts()).isEmpty();
    }

    @Test
    void handleRequest_shouldRefuse_whenTheEventIsOfAnotherKind() throws Exception {
        ObjectNode event = sample("monitoring-event-received.json");
        event.put("detail-type", "Ticket Received");

        assertThatThrownBy(() -> invoke(event)).hasMessageContaining("Ticket Received");
    }

    @Test
    void handleRequest_shouldStoreNothing_whenTheAwsEventStandsForNoAlert() throws Exception {
        AlertStoreHandler quiet = new AlertStoreHandler(
                new AlertStoreService(alerts, new InMemoryTicketRepository(), EpisodeRules.defaults()), e -> java.util.List.<MonitoringEvent>of());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        quiet.handleRequest(new ByteArrayInputStream(ProjectFiles.read("events/AlertStoreFunction/aws-health-event.json")), out, null);

        assertThat(Json.mapper().readTree(out.toByteArray()).get("alerts")).isEmpty();
        assertThat(alerts.alerts()).isEmpty();
    }
}
