package io.demandloop.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.LambdaCredentials;
import io.demandloop.shared.aws.Priming;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * What every function's priming test checks around its SnapStart hook: the SDK requests it made were marshalled and
 * stopped before signing (none sent), no credential was asked for, no metric was counted, and nothing random or
 * time-bound ({@link SnapshotState}) is reachable from the handler that was not before.
 */
public final class PrimingCheck {

    /** A clock that fails when read: priming must take no time into the snapshot. */
    public static final java.time.Clock UNREADABLE_CLOCK = new java.time.Clock() {
        @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
        @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public java.time.Instant instant() { throw new AssertionError("priming read the clock"); }
    };

    private final Object handler;
    private final RecordingMetricsSink metrics;
    private final List<String> stateBefore;
    private final int stoppedBefore;
    private final int credentialsBefore;

    private PrimingCheck(Object handler, RecordingMetricsSink metrics) {
        this.handler = handler;
        this.metrics = metrics;
        this.stateBefore = SnapshotState.randomOrTimeBound(handler);
        this.stoppedBefore = Priming.stoppedRequests();
        this.credentialsBefore = LambdaCredentials.resolved();
    }

    /** Takes the state before the hook runs. */
    public static PrimingCheck before(Object handler, RecordingMetricsSink metrics) {
        return new PrimingCheck(handler, metrics);
    }

    /** A client built as the functions build theirs, on an address nothing listens on (port 9, discard). */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C unreachable(B builder) {
        return AwsClients.lean(builder).region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9")).build();
    }

    /** Asserts the hook stopped {@code requests} SDK requests and left nothing behind. */
    public void assertStoppedAndClean(int requests) {
        assertThat(Priming.stoppedRequests() - stoppedBefore).as("SDK requests marshalled and stopped").isEqualTo(requests);
        assertThat(LambdaCredentials.resolved()).as("credentials asked for").isEqualTo(credentialsBefore);
        assertThat(metrics.recorded()).as("metrics counted").isEmpty();
        assertThat(SnapshotState.randomOrTimeBound(handler)).as("random or time-bound state").isEqualTo(stateBefore).isEmpty();
    }
}
