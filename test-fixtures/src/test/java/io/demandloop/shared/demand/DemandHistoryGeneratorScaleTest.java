package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.ticket.Ticket;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemandHistoryGeneratorScaleTest {

    private static final Instant AS_OF = Instant.parse("2026-11-16T08:00:00Z");

    @Test
    void demoAtScale_shouldBeTheDemo_atTheDemoScale() {
        // GIVEN the demo's own history
        DemandHistoryGenerator.History demo = DemandHistoryGenerator.demo(AS_OF).generate();

        // WHEN it is asked for at the demo's scale
        DemandHistoryGenerator.History same = DemandHistoryGenerator.demoAtScale(AS_OF,
                DemandHistoryGenerator.backgroundServices().size(), demo.inputs().tickets().size()).generate();

        // THEN it is the same history, record for record
        assertThat(same.inputs().tickets()).isEqualTo(demo.inputs().tickets());
        assertThat(same.inputs().episodes()).isEqualTo(demo.inputs().episodes());
    }

    @Test
    void demoAtScale_shouldHoldTheServicesAndAboutTheTicketsAskedFor() {
        // WHEN 200 background services and 10,000 tickets are asked for
        DemandHistoryGenerator.History history = DemandHistoryGenerator.demoAtScale(AS_OF, 200, 10_000).generate();

        // THEN the four planted services with tickets and 200 background services have tickets, about 10,000 in all
        Set<String> services = history.inputs().tickets().stream().map(Ticket::service).collect(Collectors.toSet());
        assertThat(services).hasSize(204).contains("Background 200", DemandHistoryGenerator.OUTAGES);
        assertThat(history.inputs().tickets().size()).isBetween(9_500, 10_500);
    }
}
