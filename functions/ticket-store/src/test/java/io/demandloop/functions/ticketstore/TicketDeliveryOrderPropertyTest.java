package io.demandloop.functions.ticketstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.DailyCounts;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the order and however often the versions of some tickets are delivered, the store ends with the
 * newest version of each and the same counts as if only the newest versions had arrived, once each.
 */
class TicketDeliveryOrderPropertyTest {

    private static final Instant BASE = Instant.parse("2030-07-01T00:00:00Z");
    private static final List<String> SERVICES = List.of("Email", "VPN");

    /** One ticket's history: its versions, in source order. */
    record History(List<Ticket> versions) {
        Ticket newest() {
            return versions.get(versions.size() - 1);
        }
    }

    @Provide
    Arbitrary<List<History>> histories() {
        Arbitrary<History> history = Combinators.combine(
                Arbitraries.strings().alpha().ofLength(6),
                Arbitraries.of(TicketKind.class),
                Arbitraries.of(SERVICES),
                Arbitraries.integers().between(0, 4 * 24 * 60),
                Arbitraries.of(TicketState.class).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.integers().between(1, 5).list().ofSize(5),
                Arbitraries.integers().between(0, 3 * 24 * 60).list().ofSize(5)).as(
                (id, kind, service, openedMinute, states, priorities, delays) -> {
                    Instant opened = BASE.plus(Duration.ofMinutes(openedMinute));
                    List<Ticket> versions = new ArrayList<>();
                    int reopens = 0;
                    long version = 0;
                    for (int i = 0; i < states.size(); i++) {
                        TicketState state = states.get(i);
                        if (i > 0 && !state.isTerminal() && states.get(i - 1).isTerminal()) {
                            reopens++;
                        }
                        version += 1 + i;
                        Instant updated = opened.plus(Duration.ofMinutes(delays.get(i) + i));
                        versions.add(Ticket.builder().source("servicenow").sourceId(id).kind(kind).service(service)
                                .priority(priorities.get(i)).state(state).openedAt(opened)
                                .resolvedAt(state == TicketState.RESOLVED ? updated : null)
                                .closedAt(state == TicketState.CLOSED ? updated : null).title("t")
                                .sourceVersion(version).sourceUpdatedAt(updated).reopenCount(reopens).build());
                    }
                    return new History(versions);
                });
        return history.list().ofMinSize(1).ofMaxSize(8).uniqueElements(h -> h.newest().key());
    }

    @Property(tries = 300)
    void anyOrderAndAnyRedelivery_shouldEndInTheNewestVersionsAndTheSameCounts(
            @ForAll("histories") List<History> histories, @ForAll long seed) {
        // GIVEN every version delivered one to three times, shuffled
        Random random = new Random(seed);
        List<Ticket> deliveries = new ArrayList<>();
        for (History history : histories) {
            for (Ticket version : history.versions()) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    deliveries.add(version);
                }
            }
        }
        Collections.shuffle(deliveries, random);

        // WHEN
        InMemoryTicketRepository repository = new InMemoryTicketRepository();
        TicketStoreService store = new TicketStoreService(repository);
        List<StoreOutcome> newestOutcomes = new ArrayList<>();
        List<Ticket> newest = histories.stream().map(History::newest).toList();
        for (Ticket delivery : deliveries) {
            StoreOutcome outcome = store.store(delivery);
            if (newest.contains(delivery)) {
                newestOutcomes.add(outcome);
            }
        }

        // THEN the newest version of each ticket is stored, and was stored exactly once
        assertThat(repository.all()).containsExactlyInAnyOrderElementsOf(newest);
        assertThat(newestOutcomes.stream().filter(o -> o == StoreOutcome.STORED).count()).isEqualTo(newest.size());
        // and the counts are those of the newest versions delivered once, in order
        InMemoryTicketRepository reference = new InMemoryTicketRepository();
        newest.forEach(reference::store);
        for (String service : SERVICES) {
            for (LocalDate day = LocalDate.parse("2030-07-01"); day.isBefore(LocalDate.parse("2030-07-09")); day = day.plusDays(1)) {
                DailyCounts counts = repository.countsFor(service, day);
                assertThat(counts).isEqualTo(reference.countsFor(service, day));
            }
            for (TicketKind kind : TicketKind.values()) {
                assertThat(repository.findOpen(service, kind)).isEqualTo(reference.findOpen(service, kind));
            }
        }
        // and the totals add up: every ticket is counted as opened once
        int opened = 0;
        for (String service : SERVICES) {
            for (LocalDate day = LocalDate.parse("2030-07-01"); day.isBefore(LocalDate.parse("2030-07-09")); day = day.plusDays(1)) {
                opened += repository.countsFor(service, day).opened().total();
            }
        }
        assertThat(opened).isEqualTo(newest.size());
    }
}
