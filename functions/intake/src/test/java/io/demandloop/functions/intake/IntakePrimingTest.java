package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.EventBridgePublisher;
import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.testing.SnapshotState;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class IntakePrimingTest {

    // The credentials chain runs during priming (as on Lambda, where it finds the environment's); dummy keys here.
    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "priming");
        System.setProperty("aws.secretAccessKey", "priming");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A clock that fails when read: priming must not take the time into the snapshot. */
    private static final Clock UNREADABLE = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { throw new AssertionError("priming read the clock"); }
    };

    @Test
    void prime_shouldNormaliseTheSampleAndMarshalItsPutEvents_withoutSecretsNetworkMetricsOrTime() throws Exception {
        // GIVEN the real publisher on an address nothing listens on, secrets that fail when asked
        AtomicInteger secretsAsked = new AtomicInteger();
        RecordingMetricsSink metrics = new RecordingMetricsSink();
        EventBridgeClient client = AwsClients.lean(EventBridgeClient.builder())
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9")).build();
        IntakeService service = new IntakeService(Sources.all(DemandloopConfig.load()),
                source -> {
                    secretsAsked.incrementAndGet();
                    return List.of("x");
                },
                new EventBridgePublisher(client, "bus", 3), UNREADABLE, new PipelineMetrics(metrics));
        IntakeHandler handler = new IntakeHandler(service);
        List<String> before = SnapshotState.randomOrTimeBound(handler);
        int stoppedBefore = Priming.stoppedRequests();

        // WHEN
        int records = handler.prime();

        // THEN the sample went through the normaliser and one PutEvents was marshalled and stopped before signing
        assertThat(records).isEqualTo(1);
        assertThat(Priming.stoppedRequests()).isEqualTo(stoppedBefore + 1);
        assertThat(secretsAsked).hasValue(0);
        assertThat(metrics.recorded()).isEmpty();
        assertThat(SnapshotState.randomOrTimeBound(handler)).isEqualTo(before).isEmpty();
    }
}
