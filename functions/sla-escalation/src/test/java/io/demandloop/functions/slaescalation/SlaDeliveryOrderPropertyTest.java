package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.testing.InMemorySlaRepository;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The SLA state depends on the versions delivered, not on their order or how often each arrived. */
class SlaDeliveryOrderPropertyTest {

    /** Versions delivered in any order, each one to three times, end in the state of the in-order delivery. */
    @Property(tries = 200)
    void anyDeliveryOrder_shouldEndInTheSameState(@ForAll("orders") List<Integer> order) {
        SlaState expected = stateAfter(List.of(0, 1, 2, 3));

        SlaState actual = stateAfter(order);

        assertThat(actual.withRevision(0)).isEqualTo(expected.withRevision(0));
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
        InMemorySlaRepository fresh = new InMemorySlaRepository();
        SlaTrackingService service = new SlaTrackingService(fresh, SlaFixtures.evaluator());
        for (int v : deliveries) {
            service.track(SlaTrackingServiceTest.VERSIONS.get(v));
        }
        return fresh.state(key("t"), "1").orElseThrow();
    }
}
