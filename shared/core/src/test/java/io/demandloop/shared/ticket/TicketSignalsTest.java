package io.demandloop.shared.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signals a source gives a ticket, on the bus (JSON) and in the ticket itself. */
class TicketSignalsTest {

    private static final String PROBLEM = Ticket.key("servicenow", TicketKind.PROBLEM, "PRB0040001");

    private static Ticket incident(TicketSignals signals) {
        return Ticket.builder().source("servicenow").sourceId("INC0010003").kind(TicketKind.INCIDENT)
                .number("INC0010003").service("SAP ERP").configurationItem("SAP-PRD").priority(2)
                .state(TicketState.CLOSED).openedAt(Instant.parse("2026-11-12T02:10:00Z"))
                .resolvedAt(Instant.parse("2026-11-12T06:30:00Z")).closedAt(Instant.parse("2026-11-15T06:30:00Z"))
                .department("Finance").assignmentGroup("ERP Support").effortMinutes(200).category("software")
                .title("Nightly SAP billing batch aborted").sourceVersion(9)
                .sourceUpdatedAt(Instant.parse("2026-11-15T06:30:00Z")).signals(signals).build();
    }

    @Test
    void ticket_shouldRoundTripItsSignalsThroughJson_asTheBusCarriesThem() throws Exception {
        // GIVEN
        Ticket ticket = incident(new TicketSignals(PROBLEM, "Batch abort", false));

        // WHEN
        String json = Json.mapper().writeValueAsString(ticket);

        // THEN
        assertThat(Json.mapper().readValue(json, Ticket.class)).isEqualTo(ticket);
        assertThat(Json.mapper().readTree(json).get("signals")).isEqualTo(Json.mapper().readTree(
                "{\"problem\": \"servicenow#problem#PRB0040001\", \"symptom\": \"Batch abort\", \"slaMet\": false}"));
    }

    @Test
    void ticket_shouldLeaveOutTheSignalsTheSourceDidNotGive() throws Exception {
        Ticket ticket = incident(new TicketSignals(null, null, true));

        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(ticket));

        assertThat(json.get("signals")).isEqualTo(Json.mapper().readTree("{\"slaMet\": true}"));
        assertThat(Json.mapper().treeToValue(json, Ticket.class)).isEqualTo(ticket);
    }

    @Test
    void ticketWithoutSignals_shouldBeExactlyTheDetailOfTheTicketReceivedSample() throws Exception {
        // GIVEN the detail of the bus sample, written before tickets had signals
        JsonNode detail = Json.mapper().readTree(ProjectFiles.read("events/TicketStoreFunction/ticket-received.json"))
                .get("detail");

        // WHEN it is read and written again
        Ticket ticket = Json.mapper().treeToValue(detail, Ticket.class);
        JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsString(ticket));

        // THEN
        assertThat(ticket.signals()).isNull();
        assertThat(written).isEqualTo(detail);
    }

    @Test
    void ticket_shouldHaveNoSignals_whenTheSourceSaidNothing() throws Exception {
        // GIVEN signals without any part, built directly or read from JSON
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(incident(null)));
        json.putObject("signals").put("symptom", "  ");

        // WHEN
        Ticket built = incident(new TicketSignals(null, " ", null));
        Ticket read = Json.mapper().treeToValue(json, Ticket.class);

        // THEN both are the ticket without signals, and are written without them
        assertThat(built).isEqualTo(incident(null));
        assertThat(read).isEqualTo(incident(null));
        assertThat(Json.mapper().writeValueAsString(built)).doesNotContain("signals");
        assertThat(TicketSignals.of(null, "", null)).isNull();
    }

    @Test
    void signals_shouldTrimAndBoundTheSymptom_likeOtherNames() {
        TicketSignals signals = new TicketSignals(" " + PROBLEM + " ", "s".repeat(10_000), null);

        assertThat(signals.problem()).isEqualTo(PROBLEM);
        assertThat(signals.symptom()).hasSize(Ticket.MAX_NAME_LENGTH);
    }

    @Test
    void signals_shouldRefuseAProblemNoTicketKeyCanBe() {
        assertThatThrownBy(() -> new TicketSignals("p".repeat(TicketSignals.MAX_PROBLEM_LENGTH + 1), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("problem");
    }

    @Test
    void existingConstructors_shouldGiveTicketsWithoutSignals() {
        Ticket withoutChange = Ticket.builder().source("test").sourceId("1").kind(TicketKind.INCIDENT).service("Email")
                .priority(3).state(TicketState.OPEN).openedAt(Instant.parse("2026-11-16T08:00:00Z")).title("t")
                .sourceVersion(1).build();
        Ticket withChange = Ticket.builder().source("test").sourceId("2").kind(TicketKind.CHANGE).service("Email")
                .priority(3).state(TicketState.OPEN).openedAt(Instant.parse("2026-11-16T08:00:00Z")).title("t")
                .sourceVersion(1).change(new ChangeDetails(null, null, null)).build();

        assertThat(withoutChange.signals()).isNull();
        assertThat(withChange.signals()).isNull();
    }
}
