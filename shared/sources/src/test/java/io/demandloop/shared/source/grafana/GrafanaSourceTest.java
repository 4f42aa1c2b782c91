package io.demandloop.shared.source.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaSourceTest {

    private static final String SIGNATURE = "X-Grafana-Alerting-Signature";
    private static final String TIMESTAMP = "X-Grafana-Alerting-Signature-Timestamp";
    private static final String SECRET = "grafana-hmac-2026";
    private static final Instant RECEIVED = Instant.parse("2026-11-16T09:31:12Z");

    private final GrafanaSource source = new GrafanaSource(DemandloopConfig.defaults());
    /** An instance that explicitly opts out of the timestamp, for the tests of untimestamped signatures. */
    private final GrafanaSource untimestamped = new GrafanaSource(DemandloopConfig.fromYaml("grafana: {requireTimestamp: false}"));

    private static byte[] raw(String name) {
        return ProjectFiles.read("events/webhooks/grafana/" + name);
    }

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(raw(name));
    }

    private static String signTimestamped(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return HmacSignature.sha256Hex(secret, signed);
    }

    private static Delivery delivery(byte[] body, String signature, String timestamp) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (signature != null) {
            headers.put(SIGNATURE, signature);
        }
        if (timestamp != null) {
            headers.put(TIMESTAMP, timestamp);
        }
        return new Delivery("grafana", headers, body, RECEIVED);
    }

    private static List<MonitoringEvent> alerts(NormalisedDelivery result) {
        assertThat(result.ignoredReason()).isNull();
        return result.alerts();
    }

    // ---- verification ---------------------------------------------------------------------------------------

    @Test
    void verify_shouldAccept_whenSignatureOverTheRawBodyMatches_andTheTimestampIsOptedOut() {
        // GIVEN a contact point with an HMAC secret and no timestamp header, explicitly allowed
        byte[] body = raw("01-payments-error-rate-firing.json");
        Delivery delivery = delivery(body, HmacSignature.sha256Hex(SECRET, body), null);

        // WHEN
        VerificationResult result = untimestamped.verify(delivery, List.of(SECRET));

        // THEN
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldAccept_whenTimestampedSignatureIsWithinTheWindow() {
        byte[] body = raw("01-payments-error-rate-firing.json");
        String timestamp = Long.toString(RECEIVED.minusSeconds(30).getEpochSecond());

        VerificationResult result = source.verify(delivery(body, signTimestamped(SECRET, timestamp, body), timestamp), List.of(SECRET));

        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenTimestampIsTooOld() {
        // GIVEN an authentic delivery signed 6 minutes before it arrives (a replay)
        byte[] body = raw("01-payments-error-rate-firing.json");
        String timestamp = Long.toString(RECEIVED.minusSeconds(360).getEpochSecond());
        Delivery delivery = delivery(body, signTimestamped(SECRET, timestamp, body), timestamp);

        // WHEN
        VerificationResult result = source.verify(delivery, List.of(SECRET));

        // THEN
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("is 360 s old", "more than 300 s", "refused as replays", "grafana.replayWindowSeconds");
    }

    @Test
    void verify_shouldReject_whenTimestampIsTooFarInTheFuture() {
        byte[] body = raw("01-payments-error-rate-firing.json");
        String timestamp = Long.toString(RECEIVED.plusSeconds(900).getEpochSecond());

        VerificationResult result = source.verify(delivery(body, signTimestamped(SECRET, timestamp, body), timestamp), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("900 s in the future");
    }

    @Test
    void verify_shouldReject_whenTimestampIsNotANumber() {
        byte[] body = raw("01-payments-error-rate-firing.json");

        VerificationResult result = source.verify(delivery(body, "00", "yesterday"), List.of(SECRET));

        assertThat(result.problem()).contains(TIMESTAMP, "is not a Unix timestamp");
    }

    @Test
    void verify_shouldReject_whenTheTimestampWasChangedAfterSigning() {
        // GIVEN a replayed delivery whose timestamp header was refreshed by the attacker
        byte[] body = raw("01-payments-error-rate-firing.json");
        String signedAt = Long.toString(RECEIVED.minusSeconds(3600).getEpochSecond());
        String fresh = Long.toString(RECEIVED.getEpochSecond());

        VerificationResult result = source.verify(delivery(body, signTimestamped(SECRET, signedAt, body), fresh), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("does not match");
    }

    @Test
    void verify_shouldReject_whenSignatureIsMissing() {
        VerificationResult result = untimestamped.verify(delivery(raw("01-payments-error-rate-firing.json"), null, null), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("missing " + SIGNATURE);
    }

    @Test
    void verify_shouldReject_whenSignatureIsOverDifferentBytes() {
        byte[] signedBody = raw("01-payments-error-rate-firing.json");
        byte[] sentBody = raw("02-payments-error-rate-resolved.json");

        VerificationResult result = untimestamped.verify(delivery(sentBody, HmacSignature.sha256Hex(SECRET, signedBody), null), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("does not match the body", "grafana");
    }

    @Test
    void verify_shouldReject_whenSignedWithAnotherSecret() {
        byte[] body = raw("01-payments-error-rate-firing.json");

        VerificationResult result = untimestamped.verify(delivery(body, HmacSignature.sha256Hex("guessed", body), null), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
    }

    @Test
    void verify_shouldAccept_whenSignedWithTheNewSecretDuringRotation() {
        byte[] body = raw("01-payments-error-rate-firing.json");

        VerificationResult result = untimestamped.verify(delivery(body, HmacSignature.sha256Hex("new-secret", body).toUpperCase(), null),
                List.of(SECRET, "new-secret"));

        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenTimestampIsAbsent_byDefault() {
        // GIVEN the default configuration and a delivery correctly signed over the raw body, without a timestamp
        byte[] body = raw("01-payments-error-rate-firing.json");

        // WHEN
        VerificationResult result = source.verify(delivery(body, HmacSignature.sha256Hex(SECRET, body), null), List.of(SECRET));

        // THEN it is refused: such a signature could be replayed forever
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("missing " + TIMESTAMP, "grafana.requireTimestamp");
        assertThat(source.configurationWarnings()).isEmpty();
    }

    @Test
    void configurationWarnings_shouldSayReplayIsPossible_whenTheTimestampIsOptedOut() {
        assertThat(untimestamped.configurationWarnings()).singleElement().asString()
                .contains("grafana.requireTimestamp is false", "replayed");
    }

    @Test
    void verify_shouldApplyTheConfiguredWindowAndHeaders_whenOverriddenInYaml() {
        GrafanaSource custom = new GrafanaSource(DemandloopConfig.fromYaml("""
                grafana:
                  signatureHeader: X-Signature
                  timestampHeader: X-Timestamp
                  replayWindowSeconds: 60
                """));
        byte[] body = raw("01-payments-error-rate-firing.json");
        String timestamp = Long.toString(RECEIVED.minusSeconds(90).getEpochSecond());
        Delivery delivery = new Delivery("grafana",
                Map.of("X-Signature", signTimestamped(SECRET, timestamp, body), "X-Timestamp", timestamp), body, RECEIVED);

        VerificationResult result = custom.verify(delivery, List.of(SECRET));

        assertThat(result.problem()).contains("90 s old", "more than 60 s");
    }

    @Test
    void constructor_shouldFail_whenReplayWindowIsNotPositive() {
        DemandloopConfig config = DemandloopConfig.fromYaml("grafana: {replayWindowSeconds: 0}");

        assertThatThrownBy(() -> new GrafanaSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("grafana.replayWindowSeconds");
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    @Test
    void normalise_shouldReadTheAlertmanagerShape_whenGrafanaAddsItsOwnFields() throws IOException {
        // GIVEN Grafana's payload, times written with a +01:00 offset
        ObjectNode body = sample("01-payments-error-rate-firing.json");

        // WHEN
        List<MonitoringEvent> events = alerts(source.normalise(delivery(raw("01-payments-error-rate-firing.json"), null, null), body));

        // THEN
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("grafana");
            assertThat(e.alertId()).isEqualTo("3e91b7c0d4a2f518@2026-11-16T09:31:10Z");
            assertThat(e.fingerprint()).isEqualTo("3e91b7c0d4a2f518");
            assertThat(e.service()).isEqualTo("payments-api");
            assertThat(e.severity()).isEqualTo(Severity.HIGH);
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.startsAt()).isEqualTo(Instant.parse("2026-11-16T09:31:10Z"));
            assertThat(e.endsAt()).isNull();
            assertThat(e.title()).isEqualTo("Payments API 5xx rate above 5 %");
            assertThat(e.link()).isEqualTo("https://grafana.example.com/alerting/grafana/bdz1x9k7q0ao0c/view?orgId=1");
            assertThat(e.labels()).containsEntry("grafana_folder", "Payments").containsEntry("team", "payments");
        });
    }

    @Test
    void normalise_shouldResolveTheSameOccurrenceWithAHigherVersion_whenTheAlertResolves() throws IOException {
        MonitoringEvent firing = alerts(source.normalise(delivery(new byte[0], null, null), sample("01-payments-error-rate-firing.json"))).get(0);

        MonitoringEvent resolved = alerts(source.normalise(delivery(new byte[0], null, null), sample("02-payments-error-rate-resolved.json"))).get(0);

        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(firing.alertId());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-16T09:58:10Z"));
        assertThat(resolved.sourceVersion()).isGreaterThan(firing.sourceVersion());
    }

    @Test
    void normalise_shouldIgnore_whenTheContactPointTestButtonSendsItsFakeAlert() throws IOException {
        NormalisedDelivery result = source.normalise(delivery(new byte[0], null, null), sample("03-contact-point-test.json"));

        assertThat(result.size()).isZero();
        assertThat(result.ignoredReason()).contains("test notification");
    }

    @Test
    void normalise_shouldTakeTheTestAlert_whenIgnoringTestsIsTurnedOff() throws IOException {
        GrafanaSource keepsTests = new GrafanaSource(DemandloopConfig.fromYaml("grafana: {ignoreTestNotifications: false}"));

        NormalisedDelivery result = keepsTests.normalise(delivery(new byte[0], null, null), sample("03-contact-point-test.json"));

        assertThat(result.alerts()).singleElement().satisfies(e -> assertThat(e.title()).isEqualTo("Notification test"));
    }

    @Test
    void normalise_shouldDropGrafanaInternalLabels() throws IOException {
        ObjectNode body = sample("01-payments-error-rate-firing.json");
        ((ObjectNode) body.get("alerts").get(0).get("labels")).put("__alert_rule_uid__", "bdz1x9k7q0ao0c");

        MonitoringEvent event = alerts(source.normalise(delivery(new byte[0], null, null), body)).get(0);

        assertThat(event.labels()).doesNotContainKey("__alert_rule_uid__");
    }
}
