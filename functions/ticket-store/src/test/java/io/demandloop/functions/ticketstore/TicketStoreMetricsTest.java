package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.json.Json;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketStoreMetricsTest {

    @Test
    void store_shouldCountEachTicketByOutcome() throws Exception {
        // GIVEN the sample ticket of events/TicketStoreFunction
        Ticket ticket = Json.mapper().treeToValue(Json.mapper().readTree(Files.readString(
                io.demandloop.shared.testing.ProjectFiles.path("events/TicketStoreFunction/ticket-received.json"))).get("detail"), Ticket.class);
        RecordingMetricsSink sink = new RecordingMetricsSink();
        TicketStoreService service = new TicketStoreService(new InMemoryTicketRepository(), new PipelineMetrics(sink));

        // WHEN it arrives twice
        service.store(ticket);
        service.store(ticket);

        // THEN once stored, once a duplicate
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "tickets", "Outcome", "stored"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "tickets", "Outcome", "duplicate"))).isEqualTo(1);
    }
}
