package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.fixtures.StoredHistory;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader gives the evaluation what it needs from the stores, and nothing outside the evaluation's span. */
class DemandFactsReaderTest {

    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());
    private static final Instant AS_OF = Instant.parse("2026-11-01T02:00:00Z");

    @Test
    void read_shouldGiveTheSameRecords_asTheGeneratedInputs_whenStoredAndReadBack() {
        // GIVEN a year of generated history in the stores
        History history = new DemandHistoryGenerator(42).generate();
        StoredHistory stored = StoredHistory.of(history);
        DemandFactsReader reader = stored.reader(CONFIG);
        DemandEvaluator evaluator = new DemandEvaluator(CONFIG, history.catalog());

        // WHEN
        DemandInputs read = reader.read(DemandHistoryGenerator.AS_OF);

        // THEN the same records as from the whole year stored, problem links taken from the incidents' signals (the
        // store keeps one episode per service and start, so the expectation takes the stored episodes)
        assertThat(read.problemLinks()).isNotEmpty();
        assertThat(read.slaBreaches()).as("breaches were read").isNotEmpty();
        DemandInputs generated = new DemandInputs(history.inputs().asOf(), history.inputs().tickets(),
                stored.alerts().episodes(), history.inputs().slaBreaches(), history.inputs().problemLinks());
        assertThat(evaluator.evaluate(read)).isEqualTo(evaluator.evaluate(generated));
    }

    @Test
    void read_shouldReadOnlyTheSpan_twoLongestWindowsBeforeAsOf() {
        // GIVEN
        History history = new DemandHistoryGenerator(7).generate();
        StoredHistory stored = StoredHistory.of(history);
        DemandFactsReader reader = stored.reader(CONFIG);
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
        LocalDate firstDay = LocalDate.parse("2026-05-05");
        assertThat(read.slaBreaches()).isNotEmpty()
                .allSatisfy(b -> assertThat(b.day()).isBetween(firstDay, LocalDate.parse("2026-10-31")));
        assertThat(history.inputs().slaBreaches()).as("the generated year has breaches before the span")
                .anySatisfy(b -> assertThat(b.day()).isBefore(firstDay));
    }

    @Test
    void read_shouldCountABreachedTicketOnce_onTheUtcDayOfItsFirstBreachInTheSpan() {
        // GIVEN breaches recorded by SLA tracking, for two services the tickets name and one nobody names
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        tickets.store(ticket("e1", "Email"));
        tickets.store(ticket("v1", "VPN"));
        InMemorySlaRepository sla = new InMemorySlaRepository();
        // a ticket whose response and resolution both breached, on different days: one ticket, on the first day
        sla.recordBreach(breach("e1", SlaMetric.RESPONSE, 0, "Email", "2026-10-10T23:59:00Z"));
        sla.recordBreach(breach("e1", SlaMetric.RESOLUTION, 0, "Email", "2026-10-12T08:00:00Z"));
        // a ticket reopened and breaching again (a new cycle) the same day: still one
        sla.recordBreach(breach("e2", SlaMetric.RESOLUTION, 0, "Email", "2026-10-10T01:00:00Z"));
        sla.recordBreach(breach("e2", SlaMetric.RESOLUTION, 1, "Email", "2026-10-10T20:00:00Z"));
        sla.recordBreach(breach("e3", SlaMetric.RESOLUTION, 0, "Email", "2026-10-12T00:00:00Z"));
        sla.recordBreach(breach("v1", SlaMetric.RESOLUTION, 0, "VPN", "2026-05-05T02:00:00Z")); // the span's first instant
        // outside the span: before it, and at asOf (windows end there, exclusive)
        sla.recordBreach(breach("v2", SlaMetric.RESOLUTION, 0, "VPN", "2026-05-05T01:59:59.999Z"));
        sla.recordBreach(breach("v3", SlaMetric.RESOLUTION, 0, "VPN", "2026-11-01T02:00:00Z"));
        // a service neither the catalog nor a ticket of the span names is not evaluated, so not read
        sla.recordBreach(breach("x1", SlaMetric.RESOLUTION, 0, "Elsewhere", "2026-10-10T12:00:00Z"));
        DemandFactsReader reader = new DemandFactsReader(tickets, new InMemoryAlertRepository(), sla,
                ServiceCatalog.from(DemandloopConfig.defaults()), CONFIG);

        // WHEN
        DemandInputs read = reader.read(AS_OF);

        // THEN
        assertThat(read.slaBreaches()).containsExactly(
                new SlaBreachCount("Email", LocalDate.parse("2026-10-10"), 2),
                new SlaBreachCount("Email", LocalDate.parse("2026-10-12"), 1),
                new SlaBreachCount("VPN", LocalDate.parse("2026-05-05"), 1));
    }

    @Test
    void read_shouldCountATicketOnce_whenBothItsSourceAndSlaTrackingSayItBreached() {
        // GIVEN e1: the source says its SLA was missed (resolved 2026-10-12) and SLA tracking recorded a breach on
        // 2026-10-10; e2: only the source says so (resolved 2026-10-15)
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        tickets.store(sourceBreached(ticket("e1", "Email"), Instant.parse("2026-10-12T09:00:00Z")));
        tickets.store(sourceBreached(ticket("e2", "Email"), Instant.parse("2026-10-15T09:00:00Z")));
        InMemorySlaRepository sla = new InMemorySlaRepository();
        sla.recordBreach(breach("e1", SlaMetric.RESOLUTION, 0, "Email", "2026-10-10T10:00:00Z"));
        DemandFactsReader reader = new DemandFactsReader(tickets, new InMemoryAlertRepository(), sla,
                ServiceCatalog.from(DemandloopConfig.defaults()), CONFIG);

        // WHEN
        DemandInputs read = reader.read(AS_OF);

        // THEN e1 once, on its first breach; e2 on the day it was resolved
        assertThat(read.slaBreaches()).containsExactly(
                new SlaBreachCount("Email", LocalDate.parse("2026-10-10"), 1),
                new SlaBreachCount("Email", LocalDate.parse("2026-10-15"), 1));
    }

    /** The ticket resolved at {@code resolvedAt}, its source saying its SLA was missed. */
    private static Ticket sourceBreached(Ticket t, Instant resolvedAt) {
        return t.toBuilder().state(TicketState.RESOLVED).resolvedAt(resolvedAt).closedAt(null)
                .sourceVersion(t.sourceVersion() + 1).sourceUpdatedAt(resolvedAt).change(null)
                .signals(new TicketSignals(null, null, false)).build();
    }

    private static Ticket ticket(String id, String service) {
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.INCIDENT).number("INC" + id)
                .service(service).priority(2).state(TicketState.OPEN).openedAt(Instant.parse("2026-10-01T08:00:00Z"))
                .title("title").sourceVersion(0).build();
    }

    private static SlaBreach breach(String id, SlaMetric metric, int cycle, String service, String at) {
        return new SlaBreach(Ticket.key("servicenow", TicketKind.INCIDENT, id), metric, cycle, service, Instant.parse(at));
    }

    @Test
    void read_shouldReadTheEpisodesOfAnAlertOnlyService_thatNoTicketAndNoCatalogEntryNames() {
        // GIVEN the noisy alert-only service stored, but a catalog without it and no ticket of it
        History history = new DemandHistoryGenerator(42).generate();
        StoredHistory stored = StoredHistory.of(history);
        ServiceCatalog withoutIt = new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, Map.of(), Map.of());
        assertThat(history.inputs().tickets()).noneMatch(t -> t.service().equals(DemandHistoryGenerator.NOISY));
        DemandFactsReader reader = stored.reader(withoutIt, CONFIG);

        // WHEN
        DemandInputs read = reader.read(DemandHistoryGenerator.AS_OF);

        // THEN its episodes are read, and the evaluation records its noise
        assertThat(read.episodes()).anyMatch(e -> e.service().equals(DemandHistoryGenerator.NOISY));
        assertThat(new DemandEvaluator(CONFIG, withoutIt).evaluate(read)).extracting(DemandRecord::id)
                .contains(DemandRecord.id(DemandHistoryGenerator.NOISY, DemandId.ALERT_NOISE));
    }
}
