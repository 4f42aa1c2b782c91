package io.demandloop.shared.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.datadog.DatadogSource;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Datadog deliveries, whatever their JSON: the source returns records or refuses with
 * {@code InvalidRecordException}. Its credentials are a shared secret, fuzzed once for every such source by
 * {@link SharedSecretFuzzTest}. Seeds: the samples of {@code events/webhooks/datadog/}
 * and {@code DatadogSourceFuzzTestInputs/}.
 */
class DatadogSourceFuzzTest {

    private final DatadogSource source = new DatadogSource(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("datadog");
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnRecordsOrThrowInvalidRecordException_forAnyJson(byte[] body) {
        // GIVEN any body / WHEN / THEN
        WebhookSourceProperties.normalisesOrRefuses(source, body);
    }
}
