package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class TicketStoreInitWarmupTest {

    @Test
    void warmedUp_shouldReturnTheComposedService_afterMarshallingOnePutItem_withoutNetworkMetricsOrTime() {
        // GIVEN the real repository on an address nothing listens on
        RecordingMetricsSink metrics = new RecordingMetricsSink();
        TicketStoreService composed = new TicketStoreService(
                new DynamoDbTicketRepository(PrimingCheck.unreachable(DynamoDbClient.builder()), "tickets"),
                new PipelineMetrics(metrics));
        PrimingCheck check = PrimingCheck.before(composed, metrics);

        // WHEN
        TicketStoreService service = TicketStoreHandler.warmedUp(() -> composed);

        // THEN the sample was bound on the warm-up thread and its PutItem stopped before signing, nothing kept
        assertThat(service).isSameAs(composed);
        check.assertStoppedAndClean(1);
    }
}
