package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.secrets.EnvironmentSecretProvider;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The properties every {@link WebhookSource} keeps, whatever arrives: {@code verify} answers a verdict (the
 * intake's 401 when rejected, with a reason), {@code normalise} returns records or throws
 * {@link InvalidRecordException} (the intake's 422). Any other exception would be a 502, which the tools retry.
 */
final class WebhookSourceProperties {

    /** A fixed arrival time, so that replay windows of signed timestamps give the same verdict on every replay. */
    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T08:00:00Z");

    private static final List<String> FALLBACK_SECRETS = List.of("fuzz-secret");

    private WebhookSourceProperties() {
    }

    /**
     * Parses the body as the intake does and, when it is JSON, normalises it.
     *
     * @return what the source made of it; null when the intake would have refused the body before (400) or the
     *         source refused it (422)
     */
    static NormalisedDelivery normalisesOrRefuses(WebhookSource source, byte[] body) {
        return normalisesOrRefuses(source, Map.of("content-type", "application/json"), body);
    }

    /**
     * As {@link #normalisesOrRefuses(WebhookSource, byte[])}, for sources that read headers too (CloudEvents'
     * binary mode): the input is header lines ({@code Name: value}) up to an empty line, then the raw body.
     */
    static NormalisedDelivery normalisesOrRefusesWithHeaders(WebhookSource source, byte[] input) {
        byte[][] parts = headerBlockAndRest(input);
        return normalisesOrRefuses(source, headers(FuzzInput.text(parts[0])), parts[1]);
    }

    private static NormalisedDelivery normalisesOrRefuses(WebhookSource source, Map<String, String> headers, byte[] body) {
        JsonNode parsed = FuzzInput.parsedLikeTheIntake(body);
        if (parsed == null) {
            return null;
        }
        Delivery delivery = new Delivery(source.name(), headers, body, RECEIVED_AT);
        NormalisedDelivery records;
        try {
            records = source.normalise(delivery, parsed);
        } catch (InvalidRecordException refused) {
            assertThat(refused.getMessage()).as("the 422 message").isNotBlank();
            return null;
        }
        assertThat(records).isNotNull();
        assertThat(records.tickets()).doesNotContainNull().allSatisfy(t -> assertThat(t.source()).isEqualTo(source.name()));
        assertThat(records.alerts()).doesNotContainNull().allSatisfy(a -> assertThat(a.source()).isEqualTo(source.name()));
        return records;
    }

    /**
     * Verifies a delivery read from the input: header lines ({@code Name: value}) up to an empty line, then the
     * configured secrets as the secret store holds them ({@code new,old}), then the raw body.
     */
    static VerificationResult verifiesOrRefuses(WebhookSource source, byte[] input) {
        return verifiesOrRefuses(source.name(), source::verify, input);
    }

    /** As {@link #verifiesOrRefuses(WebhookSource, byte[])}, for a verifier that is not a whole source. */
    static VerificationResult verifiesOrRefuses(String name, Verifier verifier, byte[] input) {
        byte[][] parts = headerBlockAndRest(input);
        byte[][] secretsAndBody = FuzzInput.parts(parts[1], 2);
        Map<String, String> headers = headers(FuzzInput.text(parts[0]));
        List<String> secrets = secrets(secretsAndBody[0]);
        Delivery delivery = new Delivery(name, headers, secretsAndBody[1], RECEIVED_AT);

        VerificationResult verdict = verifier.verify(delivery, secrets);

        assertThat(verdict).isNotNull();
        if (!verdict.isAccepted()) {
            assertThat(verdict.problem()).as("the 401 message").isNotBlank();
        }
        return verdict;
    }

    /** Secrets as the secret store splits them (trimmed, non-empty, no commas); never empty, as the intake ensures. */
    static List<String> secrets(byte[] line) {
        List<String> secrets = EnvironmentSecretProvider.split(FuzzInput.text(line));
        return secrets.isEmpty() ? FALLBACK_SECRETS : secrets;
    }

    /** A source's or an auth scheme's check of a delivery. */
    @FunctionalInterface
    interface Verifier {
        VerificationResult verify(Delivery delivery, List<String> secrets);
    }

    private static byte[][] headerBlockAndRest(byte[] input) {
        int blank = -1;
        for (int i = 0; i + 1 < input.length; i++) {
            if (input[i] == '\n' && input[i + 1] == '\n') {
                blank = i;
                break;
            }
        }
        byte[] headerBlock = blank < 0 ? input : Arrays.copyOfRange(input, 0, blank);
        byte[] rest = blank < 0 ? new byte[0] : Arrays.copyOfRange(input, blank + 2, input.length);
        return new byte[][] {headerBlock, rest};
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                // As the Function URL hands them over: names lower case, repeated headers joined with commas.
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
        }
        return headers;
    }
}
