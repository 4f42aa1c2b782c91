package io.demandloop.functions.slaescalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlaTrackerHandlerTest {

    private final InMemorySlaRepository repository = new InMemorySlaRepository();
    private final SlaTrackerHandler handler = new SlaTrackerHandler(new SlaTrackingService(repository, SlaFixtures.evaluator()));

    private JsonNode invoke(byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void ticketReceived_shouldBeTracked() throws Exception {
        JsonNode answer = invoke(ProjectFiles.read("events/SlaTrackerFunction/ticket-received.json"));

        assertThat(answer.get("ticket").asText()).isEqualTo("servicenow#incident#INC0010001");
        assertThat(answer.get("recorded").asBoolean()).isTrue();
        // P1 opened 08:02:11: the response's 50 % (7.5 of 15 minutes) is next
        assertThat(answer.get("nextDue").asText()).isEqualTo("2026-11-16T08:09:41Z");
        assertThat(repository.state(answer.get("ticket").asText(), "1")).isPresent();
    }

    @Test
    void otherEvent_shouldBeRefused_naming_it() {
        String other = new String(ProjectFiles.read("events/SlaTrackerFunction/ticket-received.json"), StandardCharsets.UTF_8)
                .replace("Ticket Received", "Monitoring Event Received");

        assertThatThrownBy(() -> invoke(other.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Monitoring Event Received'");
    }
}
