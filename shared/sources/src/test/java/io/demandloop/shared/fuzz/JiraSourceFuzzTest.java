package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.jira.JiraSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jira deliveries, whatever their bytes: the signature check answers a verdict and accepts Jira's own
 * signature, the normaliser returns tickets or refuses with {@code InvalidRecordException}. Seeds: the samples of
 * {@code events/webhooks/jira/} and {@code JiraSourceFuzzTestInputs/}.
 */
class JiraSourceFuzzTest {

    private final JiraSource source = new JiraSource(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("jira");
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnTicketsOrThrowInvalidRecordException_forAnyJson(byte[] body) {
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
    void verify_shouldAcceptJirasOwnSignature_underAnyConfiguredSecret(byte[] body) {
        // GIVEN secrets while rotating, and a body signed as Jira signs it with the older one
        List<String> secrets = List.of("new-secret", "old-secret");
        String signature = "sha256=" + HmacSignature.sha256Hex("old-secret", body);
        Delivery delivery = new Delivery("jira", Map.of(JiraSource.SIGNATURE_HEADER, signature), body,
                WebhookSourceProperties.RECEIVED_AT);

        // WHEN / THEN it is accepted
        assertThat(source.verify(delivery, secrets).isAccepted()).isTrue();
        // and the same signature over a body changed by one bit is not
        if (body.length > 0) {
            byte[] tampered = body.clone();
            tampered[tampered.length / 2] ^= 1;
            Delivery forged = new Delivery("jira", Map.of(JiraSource.SIGNATURE_HEADER, signature), tampered,
                    WebhookSourceProperties.RECEIVED_AT);
            assertThat(source.verify(forged, secrets).isAccepted()).isFalse();
        }
    }
}
