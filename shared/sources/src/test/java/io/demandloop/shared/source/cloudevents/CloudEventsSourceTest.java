package io.demandloop.shared.source.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventsSourceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-16T10:44:01Z");
    private static final String ALIASES = """
            services:
              aliases:
                SAP ERP: [sap]
            """;

    private final CloudEventsSource source = new CloudEventsSource(DemandloopConfig.fromYaml(ALIASES));

    private static JsonNode sample(String name) throws IOException {
        return Json.mapper().readTree(ProjectFiles.read("events/webhooks/cloudevents/" + name));
    }

    private static Delivery delivery(String contentType, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Delivery("cloudevents", headers, new byte[0], RECEIVED);
    }

    private static List<MonitoringEvent> alerts(NormalisedDelivery result) {
        assertThat(result.ignoredReason()).isNull();
        return result.alerts();
    }

    private List<MonitoringEvent> structured(CloudEventsSource on, JsonNode body) {
        return alerts(on.normalise(delivery("application/cloudevents+json; charset=utf-8", Map.of()), body));
    }

    @Test
    void acceptsContentType_shouldTakeStructuredBatchAndPlainJson_only() {
        assertThat(source.acceptsContentType("application/cloudevents+json")).isTrue();
        assertThat(source.acceptsContentType("application/cloudevents-batch+json")).isTrue();
        assertThat(source.acceptsContentType("application/json")).isTrue();
        assertThat(source.acceptsContentType("text/plain")).isFalse();
        assertThat(source.acceptsContentType(null)).isFalse();
    }

    @Test
    void verify_shouldCheckTheSharedSecret() {
        String basic = Base64.getEncoder().encodeToString("ce:pw".getBytes(StandardCharsets.UTF_8));

        assertThat(source.verify(delivery(null, Map.of("Authorization", "Bearer ce-secret")), List.of("ce-secret")).isAccepted()).isTrue();
        assertThat(source.verify(delivery(null, Map.of("Authorization", "Basic " + basic)), List.of("ce:pw")).isAccepted()).isTrue();
        VerificationResult wrong = source.verify(delivery(null, Map.of("Authorization", "Bearer x")), List.of("ce-secret"));
        assertThat(wrong.problem()).contains("invalid credentials for source 'cloudevents'");
        assertThat(source.verify(delivery(null, Map.of()), List.of("ce-secret")).problem()).contains("missing Authorization");
    }

    @Test
    void normalise_shouldMapDataThroughTheDefaultPointers_whenStructuredModeFires() throws IOException {
        // GIVEN one event in structured mode
        JsonNode body = sample("01-disk-pressure-firing.json");

        // WHEN
        List<MonitoringEvent> events = structured(source, body);

        // THEN
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("cloudevents");
            assertThat(e.alertId()).isEqualTo("//monitoring.example.com/zabbix sap-prd-db-01/disk-pressure");
            assertThat(e.fingerprint()).isEqualTo("sap-prd-db-01:vfs.fs.size[/hana/data,pused]");
            assertThat(e.service()).isEqualTo("SAP ERP");
            assertThat(e.severity()).isEqualTo(Severity.HIGH);
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.startsAt()).isEqualTo(Instant.parse("2026-11-16T10:01:30Z"));
            assertThat(e.endsAt()).isNull();
            assertThat(e.title()).isEqualTo("Disk /hana/data above 90 % on sap-prd-db-01");
            assertThat(e.link()).startsWith("https://zabbix.example.com/");
            assertThat(e.observedAt()).isEqualTo(Instant.parse("2026-11-16T10:02:00Z"));
            assertThat(e.sourceVersion()).isEqualTo(Instant.parse("2026-11-16T10:02:00Z").toEpochMilli() * 2);
            assertThat(e.labels()).containsEntry("host", "sap-prd-db-01").containsEntry("type", "com.example.monitoring.alert.firing")
                    .doesNotContainKey("acknowledged_by");
        });
    }

    @Test
    void normalise_shouldResolveTheSameAlert_whenALaterEventWithANewIdSaysResolvedInItsType() throws IOException {
        MonitoringEvent firing = structured(source, sample("01-disk-pressure-firing.json")).get(0);

        // no data.status: the status comes from the type's last segment
        MonitoringEvent resolved = structured(source, sample("02-disk-pressure-resolved.json")).get(0);

        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(firing.alertId());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-16T10:43:30Z"));
        assertThat(resolved.sourceVersion()).isGreaterThan(firing.sourceVersion());
    }

    @Test
    void normalise_shouldTakeEveryEvent_whenBatchMode() throws IOException {
        // GIVEN a batch of two events about one check
        JsonNode body = sample("03-batch.json");

        // WHEN
        List<MonitoringEvent> events = alerts(source.normalise(delivery("application/cloudevents-batch+json", Map.of()), body));

        // THEN
        assertThat(events).extracting(MonitoringEvent::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(events).extracting(MonitoringEvent::alertId).containsOnly("//monitoring.example.com/uptime https://vpn.example.com/healthz");
        assertThat(events.get(0).service()).isEqualTo("VPN");
        assertThat(events.get(0).severity()).isEqualTo(Severity.CRITICAL);
        // no data.startsAt: time; a resolved event without data.endsAt ends at its time
        assertThat(events.get(0).startsAt()).isEqualTo(Instant.parse("2026-11-16T11:30:12Z"));
        assertThat(events.get(1).endsAt()).isEqualTo(Instant.parse("2026-11-16T11:41:55Z"));
        assertThat(events.get(1).sourceVersion()).isGreaterThan(events.get(0).sourceVersion());
    }

    @Test
    void normalise_shouldReadBatchesAndSingleEvents_whenSentAsPlainJson() throws IOException {
        assertThat(alerts(source.normalise(delivery("application/json", Map.of()), sample("03-batch.json")))).hasSize(2);
        assertThat(alerts(source.normalise(delivery("application/json", Map.of()), sample("01-disk-pressure-firing.json")))).hasSize(1);
    }

    @Test
    void normalise_shouldIgnore_whenTheBatchIsEmpty() {
        NormalisedDelivery result = source.normalise(delivery("application/cloudevents-batch+json", Map.of()),
                Json.mapper().createArrayNode());

        assertThat(result.size()).isZero();
        assertThat(result.ignoredReason()).contains("empty CloudEvents batch");
    }

    @Test
    void normalise_shouldReadTheAttributesFromCeHeaders_whenBinaryMode() throws IOException {
        // GIVEN the data as the body and the attributes as ce-* headers
        JsonNode data = sample("01-disk-pressure-firing.json").get("data");
        Delivery delivery = delivery("application/json", Map.of(
                "ce-specversion", "1.0",
                "ce-id", "5b0c8f3e-1d2a-4e6b-9a7c-3f1e2d4c6b80",
                "ce-source", "//monitoring.example.com/zabbix",
                "ce-type", "com.example.monitoring.alert",
                "ce-subject", "sap-prd-db-01/disk-pressure",
                "ce-time", "2026-11-16T10:02:00Z"));

        // WHEN
        List<MonitoringEvent> events = alerts(source.normalise(delivery, data));

        // THEN the same alert as in structured mode
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.alertId()).isEqualTo("//monitoring.example.com/zabbix sap-prd-db-01/disk-pressure");
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.sourceVersion()).isEqualTo(structured(source, sample("01-disk-pressure-firing.json")).get(0).sourceVersion());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void normalise_shouldNameTheAttribute_whenARequiredAttributeIsMissing(String attribute) throws IOException {
        ObjectNode body = (ObjectNode) sample("01-disk-pressure-firing.json");
        body.remove(attribute);

        assertThatThrownBy(() -> structured(source, body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("required attribute " + attribute + " is missing");
    }

    @Test
    void normalise_shouldNameTheEventOfABatch_whenOneIsInvalid() throws IOException {
        ArrayNode body = (ArrayNode) sample("03-batch.json");
        ((ObjectNode) body.get(1)).put("source", "");

        assertThatThrownBy(() -> source.normalise(delivery("application/cloudevents-batch+json", Map.of()), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("events[1]: required attribute source is missing");
    }

    @Test
    void normalise_shouldRefuseOtherSpecVersions_andBodiesOfTheWrongShape() throws IOException {
        ObjectNode old = (ObjectNode) sample("01-disk-pressure-firing.json");
        old.put("specversion", "0.3");

        assertThatThrownBy(() -> structured(source, old)).hasMessageContaining("specversion '0.3' is not supported");
        assertThatThrownBy(() -> source.normalise(delivery("application/cloudevents-batch+json", Map.of()), old))
                .hasMessageContaining("must be a JSON array");
        assertThatThrownBy(() -> structured(source, sample("03-batch.json"))).hasMessageContaining("is not a JSON object");
    }

    @Test
    void normalise_shouldRefuse_whenAStatusValueIsNeitherFiringNorResolved() throws IOException {
        ObjectNode unknownValue = (ObjectNode) sample("01-disk-pressure-firing.json");
        ((ObjectNode) unknownValue.get("data")).put("status", "flapping");

        assertThatThrownBy(() -> structured(source, unknownValue)).hasMessageContaining("data/status 'flapping' is neither");
    }

    @Test
    void normalise_shouldTakeAnEventWithoutLifecycle_asAOneShotOccurrenceThatOpensAndEndsAtItsTime() throws IOException {
        // GIVEN two events of one subject, without status, whose type ends in no lifecycle word
        ObjectNode first = (ObjectNode) sample("01-disk-pressure-firing.json");
        ((ObjectNode) first.get("data")).remove("status");
        ((ObjectNode) first.get("data")).remove("startsAt");
        first.put("type", "com.example.deploy.finished");
        ObjectNode second = first.deepCopy();
        second.put("id", "another-id");
        second.put("time", "2026-11-16T11:00:00Z");

        // WHEN
        MonitoringEvent one = structured(source, first).get(0);
        MonitoringEvent two = structured(source, second).get(0);

        // THEN each is its own occurrence (identity: source and id), an episode that starts and ends at its time
        assertThat(one.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(one.startsAt()).isEqualTo(Instant.parse("2026-11-16T10:02:00Z"));
        assertThat(one.endsAt()).isEqualTo(one.startsAt());
        assertThat(one.alertId()).isEqualTo("//monitoring.example.com/zabbix 5b0c8f3e-1d2a-4e6b-9a7c-3f1e2d4c6b80");
        assertThat(two.alertId()).isNotEqualTo(one.alertId());
        assertThat(two.startsAt()).isEqualTo(two.endsAt()).isEqualTo(Instant.parse("2026-11-16T11:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"opened", "created", "triggered", "failed", "raised", "closed", "resolved", "recovered", "cleared"})
    void normalise_shouldReadTheCommonLifecycleVerbs_fromTheEndOfTheType(String verb) throws IOException {
        ObjectNode body = (ObjectNode) sample("01-disk-pressure-firing.json");
        ((ObjectNode) body.get("data")).remove("status");
        body.put("type", "com.example.incident." + verb);

        AlertStatus expected = List.of("closed", "resolved", "recovered", "cleared").contains(verb)
                ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        MonitoringEvent event = structured(source, body).get(0);
        assertThat(event.status()).isEqualTo(expected);
        // a lifecycle event keeps the alert's identity (source and subject), so that its resolution finds it
        assertThat(event.alertId()).isEqualTo("//monitoring.example.com/zabbix sap-prd-db-01/disk-pressure");
    }

    @Test
    void normalise_shouldAcceptDataBase64ThatIsNotJson_byItsAttributes() throws IOException {
        // GIVEN binary data (the spec allows any), once as data_base64, once as the body in binary mode
        ObjectNode structured = (ObjectNode) sample("01-disk-pressure-firing.json");
        structured.remove("data");
        structured.put("datacontenttype", "application/octet-stream");
        structured.put("data_base64", Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}));
        Delivery binary = new Delivery("cloudevents", Map.of(
                "Content-Type", "application/octet-stream",
                "ce-specversion", "1.0",
                "ce-id", "bin-1",
                "ce-source", "//monitoring.example.com/zabbix",
                "ce-type", "com.example.monitoring.alert.firing",
                "ce-subject", "sap-prd-db-01/disk-pressure",
                "ce-time", "2026-11-16T10:02:00Z"), new byte[] {(byte) 0xFF, 0, (byte) 0xFE}, RECEIVED);

        // WHEN
        MonitoringEvent fromBase64 = structured(source, structured).get(0);
        assertThat(source.readsRawBody(binary)).isTrue();
        MonitoringEvent fromBinary = alerts(source.normalise(binary, com.fasterxml.jackson.databind.node.MissingNode.getInstance())).get(0);

        // THEN both are taken by their attributes
        for (MonitoringEvent event : List.of(fromBase64, fromBinary)) {
            assertThat(event.alertId()).isEqualTo("//monitoring.example.com/zabbix sap-prd-db-01/disk-pressure");
            assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-11-16T10:02:00Z"));
        }
        // and data_base64 that is not base64 at all is still refused by name
        structured.put("data_base64", "not base64 !");
        assertThatThrownBy(() -> structured(source, structured)).hasMessageContaining("data_base64 is not base64");
    }

    @Test
    void normalise_shouldRefuse_whenNothingOrdersTheVersions() throws IOException {
        ObjectNode body = (ObjectNode) sample("01-disk-pressure-firing.json");
        body.remove("time");

        assertThatThrownBy(() -> structured(source, body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("attribute time is missing, and no cloudevents.versionPointer is set");
    }

    @Test
    void normalise_shouldFollowConfiguredPointersAndKeys_whenOverriddenInYaml() throws IOException {
        // GIVEN a producer that puts its alert in data.alert and counts versions
        CloudEventsSource custom = new CloudEventsSource(DemandloopConfig.fromYaml("""
                cloudevents:
                  alertKey: /alert/key
                  versionPointer: /alert/revision
                  statusPointer: /alert/state
                  resolvedValues: [ok]
                  fields:
                    service: /alert/owner_service
                    title: /alert/name
                """));
        ObjectNode body = (ObjectNode) sample("01-disk-pressure-firing.json");
        body.remove("time");
        ((ObjectNode) body.get("data")).putObject("alert")
                .put("key", "DISK-88123").put("revision", 7).put("state", "OK")
                .put("owner_service", "Billing").put("name", "Disk almost full");

        // WHEN
        MonitoringEvent event = structured(custom, body).get(0);

        // THEN
        assertThat(event.alertId()).isEqualTo("//monitoring.example.com/zabbix DISK-88123");
        assertThat(event.sourceVersion()).isEqualTo(7 * 2 + 1);
        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(event.service()).isEqualTo("Billing");
        assertThat(event.title()).isEqualTo("Disk almost full");
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-11-16T10:01:30Z"));
    }

    @Test
    void normalise_shouldMakeEveryEventItsOwnAlert_whenAlertKeyIsId() throws IOException {
        CloudEventsSource byId = new CloudEventsSource(DemandloopConfig.fromYaml("cloudevents: {alertKey: id}"));

        MonitoringEvent event = structured(byId, sample("01-disk-pressure-firing.json")).get(0);

        assertThat(event.alertId()).isEqualTo("//monitoring.example.com/zabbix 5b0c8f3e-1d2a-4e6b-9a7c-3f1e2d4c6b80");
    }

    @Test
    void constructor_shouldFailWithTheKeyNamed_whenAPointerIsMalformed() {
        DemandloopConfig config = DemandloopConfig.fromYaml("cloudevents: {fields: {service: service}}");

        assertThatThrownBy(() -> new CloudEventsSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("cloudevents.fields.service must be a JSON Pointer");
    }
}
