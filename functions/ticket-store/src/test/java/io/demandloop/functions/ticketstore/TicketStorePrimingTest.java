package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.LambdaCredentials;
import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.testing.SnapshotState;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class TicketStorePrimingTest {

    @Test
    void prime_shouldBindTheSampleAndMarshalItsPutItem_withoutNetworkMetricsOrTime() throws Exception {
        // GIVEN the real repository on an address nothing listens on
        RecordingMetricsSink metrics = new RecordingMetricsSink();
        DynamoDbClient client = AwsClients.lean(DynamoDbClient.builder())
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9")).build();
        TicketStoreHandler handler = new TicketStoreHandler(new TicketStoreService(
                new DynamoDbTicketRepository(client, "tickets"), new PipelineMetrics(metrics)));
        List<String> before = SnapshotState.randomOrTimeBound(handler);
        int stoppedBefore = Priming.stoppedRequests();
        int credentialsBefore = LambdaCredentials.resolved();

        // WHEN
        Ticket ticket = handler.prime();

        // THEN
        assertThat(ticket.key()).isNotBlank();
        assertThat(Priming.stoppedRequests()).isEqualTo(stoppedBefore + 1);
        assertThat(LambdaCredentials.resolved()).as("credentials asked for").isEqualTo(credentialsBefore);
        assertThat(metrics.recorded()).isEmpty();
        assertThat(SnapshotState.randomOrTimeBound(handler)).isEqualTo(before).isEmpty();
    }
}
