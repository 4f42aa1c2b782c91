package io.demandloop.functions.portfolioreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.report.aws.S3ReportStore;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/** SnapStart priming: the hot path on the packaged sample, every SDK request stopped before signing, nothing kept. */
class PortfolioReportPrimingTest {


    private final DynamoDbClient dynamoDb = PrimingCheck.unreachable(DynamoDbClient.builder());
    private final RecordingMetricsSink metrics = new RecordingMetricsSink();

    @Test
    void prime_shouldReportAsOfTheSamplesTime_andStopTheFirstQuery_withoutTheClockMetricsOrCredentials() throws Exception {
        // GIVEN the real adapters on an address nothing listens on, a clock that fails when read
        PortfolioReportService service = PortfolioReportService.builder(new DynamoDbTicketRepository(dynamoDb, "tickets"),
                        new S3ReportStore(PrimingCheck.unreachable(S3Client.builder()), "reports"),
                        new EventBridgePublisher(PrimingCheck.unreachable(EventBridgeClient.builder()), "bus", 3))
                .windowDays(30)
                .sla(new DynamoDbSlaRepository(dynamoDb, "sla"), "1")
                .demands(new DynamoDbDemandRepository(dynamoDb, "demand"), 0.2)
                .outcomes(new DynamoDbOutcomeRepository(dynamoDb, "outcomes"))
                .build();
        PortfolioReportHandler handler = new PortfolioReportHandler(service, PrimingCheck.UNREADABLE_CLOCK).withMetrics(new PipelineMetrics(metrics));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        Instant asOf = handler.prime();

        // THEN as of events/PortfolioReportFunction/nightly-schedule.json's scheduledTime
        assertThat(asOf).isEqualTo(Instant.parse("2026-11-22T05:30:00Z"));
        check.assertStoppedAndClean(1);
    }
}
