package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.secrets.EnvironmentSecretProvider;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.auth.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Whatever {@code Authorization} header arrives, the shared-secret check answers a verdict (never an
 * exception), and a rejection says why. Input: line 1 is the header value, line 2 the configured secrets as
 * the secret store holds them ({@code new,old}); seeds in {@code SharedSecretFuzzTestInputs/}.
 */
class SharedSecretFuzzTest {

    private static final List<String> FALLBACK_SECRETS = List.of("fuzz-secret");

    @FuzzTest
    void verifyAuthorization_shouldAnswerAVerdict_forAnyHeader(byte[] input) {
        // GIVEN
        byte[][] parts = FuzzInput.parts(input, 2);
        String authorization = FuzzInput.text(parts[0]);
        List<String> secrets = secrets(parts[1]);

        // WHEN
        VerificationResult verdict = SharedSecret.verifyAuthorization("fuzz", authorization, secrets);

        // THEN
        assertThat(verdict).isNotNull();
        if (!verdict.isAccepted()) {
            assertThat(verdict.problem()).isNotBlank();
        }
    }

    @FuzzTest
    void verifyAuthorization_shouldAcceptEveryConfiguredSecret_asBearerOrBasic(byte[] input) {
        // GIVEN secrets as the secret store splits them (trimmed, non-empty, no commas)
        List<String> secrets = secrets(input);

        for (String secret : secrets) {
            // WHEN each is presented as a bearer token and as basic auth
            String basic = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            VerificationResult bearer = SharedSecret.verifyAuthorization("fuzz", "Bearer " + secret, secrets);
            VerificationResult basicAuth = SharedSecret.verifyAuthorization("fuzz", "Basic " + basic, secrets);
            VerificationResult other = SharedSecret.verifyAuthorization("fuzz", "Bearer " + secret + "x", List.of(secret));

            // THEN each is accepted, and a different one is not
            assertThat(bearer.isAccepted()).as("bearer %s", secret).isTrue();
            assertThat(basicAuth.isAccepted()).as("basic %s", secret).isTrue();
            assertThat(other.isAccepted()).as("bearer %sx", secret).isFalse();
        }
    }

    private static List<String> secrets(byte[] line) {
        List<String> secrets = EnvironmentSecretProvider.split(FuzzInput.text(line));
        return secrets.isEmpty() ? FALLBACK_SECRETS : secrets;
    }
}
