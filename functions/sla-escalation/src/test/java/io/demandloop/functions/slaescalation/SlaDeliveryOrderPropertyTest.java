package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.incident;
import static io.demandloop.functions.slaescalation.SlaFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The SLA state and the recorded breaches depend on the versions delivered, not on their order or how often each arrived. */
class SlaDeliveryOrderPropertyTest {

    /**
     * A P2 (24x7: response 30 min, resolution 8 h) opened at 08:00, on hold from 09:00 to 12:00, resolved at 17:30:
     * the response breached at 08:30, the resolution (6.5 h used) did not. Some orders show a resolution breach on
     * the way (the first and last versions alone: 9.5 h).
     */
    static final List<Ticket> PAUSED = List.of(
            incident("p", 2, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"),
            incident("p", 2, TicketState.ON_HOLD, 1, "2026-11-16T08:00:00Z", "2026-11-16T09:00:00Z"),
            incident("p", 2, TicketState.IN_PROGRESS, 2, "2026-11-16T08:00:00Z", "2026-11-16T12:00:00Z"),
            incident("p", 2, TicketState.RESOLVED, 3, "2026-11-16T08:00:00Z", "2026-11-16T17:30:00Z"));

    /** Versions delivered in any order, each one to three times, end in the state of the in-order delivery. */
    @Property(tries = 200)
    void anyDeliveryOrder_shouldEndInTheSameState(@ForAll("orders") List<Integer> order) {
        SlaState expected = stateAfter(List.of(0, 1, 2, 3));

        SlaState actual = stateAfter(order);

        assertThat(actual.withRevision(0)).isEqualTo(expected.withRevision(0));
    }

    /** The same for the breaches: recorded once, and withdrawn again when a later-delivered version shows none. */
    @Property(tries = 200)
    void anyDeliveryOrder_shouldEndWithTheSameBreaches(@ForAll("orders") List<Integer> order) {
        List<SlaBreach> expected = after(PAUSED, List.of(0, 1, 2, 3), InMemorySlaRepository::breaches);

        List<SlaBreach> actual = after(PAUSED, order, InMemorySlaRepository::breaches);

        assertThat(expected).extracting(SlaBreach::id).containsExactly("response#0");
        assertThat(actual).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Integer>> orders() {
        return Arbitraries.integers().between(1, 3).list().ofSize(4).flatMap(copies -> {
            List<Integer> deliveries = new ArrayList<>();
            for (int v = 0; v < 4; v++) {
                for (int c = 0; c < copies.get(v); c++) {
                    deliveries.add(v);
                }
            }
            return Arbitraries.shuffle(deliveries);
        });
    }

    private static SlaState stateAfter(List<Integer> deliveries) {
        return after(SlaTrackingServiceTest.VERSIONS, deliveries, r -> r.state(key("t"), "1").orElseThrow());
    }

    private static <T> T after(List<Ticket> versions, List<Integer> deliveries, Function<InMemorySlaRepository, T> read) {
        InMemorySlaRepository fresh = new InMemorySlaRepository();
        SlaTrackingService service = new SlaTrackingService(fresh, SlaFixtures.evaluator());
        for (int v : deliveries) {
            service.track(versions.get(v));
        }
        return read.apply(fresh);
    }
}
