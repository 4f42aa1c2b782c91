package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.secrets.EnvironmentSecretProvider;
import io.demandloop.shared.source.auth.HmacSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whatever signature header and body arrive, the HMAC check answers true or false (never an exception), a
 * signature made with a configured secret always matches (in either hex case), and one changed digit never
 * does. Input: line 1 the presented signatures (comma-separated, as several tools send several), line 2 the
 * configured secrets as the secret store holds them, the rest the raw body; seeds in
 * {@code HmacSignatureFuzzTestInputs/}.
 */
class HmacSignatureFuzzTest {

    private static final List<String> FALLBACK_SECRETS = List.of("fuzz-secret");

    @FuzzTest
    void matchesAnyHex_shouldAnswer_forAnySignatureAndBody(byte[] input) {
        // GIVEN
        byte[][] parts = FuzzInput.parts(input, 3);
        List<String> presented = Arrays.asList(FuzzInput.text(parts[0]).split(",", -1));
        List<String> secrets = secrets(parts[1]);
        byte[] body = parts[2];

        // WHEN
        boolean forged = HmacSignature.matchesAnyHex(presented, secrets, body);
        String genuine = HmacSignature.sha256Hex(secrets.get(0), body);

        // THEN a signature made with a configured secret matches, in either case, among other junk
        assertThat(HmacSignature.matchesAnyHex(List.of(genuine), secrets, body)).isTrue();
        assertThat(HmacSignature.matchesAnyHex(List.of(genuine.toUpperCase(Locale.ROOT)), secrets, body)).isTrue();
        assertThat(HmacSignature.matchesAnyHex(concat(presented, genuine), secrets, body)).isTrue();
        // and a changed digit does not
        String tampered = (genuine.charAt(0) == '0' ? "1" : "0") + genuine.substring(1);
        assertThat(HmacSignature.matchesAnyHex(List.of(tampered), List.of(secrets.get(0)), body)).isFalse();
        // and the fuzzed signatures matched only if one of them really is a signature of the body
        if (forged) {
            assertThat(presented).anySatisfy(p -> assertThat(secrets).anySatisfy(s ->
                    assertThat(p.trim().toLowerCase(Locale.ROOT)).isEqualTo(HmacSignature.sha256Hex(s, body))));
        }
    }

    private static List<String> concat(List<String> presented, String genuine) {
        List<String> all = new ArrayList<>(presented);
        all.add(genuine);
        return all;
    }

    private static List<String> secrets(byte[] line) {
        List<String> secrets = EnvironmentSecretProvider.split(FuzzInput.text(line));
        return secrets.isEmpty() ? FALLBACK_SECRETS : secrets;
    }
}
