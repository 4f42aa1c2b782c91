package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.pagerduty.PagerDutySource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PagerDuty deliveries, whatever their bytes: the signature check answers a verdict and accepts PagerDuty's own
 * {@code v1=} signatures (several while a secret rotates); the normaliser returns events, an ignored delivery, or
 * refuses with {@code InvalidRecordException}. Seeds: the samples of {@code events/webhooks/pagerduty/} and
 * {@code PagerDutySourceFuzzTestInputs/}.
 */
class PagerDutySourceFuzzTest {

    private final PagerDutySource source = new PagerDutySource(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("pagerduty");
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
    void verify_shouldAcceptPagerDutysOwnSignatures_whileRotating(byte[] body) {
        // GIVEN a body signed with the new and the old secret, as PagerDuty does while one rotates
        String header = "v1=" + HmacSignature.sha256Hex("new-secret", body)
                + ",v1=" + HmacSignature.sha256Hex("old-secret", body);

        // WHEN / THEN either configured secret is enough, and another is not
        assertThat(source.verify(delivery(body, header), List.of("old-secret")).isAccepted()).isTrue();
        assertThat(source.verify(delivery(body, header), List.of("new-secret")).isAccepted()).isTrue();
        assertThat(source.verify(delivery(body, header), List.of("another-secret")).isAccepted()).isFalse();
    }

    private static Delivery delivery(byte[] body, String signature) {
        return new Delivery("pagerduty", Map.of(PagerDutySource.SIGNATURE_HEADER, signature), body,
                WebhookSourceProperties.RECEIVED_AT);
    }
}
