package io.demandloop.shared.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketBuilderTest {

    private static final Instant OPENED = Instant.parse("2026-11-16T08:00:00Z");

    private static Ticket.Builder minimal() {
        return Ticket.builder().source("servicenow").sourceId("INC1").kind(TicketKind.INCIDENT).service("Email")
                .priority(2).state(TicketState.OPEN).openedAt(OPENED);
    }

    @Test
    void build_shouldRefuseAMissingComponent_asTheConstructorDoes() {
        assertThatThrownBy(() -> minimal().source(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("source");
        assertThatThrownBy(() -> minimal().openedAt(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("openedAt");
        assertThatThrownBy(() -> minimal().priority(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority");
    }

    @Test
    void toBuilder_shouldCopyEveryComponent() {
        // GIVEN a ticket with every component set
        Ticket full = minimal().number("CHG1").kind(TicketKind.CHANGE).configurationItem("EXCH-01")
                .resolvedAt(OPENED.plusSeconds(60)).closedAt(OPENED.plusSeconds(120)).department("Sales")
                .assignmentGroup("Messaging").effortMinutes(30).category("network").title("Mail down").sourceVersion(4)
                .sourceUpdatedAt(OPENED.plusSeconds(120)).reopenCount(1).link("https://example.com/CHG1")
                .change(new ChangeDetails(ChangeOutcome.SUCCESSFUL, OPENED, OPENED.plusSeconds(60)))
                .signals(new TicketSignals("servicenow#problem#PRB1", "timeouts", true)).build();

        // WHEN copied, and copied with one change
        Ticket copy = full.toBuilder().build();
        Ticket major = full.toBuilder().priority(1).build();

        // THEN the copy is equal, and the changed copy differs in that component only
        assertThat(copy).isEqualTo(full);
        assertThat(major.priority()).isEqualTo(1);
        assertThat(major.toBuilder().priority(full.priority()).build()).isEqualTo(full);
    }

    @Test
    void json_shouldKeepTheShapeOnTheBus_andReadBack() throws Exception {
        // GIVEN a built ticket
        Ticket ticket = minimal().number("INC1").title("Mail down").sourceVersion(3).sourceUpdatedAt(OPENED)
                .signals(TicketSignals.of(null, null, false)).build();

        // WHEN written and read back
        String json = Json.mapper().writeValueAsString(ticket);

        // THEN the components in record order, absent ones left out, and nothing the builder adds
        assertThat(json).isEqualTo("{\"source\":\"servicenow\",\"sourceId\":\"INC1\",\"kind\":\"incident\","
                + "\"number\":\"INC1\",\"service\":\"Email\",\"priority\":2,\"state\":\"open\","
                + "\"openedAt\":\"2026-11-16T08:00:00Z\",\"title\":\"Mail down\",\"sourceVersion\":3,"
                + "\"sourceUpdatedAt\":\"2026-11-16T08:00:00Z\",\"reopenCount\":0,\"signals\":{\"slaMet\":false}}");
        assertThat(Json.mapper().readValue(json, Ticket.class)).isEqualTo(ticket);
    }
}
