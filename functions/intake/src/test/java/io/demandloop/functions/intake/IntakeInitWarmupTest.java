package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.aws.DynamoDbKnownDemands;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class IntakeInitWarmupTest {

    @Test
    void warmedUp_shouldMarshalTheSamplesPutEventsOnly_withoutSecretsNetworkMetricsTimeOrTheDemandClient() {
        // GIVEN the real publisher on an address nothing listens on, secrets that count when asked
        AtomicInteger secretsAsked = new AtomicInteger();
        RecordingMetricsSink metrics = new RecordingMetricsSink();
        DemandLookup demands = new DemandLookup(() -> new DynamoDbKnownDemands(
                PrimingCheck.unreachable(DynamoDbClient.builder()), "demand"));
        IntakeService composed = new IntakeService(Sources.all(DemandloopConfig.load()),
                source -> {
                    secretsAsked.incrementAndGet();
                    return List.of("x");
                },
                new EventBridgePublisher(PrimingCheck.unreachable(EventBridgeClient.builder()), "bus", 3), demands,
                PrimingCheck.UNREADABLE_CLOCK, DemandloopConfig.load(), new PipelineMetrics(metrics));
        PrimingCheck check = PrimingCheck.before(composed, metrics);

        // WHEN
        IntakeService service = IntakeHandler.warmedUp(() -> composed);

        // THEN one PutEvents was marshalled and stopped; the demand lookup's client is still unbuilt
        assertThat(service).isSameAs(composed);
        check.assertStoppedAndClean(1);
        assertThat(demands.built()).isFalse();
        assertThat(secretsAsked).hasValue(0);
    }
}
