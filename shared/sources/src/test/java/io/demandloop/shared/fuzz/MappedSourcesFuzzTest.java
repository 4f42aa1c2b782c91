package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.mapped.MappedAuth;
import io.demandloop.shared.source.mapped.MappedAuth.HmacSha256.Encoding;
import io.demandloop.shared.source.mapped.MappedSources;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tools mapped by configuration (section {@code mappings}: BMC Helix, Ivanti, ManageEngine, Salesforce, …),
 * whatever their bytes: every mapped source returns records or refuses with {@code InvalidRecordException}, and
 * the mappings' HMAC check answers a verdict and accepts a tool's own signature in hex or base64. Seeds: the
 * samples of each mapped tool's {@code events/webhooks/<tool>/} and {@code MappedSourcesFuzzTestInputs/}.
 */
class MappedSourcesFuzzTest {

    private static final List<WebhookSource> SOURCES = MappedSources.all(DemandloopConfig.defaults());

    private final MappedAuth.HmacSha256 hex = new MappedAuth.HmacSha256("X-Signature", "sha256=", Encoding.HEX);
    private final MappedAuth.HmacSha256 base64 = new MappedAuth.HmacSha256("X-Signature", "", Encoding.BASE64);

    static Stream<Arguments> samples() {
        return SOURCES.stream().flatMap(source -> FuzzInput.webhookSamples(source.name()));
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnRecordsOrThrowInvalidRecordException_forAnyJsonAndEveryMapping(byte[] body) {
        // GIVEN any body / WHEN each mapped tool receives it / THEN
        for (WebhookSource source : SOURCES) {
            WebhookSourceProperties.normalisesOrRefuses(source, body);
        }
    }

    @FuzzTest
    void hmacVerify_shouldAnswerAVerdict_forAnyHeadersAndBody(byte[] input) {
        // GIVEN any headers, secrets and body / WHEN / THEN
        WebhookSourceProperties.verifiesOrRefuses("mapped", (d, secrets) -> hex.verify("mapped", d, secrets), input);
        WebhookSourceProperties.verifiesOrRefuses("mapped", (d, secrets) -> base64.verify("mapped", d, secrets), input);
    }

    @MethodSource("samples")
    @FuzzTest
    void hmacVerify_shouldAcceptTheToolsOwnSignature_inHexAndBase64(byte[] body) {
        // GIVEN a body signed with the old of two secrets, written in each encoding
        List<String> secrets = List.of("new-secret", "old-secret");
        byte[] mac = HmacSignature.sha256("old-secret", body);
        String hexSignature = "SHA256=" + HmacSignature.sha256Hex("old-secret", body).toUpperCase(Locale.ROOT);
        String urlSafeUnpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(mac);

        // WHEN / THEN
        assertThat(hex.verify("mapped", delivery(body, hexSignature), secrets).isAccepted()).isTrue();
        assertThat(base64.verify("mapped", delivery(body, urlSafeUnpadded), secrets).isAccepted()).isTrue();
        String padded = Base64.getEncoder().encodeToString(mac);
        assertThat(base64.verify("mapped", delivery(body, padded), secrets).isAccepted()).isTrue();
        assertThat(hex.verify("mapped", delivery(body, hexSignature), List.of("another-secret")).isAccepted()).isFalse();
    }

    private static Delivery delivery(byte[] body, String signature) {
        return new Delivery("mapped", Map.of("X-Signature", signature), body, WebhookSourceProperties.RECEIVED_AT);
    }
}
