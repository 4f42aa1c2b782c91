package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.DynamoDbTicketRepository;
import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.testing.SnapshotState;
import io.demandloop.shared.ticket.Ticket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class TicketStorePrimingTest {

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

        // WHEN
        Ticket ticket = handler.prime();

        // THEN
        assertThat(ticket.key()).isNotBlank();
        assertThat(Priming.stoppedRequests()).isEqualTo(stoppedBefore + 1);
        assertThat(metrics.recorded()).isEmpty();
        assertThat(SnapshotState.randomOrTimeBound(handler)).isEqualTo(before).isEmpty();
    }
}
