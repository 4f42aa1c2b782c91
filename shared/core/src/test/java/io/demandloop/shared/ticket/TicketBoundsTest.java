package io.demandloop.shared.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketBoundsTest {

    private static Ticket ticket(String sourceId, String name) {
        return Ticket.builder().source("test").sourceId(sourceId).kind(TicketKind.INCIDENT).number(name).service(name)
                .configurationItem(name).priority(3).state(TicketState.OPEN)
                .openedAt(Instant.parse("2026-11-16T08:00:00Z")).department(name).assignmentGroup(name).category(name)
                .title(name).sourceVersion(1).build();
    }

    @Test
    void constructor_shouldCutEveryNameToTheBound_whateverASourceSends() {
        Ticket ticket = ticket("id-1", "n".repeat(100_000));

        assertThat(ticket.service()).hasSize(Ticket.MAX_NAME_LENGTH);
        assertThat(ticket.number()).hasSize(Ticket.MAX_NAME_LENGTH);
        assertThat(ticket.configurationItem()).hasSize(Ticket.MAX_NAME_LENGTH);
        assertThat(ticket.department()).hasSize(Ticket.MAX_NAME_LENGTH);
        assertThat(ticket.assignmentGroup()).hasSize(Ticket.MAX_NAME_LENGTH);
        assertThat(ticket.category()).hasSize(Ticket.MAX_NAME_LENGTH);
        assertThat(ticket.title()).hasSize(Ticket.MAX_NAME_LENGTH);
    }

    @Test
    void bounded_shouldNotSplitASurrogatePair() {
        String text = "x".repeat(Ticket.MAX_NAME_LENGTH - 1) + "\uD83D\uDE00" + "tail";

        assertThat(Ticket.bounded(text)).hasSize(Ticket.MAX_NAME_LENGTH - 1).doesNotContain("\uD83D");
    }

    @Test
    void constructor_shouldRefuseAnIdNoKeyCanHold() {
        assertThatThrownBy(() -> ticket("i".repeat(Ticket.MAX_ID_LENGTH + 1), "name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sourceId");
    }
}
