package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.LambdaCredentials;
import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.aws.DynamoDbKnownDemands;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.testing.SnapshotState;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class IntakePrimingTest {


    @Test
    void prime_shouldNormaliseTheSampleAndMarshalItsPutEvents_withoutSecretsNetworkMetricsOrTime() throws Exception {
        // GIVEN the real publisher on an address nothing listens on, secrets that fail when asked
        AtomicInteger secretsAsked = new AtomicInteger();
        RecordingMetricsSink metrics = new RecordingMetricsSink();
        EventBridgeClient client = AwsClients.lean(EventBridgeClient.builder())
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9")).build();
        DemandLookup demands = new DemandLookup(() -> new DynamoDbKnownDemands(
                AwsClients.lean(DynamoDbClient.builder()).region(Region.US_EAST_1)
                        .endpointOverride(URI.create("http://127.0.0.1:9")).build(), "demand"));
        IntakeService service = new IntakeService(Sources.all(DemandloopConfig.load()),
                source -> {
                    secretsAsked.incrementAndGet();
                    return List.of("x");
                },
                new EventBridgePublisher(client, "bus", 3), demands, PrimingCheck.UNREADABLE_CLOCK, DemandloopConfig.load(),
                new PipelineMetrics(metrics));
        IntakeHandler handler = new IntakeHandler(service);
        List<String> before = SnapshotState.randomOrTimeBound(handler);
        int stoppedBefore = Priming.stoppedRequests();
        int credentialsBefore = LambdaCredentials.resolved();

        // WHEN
        int records = handler.prime();

        // THEN the sample went through the normaliser, one PutEvents and one GetItem (the demand lookup, its client
        // built now) were marshalled and stopped before signing
        assertThat(records).isEqualTo(1);
        assertThat(demands.built()).isTrue();
        assertThat(Priming.stoppedRequests()).isEqualTo(stoppedBefore + 2);
        assertThat(LambdaCredentials.resolved()).as("credentials asked for").isEqualTo(credentialsBefore);
        assertThat(secretsAsked).hasValue(0);
        assertThat(metrics.recorded()).isEmpty();
        assertThat(SnapshotState.randomOrTimeBound(handler)).isEqualTo(before).isEmpty();
    }
}
