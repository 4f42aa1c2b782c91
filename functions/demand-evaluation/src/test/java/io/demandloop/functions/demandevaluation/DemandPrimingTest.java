package io.demandloop.functions.demandevaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** SnapStart priming: the hot path on the packaged sample, every SDK request stopped before signing, nothing kept. */
class DemandPrimingTest {


    private final DynamoDbClient dynamoDb = PrimingCheck.unreachable(DynamoDbClient.builder());
    private final RecordingMetricsSink metrics = new RecordingMetricsSink();

    @Test
    void evaluationPrime_shouldEvaluateAsOfTheSamplesTime_andStopTheFirstQuery_withoutTheClockMetricsOrCredentials() throws Exception {
        // GIVEN the real adapters on an address nothing listens on, a clock that fails when read
        DemandloopConfig config = DemandloopConfig.defaults();
        DemandConfig demand = DemandConfig.from(config);
        ServiceCatalog catalog = ServiceCatalog.from(config);
        DemandEvaluationService service = new DemandEvaluationService(
                new DemandFactsReader(new DynamoDbTicketRepository(dynamoDb, "tickets"), new DynamoDbAlertRepository(dynamoDb, "alerts"),
                        new DynamoDbSlaRepository(dynamoDb, "sla"), catalog, demand),
                new DemandEvaluator(demand, catalog), new DynamoDbDemandRepository(dynamoDb, "demand"),
                new EventBridgePublisher(PrimingCheck.unreachable(EventBridgeClient.builder()), "bus", 3), 0.5);
        DemandEvaluationHandler handler = new DemandEvaluationHandler(service, PrimingCheck.UNREADABLE_CLOCK).withMetrics(new PipelineMetrics(metrics));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        Instant asOf = handler.prime();

        // THEN as of events/DemandEvaluationFunction/nightly-schedule.json's scheduledTime
        assertThat(asOf).isEqualTo(Instant.parse("2026-11-22T05:00:00Z"));
        // the reader's first reads, one Query per ticket kind on its pool's threads, each stopped; nothing after them
        check.assertStoppedAndClean(io.demandloop.shared.ticket.TicketKind.values().length);
    }

    @Test
    void statusPrime_shouldBindTheSampleDecision_andStopItsStatusUpdate_withoutCredentialsOrTime() throws Exception {
        // GIVEN
        DemandStatusHandler handler = new DemandStatusHandler(new DynamoDbDemandRepository(dynamoDb, "demand"),
                new DynamoDbInitiativeRepository(dynamoDb, "initiatives"),
                DemandStatusHandler.promotedInitiatives(DemandloopConfig.defaults()));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        var change = handler.prime();

        // THEN events/DemandStatusFunction/demand-promoted.json's promotion, its update stopped
        assertThat(change.status()).isEqualTo(DemandStatus.PROMOTED);
        check.assertStoppedAndClean(1);
    }
}
