package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandHistoryGenerator.History;
import io.demandloop.shared.testing.InMemoryAlertRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader gives the evaluation what it needs from the stores, and nothing outside the evaluation's span. */
class DemandFactsReaderTest {

    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());

    @Test
    void read_shouldGiveTheSameRecords_asTheGeneratedInputs_whenStoredAndReadBack() {
        // GIVEN a year of generated history in the stores
        History history = new DemandHistoryGenerator(42).generate();
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        history.inputs().tickets().forEach(tickets::store);
        InMemoryAlertRepository alerts = new InMemoryAlertRepository();
        history.inputs().episodes().forEach(alerts::putEpisode);
        DemandFactsReader reader = new DemandFactsReader(tickets, alerts, history.catalog(), CONFIG);
        DemandEvaluator evaluator = new DemandEvaluator(CONFIG, history.catalog());

        // WHEN
        DemandInputs read = reader.read(DemandHistoryGenerator.AS_OF);

        // THEN the same records as from the whole year stored, problem links taken from the incidents' signals (the
        // store keeps one episode per service and start, so the expectation takes the stored episodes)
        assertThat(read.problemLinks()).isNotEmpty();
        DemandInputs generated = new DemandInputs(history.inputs().asOf(), history.inputs().tickets(),
                alerts.episodes(), history.inputs().slaBreaches(), history.inputs().problemLinks());
        assertThat(evaluator.evaluate(read)).isEqualTo(evaluator.evaluate(generated));
    }

    @Test
    void read_shouldReadOnlyTheSpan_twoLongestWindowsBeforeAsOf() {
        // GIVEN
        History history = new DemandHistoryGenerator(7).generate();
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        history.inputs().tickets().forEach(tickets::store);
        InMemoryAlertRepository alerts = new InMemoryAlertRepository();
        history.inputs().episodes().forEach(alerts::putEpisode);
        DemandFactsReader reader = new DemandFactsReader(tickets, alerts, history.catalog(), CONFIG);
        Instant asOf = DemandHistoryGenerator.AS_OF;

        // WHEN
        DemandInputs read = reader.read(asOf);

        // THEN
        Instant from = asOf.minus(Duration.ofDays(180));
        assertThat(reader.spanStart(asOf)).isEqualTo(from);
        assertThat(read.tickets()).isNotEmpty()
                .allSatisfy(t -> assertThat(t.openedAt()).isBetween(from, asOf.minusMillis(1)));
        assertThat(read.episodes()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.start()).isBetween(from, asOf.minusMillis(1)));
        List<Ticket> older = history.inputs().tickets().stream().filter(t -> t.openedAt().isBefore(from)).toList();
        assertThat(older).as("the generated year reaches before the span").isNotEmpty();
        List<AlertEpisode> outside = history.inputs().episodes().stream().filter(e -> e.start().isBefore(from)).toList();
        assertThat(read.episodes()).doesNotContainAnyElementsOf(outside);
    }

    @Test
    void read_shouldReadTheEpisodesOfAnAlertOnlyService_thatNoTicketAndNoCatalogEntryNames() {
        // GIVEN the noisy alert-only service stored, but a catalog without it and no ticket of it
        History history = new DemandHistoryGenerator(42).generate();
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        history.inputs().tickets().forEach(tickets::store);
        InMemoryAlertRepository alerts = new InMemoryAlertRepository();
        history.inputs().episodes().forEach(alerts::putEpisode);
        ServiceCatalog withoutIt = new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, Map.of(), Map.of());
        assertThat(history.inputs().tickets()).noneMatch(t -> t.service().equals(DemandHistoryGenerator.NOISY));
        DemandFactsReader reader = new DemandFactsReader(tickets, alerts, withoutIt, CONFIG);

        // WHEN
        DemandInputs read = reader.read(DemandHistoryGenerator.AS_OF);

        // THEN its episodes are read, and the evaluation records its noise
        assertThat(read.episodes()).anyMatch(e -> e.service().equals(DemandHistoryGenerator.NOISY));
        assertThat(new DemandEvaluator(CONFIG, withoutIt).evaluate(read)).extracting(DemandRecord::id)
                .contains(DemandRecord.id(DemandHistoryGenerator.NOISY, DemandEvaluator.ALERT_NOISE));
    }
}
