package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.DailyCounts;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TicketStoreServiceTest {

    private static final Instant OPENED = Instant.parse("2030-04-01T09:00:00Z");
    private static final LocalDate DAY1 = LocalDate.parse("2030-04-01");
    private static final LocalDate DAY2 = LocalDate.parse("2030-04-02");

    private final InMemoryTicketRepository repository = new InMemoryTicketRepository();
    private final TicketStoreService service = new TicketStoreService(repository);

    private static Ticket version(String id, TicketKind kind, int priority, long version, TicketState state, Instant resolvedAt,
                                  int reopenCount) {
        return Ticket.builder().source("servicenow").sourceId(id).kind(kind).service("Email").priority(priority)
                .state(state).openedAt(OPENED).resolvedAt(resolvedAt).title("t").sourceVersion(version)
                .sourceUpdatedAt(OPENED.plusSeconds(version)).reopenCount(reopenCount).build();
    }

    @Test
    void store_shouldCountOpenedAndResolved_onTheirOwnDays() {
        // GIVEN an incident opened on day 1 and resolved on day 2, and a request opened on day 1
        service.store(version("i1", TicketKind.INCIDENT, 1, 0, TicketState.OPEN, null, 0));
        service.store(version("i1", TicketKind.INCIDENT, 1, 3, TicketState.RESOLVED, DAY2.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC), 0));
        service.store(version("r1", TicketKind.REQUEST, 4, 0, TicketState.IN_PROGRESS, null, 0));

        // WHEN
        DailyCounts day1 = repository.countsFor("Email", DAY1);
        DailyCounts day2 = repository.countsFor("Email", DAY2);

        // THEN
        assertThat(day1.opened().total()).isEqualTo(2);
        assertThat(day1.opened().count(TicketKind.INCIDENT, 1)).isEqualTo(1);
        assertThat(day1.opened().count(TicketKind.REQUEST, 4)).isEqualTo(1);
        assertThat(day1.opened().byPriority()).containsExactly(java.util.Map.entry(1, 1), java.util.Map.entry(4, 1));
        assertThat(day1.resolved().total()).isZero();
        assertThat(day2.resolved().byKind()).containsExactly(java.util.Map.entry(TicketKind.INCIDENT, 1));
        assertThat(day2.opened().total()).isZero();
        assertThat(repository.findOpen("Email", TicketKind.REQUEST)).extracting(t -> t.key())
                .containsExactly("servicenow#request#r1");
        assertThat(repository.findOpen("Email", TicketKind.INCIDENT)).isEmpty();
    }

    @Test
    void store_shouldMoveAReopenedTicketBackToOpen_andCountTheReopenOnItsOpeningDay() {
        service.store(version("i1", TicketKind.INCIDENT, 2, 3, TicketState.RESOLVED, DAY2.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), 0));

        StoreOutcome outcome = service.store(version("i1", TicketKind.INCIDENT, 2, 5, TicketState.IN_PROGRESS, null, 1));

        assertThat(outcome).isEqualTo(StoreOutcome.STORED);
        assertThat(repository.countsFor("Email", DAY2).resolved().total()).isZero();
        assertThat(repository.countsFor("Email", DAY1).reopened()).isEqualTo(1);
        assertThat(repository.findOpen("Email", TicketKind.INCIDENT)).hasSize(1);
    }

    @Test
    void store_shouldChangeNoCount_whenRedeliveredOrStale() {
        service.store(version("i1", TicketKind.INCIDENT, 1, 4, TicketState.RESOLVED, OPENED.plusSeconds(3600), 0));
        DailyCounts before = repository.countsFor("Email", DAY1);

        StoreOutcome again = service.store(version("i1", TicketKind.INCIDENT, 1, 4, TicketState.RESOLVED, OPENED.plusSeconds(3600), 0));
        StoreOutcome stale = service.store(version("i1", TicketKind.INCIDENT, 1, 1, TicketState.OPEN, null, 0));

        assertThat(again).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(stale).isEqualTo(StoreOutcome.STALE);
        assertThat(repository.countsFor("Email", DAY1)).isEqualTo(before);
        assertThat(before.opened().total()).isEqualTo(1);
        assertThat(before.resolved().total()).isEqualTo(1);
    }

    @Test
    void store_shouldCountACancelledTicketAsOpenedOnly() {
        service.store(version("c1", TicketKind.INCIDENT, 3, 2, TicketState.CANCELLED, null, 0));

        DailyCounts day1 = repository.countsFor("Email", DAY1);

        assertThat(day1.opened().total()).isEqualTo(1);
        assertThat(day1.resolved().total()).isZero();
        assertThat(repository.findOpen("Email", TicketKind.INCIDENT)).isEmpty();
    }
}
