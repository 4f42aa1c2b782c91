package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.aws.AwsEventNormaliser;
import java.io.IOException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events from the default bus (CloudWatch alarm state changes, AWS Health), whatever their detail: the normaliser
 * returns monitoring events or refuses with {@link InvalidRecordException}; anything else would fail the
 * alert-store invocation and send the event round EventBridge's retries to the dead-letter queue. Seeds: the
 * samples of {@code events/AlertStoreFunction/} and {@code AwsEventNormaliserFuzzTestInputs/}.
 */
class AwsEventNormaliserFuzzTest {

    private final AwsEventNormaliser normaliser = new AwsEventNormaliser(DemandloopConfig.defaults());

    static Stream<Arguments> samples() {
        return FuzzInput.samples("events/AlertStoreFunction", UnaryOperator.identity());
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnEventsOrThrowInvalidRecordException_forAnyEnvelope(byte[] json) {
        // GIVEN any envelope the one mapper can read
        EventEnvelope envelope;
        try {
            envelope = Json.mapper().readValue(json, EventEnvelope.class);
        } catch (IOException notAnEnvelope) {
            return;
        }

        // WHEN / THEN events, or a refusal that names its problem
        try {
            assertThat(normaliser.normalise(envelope)).doesNotContainNull();
        } catch (InvalidRecordException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
