package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verification of mapped tools: shared secrets (bearer, basic) and HMAC signatures (hex, base64). */
class MappedAuthTest {

    private static final byte[] BODY = "{\"Id\":\"500Hs00001XyZ12IAF\",\"Status\":\"New\"}".getBytes(StandardCharsets.UTF_8);
    private static final MappedAuth HEX = new MappedAuth.HmacSha256("X-Hub-Signature-256", "sha256=",
            MappedAuth.HmacSha256.Encoding.HEX);
    private static final MappedAuth BASE64 = new MappedAuth.HmacSha256("X-Signature", "",
            MappedAuth.HmacSha256.Encoding.BASE64);

    private static Delivery delivery(byte[] body, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new Delivery("tool", map, body, Instant.EPOCH);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verify_shouldAccept_whenPresetGetsTheBearerSecret() {
        // GIVEN the BMC Helix preset, which takes a shared secret
        WebhookSource helix = MappedSources.all(DemandloopConfig.defaults()).get(0);

        // WHEN
        VerificationResult result = helix.verify(delivery(BODY, "Authorization", "Bearer s3cret"), List.of("s3cret"));

        // THEN
        assertThat(helix.name()).isEqualTo("bmc-helix");
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldAcceptBasicAuth_whenUserAndPasswordIsTheSecret() {
        // GIVEN an AR System webhook registered with Basic authentication
        Delivery delivery = delivery(BODY, "authorization", basic("demandloop:s3cret"));

        // WHEN
        VerificationResult result = new MappedAuth.Bearer().verify("bmc-helix", delivery, List.of("demandloop:s3cret"));

        // THEN
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenBearerSecretIsWrongOrMissing() {
        MappedAuth bearer = new MappedAuth.Bearer();

        assertThat(bearer.verify("ivanti", delivery(BODY, "Authorization", "Bearer guess"), List.of("s3cret")).problem())
                .isEqualTo("invalid credentials for source 'ivanti'");
        assertThat(bearer.verify("ivanti", delivery(BODY), List.of("s3cret")).problem())
                .startsWith("missing Authorization header");
    }

    @Test
    void verify_shouldAcceptBearer_whenSecretIsBeingRotated() {
        // GIVEN the tool still sends the old secret while the new one is configured too
        Delivery delivery = delivery(BODY, "Authorization", "Bearer old-secret");

        // WHEN / THEN
        assertThat(new MappedAuth.Bearer().verify("ivanti", delivery, List.of("new-secret", "old-secret")).isAccepted())
                .isTrue();
    }

    @Test
    void verify_shouldAccept_whenHexSignatureWithPrefixMatches() {
        // GIVEN
        String signature = "sha256=" + HmacSignature.sha256Hex("s3cret", BODY);

        // WHEN / THEN
        assertThat(HEX.verify("acme", delivery(BODY, "x-hub-signature-256", signature), List.of("s3cret")).isAccepted())
                .isTrue();
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", signature.toUpperCase(Locale.ROOT)),
                List.of("s3cret")).isAccepted()).as("prefix and hex case are ignored").isTrue();
    }

    @Test
    void verify_shouldAccept_whenBase64SignatureMatchesInAnyAlphabet() {
        // GIVEN one signature written in standard base64, and the same without padding in the URL-safe alphabet
        byte[] mac = HmacSignature.sha256("s3cret", BODY);
        String standard = Base64.getEncoder().encodeToString(mac);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(mac);

        // WHEN / THEN
        assertThat(BASE64.verify("acme", delivery(BODY, "X-Signature", standard), List.of("s3cret")).isAccepted()).isTrue();
        assertThat(BASE64.verify("acme", delivery(BODY, "X-Signature", urlSafe), List.of("s3cret")).isAccepted()).isTrue();
    }

    @Test
    void verify_shouldAccept_whenSignedWithEitherSecretDuringRotation() {
        // GIVEN two configured secrets, and deliveries signed with each
        List<String> secrets = List.of("new-secret", "old-secret");
        String byOld = "sha256=" + HmacSignature.sha256Hex("old-secret", BODY);
        String byNew = "sha256=" + HmacSignature.sha256Hex("new-secret", BODY);

        // WHEN / THEN
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", byOld), secrets).isAccepted()).isTrue();
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", byNew), secrets).isAccepted()).isTrue();
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", "sha256=00ff, " + byOld),
                List.of("old-secret")).isAccepted()).as("one of several signatures in the header").isTrue();
        assertThat(BASE64.verify("acme", delivery(BODY, "X-Signature",
                HmacSignature.sha256Base64("old-secret", BODY)), secrets).isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenTheBytesDifferFromWhatWasSigned() {
        // GIVEN a signature of the body, and the same body with one byte changed (or re-serialised)
        String signature = "sha256=" + HmacSignature.sha256Hex("s3cret", BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = 'X';
        byte[] reformatted = "{\"Id\": \"500Hs00001XyZ12IAF\", \"Status\": \"New\"}".getBytes(StandardCharsets.UTF_8);

        // WHEN / THEN
        assertThat(HEX.verify("acme", delivery(tampered, "X-Hub-Signature-256", signature), List.of("s3cret")).problem())
                .isEqualTo("invalid signature for source 'acme'");
        assertThat(HEX.verify("acme", delivery(reformatted, "X-Hub-Signature-256", signature), List.of("s3cret"))
                .isAccepted()).isFalse();
        assertThat(BASE64.verify("acme", delivery(tampered, "X-Signature", HmacSignature.sha256Base64("s3cret", BODY)),
                List.of("s3cret")).isAccepted()).isFalse();
    }

    @Test
    void verify_shouldReject_whenSignatureIsMissingMalformedOrUnderAnotherSecret() {
        String hex = HmacSignature.sha256Hex("s3cret", BODY);

        assertThat(HEX.verify("acme", delivery(BODY), List.of("s3cret")).problem())
                .isEqualTo("missing signature header X-Hub-Signature-256");
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", hex), List.of("s3cret")).problem())
                .isEqualTo("signature header X-Hub-Signature-256 must start with 'sha256='");
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", "sha256=not-hex"), List.of("s3cret"))
                .problem()).isEqualTo("invalid signature for source 'acme'");
        assertThat(HEX.verify("acme", delivery(BODY, "X-Hub-Signature-256", "sha256=" + hex), List.of("other"))
                .isAccepted()).isFalse();
        assertThat(BASE64.verify("acme", delivery(BODY, "X-Signature", "%%%"), List.of("s3cret")).isAccepted()).isFalse();
    }
}
