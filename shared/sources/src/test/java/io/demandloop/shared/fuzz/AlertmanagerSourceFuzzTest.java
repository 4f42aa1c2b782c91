package io.demandloop.shared.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.alertmanager.AlertmanagerSource;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alertmanager deliveries, whatever their JSON: the source returns records or refuses with
 * {@code InvalidRecordException}. Its credentials are a shared secret, fuzzed once for every such source by
 * {@link SharedSecretFuzzTest}. Seeds: the samples of {@code events/webhooks/alertmanager/}
 * and {@code AlertmanagerSourceFuzzTestInputs/}.
 */
class AlertmanagerSourceFuzzTest {

    private final AlertmanagerSource source = new AlertmanagerSource(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("alertmanager");
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnRecordsOrThrowInvalidRecordException_forAnyJson(byte[] body) {
        // GIVEN any body / WHEN / THEN
        WebhookSourceProperties.normalisesOrRefuses(source, body);
    }
}
