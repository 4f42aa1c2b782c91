package io.demandloop.shared.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.cloudevents.CloudEventsSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CloudEvents deliveries, whatever their headers and JSON (structured, batch or binary mode, where the
 * attributes are {@code ce-*} headers): the source returns events, an ignored delivery, or refuses with
 * {@code InvalidRecordException}. Its credentials are a shared secret, fuzzed by {@link SharedSecretFuzzTest}.
 * Input: header lines up to an empty line, then the body. Seeds: the samples of
 * {@code events/webhooks/cloudevents/} in structured mode, and {@code CloudEventsSourceFuzzTestInputs/}.
 */
class CloudEventsSourceFuzzTest {

    private final CloudEventsSource source = new CloudEventsSource(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("cloudevents", body -> {
            boolean batch = new String(body, StandardCharsets.UTF_8).strip().startsWith("[");
            String type = batch ? "application/cloudevents-batch+json" : "application/cloudevents+json";
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            input.writeBytes(("Content-Type: " + type + "\n\n").getBytes(StandardCharsets.UTF_8));
            input.writeBytes(body);
            return input.toByteArray();
        });
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnEventsOrThrowInvalidRecordException_forAnyHeadersAndJson(byte[] input) {
        // GIVEN any headers and body / WHEN / THEN
        WebhookSourceProperties.normalisesOrRefusesWithHeaders(source, input);
    }
}
