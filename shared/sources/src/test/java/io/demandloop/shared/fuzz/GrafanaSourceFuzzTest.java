package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.grafana.GrafanaSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grafana deliveries, whatever their bytes: the signature check answers a verdict, accepts Grafana's own
 * signature over {@code timestamp:body} and refuses the same delivery replayed a day later; the normaliser returns
 * events or refuses with {@code InvalidRecordException}. Seeds: the samples of {@code events/webhooks/grafana/}
 * and {@code GrafanaSourceFuzzTestInputs/}.
 */
class GrafanaSourceFuzzTest {

    private static final String SIGNATURE = "X-Grafana-Alerting-Signature";
    private static final String TIMESTAMP = "X-Grafana-Alerting-Signature-Timestamp";

    private final GrafanaSource source = new GrafanaSource(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("grafana");
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnEventsOrThrowInvalidRecordException_forAnyJson(byte[] body) {
        // GIVEN any body / WHEN / THEN
        WebhookSourceProperties.normalisesOrRefuses(source, body);
    }

    @FuzzTest
    void verify_shouldAnswerAVerdict_forAnyHeadersAndBody(byte[] input) {
        // GIVEN any headers, secrets and body / WHEN / THEN
        WebhookSourceProperties.verifiesOrRefuses(source, input);
    }

    @MethodSource("samples")
    @FuzzTest
    void verify_shouldAcceptGrafanasOwnSignature_andRefuseItReplayed(byte[] body) {
        // GIVEN a body signed as Grafana signs it, at the moment it arrives and a day before
        List<String> secrets = List.of("new-secret", "old-secret");
        long now = WebhookSourceProperties.RECEIVED_AT.getEpochSecond();
        long dayBefore = now - 86_400;

        // WHEN / THEN
        assertThat(source.verify(signed(body, "old-secret", now), secrets).isAccepted()).isTrue();
        assertThat(source.verify(signed(body, "old-secret", dayBefore), secrets).isAccepted()).isFalse();
        assertThat(source.verify(signed(body, "another-secret", now), secrets).isAccepted()).isFalse();
    }

    private static Delivery signed(byte[] body, String secret, long timestamp) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes((timestamp + ":").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body);
        return new Delivery("grafana", Map.of(
                SIGNATURE, HmacSignature.sha256Hex(secret, message.toByteArray()),
                TIMESTAMP, Long.toString(timestamp)), body, WebhookSourceProperties.RECEIVED_AT);
    }
}
