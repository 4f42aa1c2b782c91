package io.demandloop.functions.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** SnapStart priming: the hot path on the packaged sample, every SDK request stopped before signing, nothing kept. */
class OutcomesPrimingTest {


    private final DynamoDbClient dynamoDb = PrimingCheck.unreachable(DynamoDbClient.builder());
    private final RecordingMetricsSink metrics = new RecordingMetricsSink();

    @Test
    void initiativePrime_shouldBindTheSampleAndStopItsPutItem_withoutCredentialsMetricsOrTime() throws Exception {
        // GIVEN
        InitiativeStoreHandler handler = new InitiativeStoreHandler(new InitiativeStoreService(
                new DynamoDbInitiativeRepository(dynamoDb, "initiatives"), new PipelineMetrics(metrics)));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        var initiative = handler.prime();

        // THEN
        assertThat(initiative.id()).isNotBlank();
        check.assertStoppedAndClean(1);
    }

    @Test
    void measurementPrime_shouldMeasureAsOfTheSamplesTime_andStopTheFirstQuery_withoutTheClockMetricsOrCredentials() throws Exception {
        // GIVEN the real adapters on an address nothing listens on, a clock that fails when read
        DemandloopConfig config = DemandloopConfig.defaults();
        OutcomeMeasurementService service = new OutcomeMeasurementService(
                new OutcomeFactsReader(new DynamoDbTicketRepository(dynamoDb, "tickets"), new DynamoDbAlertRepository(dynamoDb, "alerts"),
                        new DynamoDbSlaRepository(dynamoDb, "sla"), new DynamoDbDemandRepository(dynamoDb, "demand"),
                        ServiceCatalog.from(config), DemandConfig.from(config)),
                new DynamoDbInitiativeRepository(dynamoDb, "initiatives"), new DynamoDbOutcomeRepository(dynamoDb, "outcomes"),
                new EventBridgePublisher(PrimingCheck.unreachable(EventBridgeClient.builder()), "bus", 3), OutcomeWindows.DEFAULT);
        OutcomeMeasurementHandler handler = new OutcomeMeasurementHandler(service, PrimingCheck.UNREADABLE_CLOCK).withMetrics(new PipelineMetrics(metrics));
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        Instant asOf = handler.prime();

        // THEN as of events/OutcomeMeasurementFunction/nightly-schedule.json's scheduledTime
        assertThat(asOf).isEqualTo(Instant.parse("2026-11-22T05:15:00Z"));
        check.assertStoppedAndClean(1);
    }
}
