package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.StdoutLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketStoreCorrelationTest {

    @Test
    void handleRequest_shouldLogTheBusEventIdTheIntakeLoggedWithTheDelivery() throws Exception {
        // GIVEN the sample event of the bus
        TicketStoreHandler handler = new TicketStoreHandler(new TicketStoreService(new InMemoryTicketRepository()));
        byte[] event = ProjectFiles.read("events/TicketStoreFunction/ticket-received.json");
        String eventId = Json.mapper().readTree(event).get("id").asText();

        // WHEN
        List<String> lines = StdoutLines.of(() -> handler.handleRequest(new ByteArrayInputStream(event),
                new ByteArrayOutputStream(), null));

        // THEN its log line carries the event id
        assertThat(lines).filteredOn(line -> line.contains("TicketStoreService")).singleElement().satisfies(line -> {
            JsonNode json = Json.mapper().readTree(line);
            assertThat(json.get("eventId").asText()).isEqualTo(eventId);
        });
    }
}
