package io.demandloop.shared.source.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.testing.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JiraSourceVerifyTest {

    private static final byte[] BODY = ProjectFiles.read("events/webhooks/jira/01-vpn-incident-created.json");
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String OLD_SECRET = "the one from last quarter";

    private final JiraSource source = new JiraSource(DemandloopConfig.defaults());

    private static Delivery delivery(byte[] body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new Delivery("jira", all, body, Instant.parse("2026-11-18T08:12:41Z"));
    }

    private static Delivery signed(byte[] body, String secret) {
        return delivery(body, Map.of("X-Hub-Signature", "sha256=" + HmacSignature.sha256Hex(secret, body)));
    }

    @Test
    void verify_shouldAccept_whenSignedWithTheSecret() {
        // GIVEN a delivery signed as Jira signs it
        Delivery delivery = signed(BODY, SECRET);

        // WHEN
        VerificationResult result = source.verify(delivery, List.of(SECRET));

        // THEN
        assertThat(result.isAccepted()).isTrue();
        assertThat(result.problem()).isNull();
    }

    @Test
    void verify_shouldAcceptEitherSecret_whenRotating() {
        // GIVEN the new and the old secret configured while Jira's webhook is switched over
        List<String> rotating = List.of(SECRET, OLD_SECRET);

        // WHEN / THEN
        assertThat(source.verify(signed(BODY, SECRET), rotating).isAccepted()).isTrue();
        assertThat(source.verify(signed(BODY, OLD_SECRET), rotating).isAccepted()).isTrue();
        assertThat(source.verify(signed(BODY, OLD_SECRET), List.of(SECRET)).isAccepted()).isFalse();
    }

    @Test
    void verify_shouldReject_whenSignedWithAnotherSecret() {
        VerificationResult result = source.verify(signed(BODY, "guessed"), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("invalid signature for source 'jira'");
    }

    @Test
    void verify_shouldReject_whenTheBytesDifferFromWhatWasSigned() {
        // GIVEN a signature over the body, then the same JSON with one byte of whitespace more
        String signature = "sha256=" + HmacSignature.sha256Hex(SECRET, BODY);
        byte[] reformatted = (new String(BODY, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] tampered = Arrays.copyOf(BODY, BODY.length);
        tampered[20] ^= 1;

        // WHEN / THEN the raw bytes are what is checked, not the parsed JSON
        assertThat(source.verify(delivery(reformatted, Map.of("X-Hub-Signature", signature)), List.of(SECRET)).isAccepted())
                .isFalse();
        assertThat(source.verify(delivery(tampered, Map.of("X-Hub-Signature", signature)), List.of(SECRET)).isAccepted())
                .isFalse();
    }

    @Test
    void verify_shouldReject_whenHeaderIsMissing() {
        VerificationResult result = source.verify(delivery(BODY, Map.of()), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).contains("missing X-Hub-Signature header");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sha1=0123456789abcdef0123456789abcdef01234567",
        "sha256=",
        "sha256",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        "sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
        "sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00"})
    void verify_shouldRejectClearly_whenHeaderIsMalformed(String header) {
        VerificationResult result = source.verify(delivery(BODY, Map.of("X-Hub-Signature", header)), List.of(SECRET));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problem()).startsWith("malformed X-Hub-Signature header");
    }

    @Test
    void verify_shouldAccept_whenHeaderNameAndHexDifferInCase() {
        String hex = HmacSignature.sha256Hex(SECRET, BODY).toUpperCase(Locale.ROOT);

        VerificationResult result = source.verify(delivery(BODY, Map.of("x-hub-signature", " SHA256=" + hex + " ")),
                List.of(SECRET));

        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldNotNeedTheWebhookIdentifier() {
        // GIVEN a delivery with and one without Jira's redelivery id
        Delivery with = delivery(BODY, Map.of("X-Hub-Signature", "sha256=" + HmacSignature.sha256Hex(SECRET, BODY),
                "X-Atlassian-Webhook-Identifier", "c5d8f7e6-0a1b-4c3d-9e8f-7a6b5c4d3e2f"));
        Delivery without = signed(BODY, SECRET);

        // WHEN / THEN
        assertThat(source.verify(with, List.of(SECRET)).isAccepted()).isTrue();
        assertThat(source.verify(without, List.of(SECRET)).isAccepted()).isTrue();
    }

    @Test
    void acceptsContentType_shouldTakeJsonOnly() {
        assertThat(source.name()).isEqualTo("jira");
        assertThat(source.acceptsContentType("application/json")).isTrue();
        assertThat(source.acceptsContentType("text/plain")).isFalse();
    }
}
