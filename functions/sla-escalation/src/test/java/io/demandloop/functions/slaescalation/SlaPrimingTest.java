package io.demandloop.functions.slaescalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** SnapStart priming: the hot path on the packaged sample, every SDK request stopped before signing, nothing kept. */
class SlaPrimingTest {


    private final DynamoDbClient dynamoDb = PrimingCheck.unreachable(DynamoDbClient.builder());
    private final RecordingMetricsSink metrics = new RecordingMetricsSink();

    @Test
    void trackerPrime_shouldBindTheSampleAndMarshalItsFirstRequest_withoutNetworkCredentialsMetricsOrTime() throws Exception {
        // GIVEN the real repository on an address nothing listens on
        SlaTrackerHandler handler = new SlaTrackerHandler(new SlaTrackingService(new DynamoDbSlaRepository(dynamoDb, "sla"),
                new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults()))));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        var ticket = handler.prime();

        // THEN
        assertThat(ticket.key()).isNotBlank();
        check.assertStoppedAndClean(1);
    }

    @Test
    void escalationPrime_shouldRunAsOfTheSamplesTime_andStopItsFirstQuery_withoutTheClockMetricsOrCredentials() throws Exception {
        // GIVEN the real adapters, a clock that fails when read
        SlaEscalationHandler handler = new SlaEscalationHandler(new DynamoDbSlaRepository(dynamoDb, "sla"),
                new EventBridgePublisher(PrimingCheck.unreachable(EventBridgeClient.builder()), "bus", 3),
                SlaPolicies.from(DemandloopConfig.defaults()), PrimingCheck.UNREADABLE_CLOCK).withMetrics(new PipelineMetrics(metrics));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        Instant asOf = handler.prime();

        // THEN as of events/SlaEscalationFunction/every-five-minutes.json's scheduledTime, the due Query stopped
        assertThat(asOf).isEqualTo(Instant.parse("2026-11-20T08:05:00Z"));
        check.assertStoppedAndClean(1);
    }
}
