package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class TicketStoreHandlerTest {

    private final InMemoryTicketRepository repository = new InMemoryTicketRepository();
    private final TicketStoreHandler handler = new TicketStoreHandler(new TicketStoreService(repository));

    private static ObjectNode sampleEvent() throws Exception {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/TicketStoreFunction/ticket-received.json"));
    }

    private String invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null);
        return Json.mapper().readTree(out.toByteArray()).get("outcome").asText();
    }

    private static ObjectNode withVersion(ObjectNode event, long version, String state) {
        ObjectNode copy = event.deepCopy();
        ((ObjectNode) copy.get("detail")).put("sourceVersion", version).put("state", state);
        return copy;
    }

    @Test
    void handleRequest_shouldStoreTheTicket_whenSampleEvent() throws Exception {
        assertThat(invoke(sampleEvent())).isEqualTo("stored");

        assertThat(repository.find("servicenow", TicketKind.INCIDENT, "INC0010001"))
                .hasValueSatisfying(t -> assertThat(t.service()).isEqualTo("Email"));
    }

    @Test
    void sampleEvent_shouldCarryTheTicketTheIntakeMakes_ofTheSameWebhookSample() throws Exception {
        // GIVEN the webhook sample the event fixture stands for, as the intake normalises it
        Ticket normalised = new ServiceNowNormaliser().normalise(
                Json.mapper().readTree(ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json"))).get(0);

        // WHEN / THEN the fixture's detail is that ticket, identity included
        assertThat(Json.mapper().treeToValue(sampleEvent().get("detail"), Ticket.class)).isEqualTo(normalised);
    }

    @Test
    void handleRequest_shouldChangeNothing_whenRedelivered() throws Exception {
        invoke(sampleEvent());

        assertThat(invoke(sampleEvent())).isEqualTo("duplicate");
        assertThat(repository.all()).hasSize(1);
    }

    @Test
    void handleRequest_shouldKeepTheNewestVersion_whenAnOlderOneArrivesLate() throws Exception {
        // GIVEN version 4 (resolved) stored first
        invoke(withVersion(sampleEvent(), 4, "resolved"));

        // WHEN version 2 (in progress) arrives late
        String outcome = invoke(withVersion(sampleEvent(), 2, "in_progress"));

        // THEN
        assertThat(outcome).isEqualTo("stale");
        assertThat(repository.all()).singleElement().satisfies(t -> {
            assertThat(t.sourceVersion()).isEqualTo(4);
            assertThat(t.state()).isEqualTo(TicketState.RESOLVED);
        });
    }

    @Test
    void handleRequest_shouldThrowSoThatEventBridgeRetries_whenDetailIsNotATicket() throws Exception {
        ObjectNode event = sampleEvent();
        ((ObjectNode) event.get("detail")).remove("openedAt");

        assertThatThrownBy(() -> invoke(event)).hasMessageContaining("openedAt");
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void handleRequest_shouldRefuse_whenEventIsOfAnotherType() throws Exception {
        ObjectNode event = sampleEvent();
        event.put("detail-type", "Something Else");

        assertThatThrownBy(() -> invoke(event)).hasMessageContaining("Something Else");
    }
}
