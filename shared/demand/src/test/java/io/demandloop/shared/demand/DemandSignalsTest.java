package io.demandloop.shared.demand;

import static io.demandloop.shared.demand.DemandFixtures.AS_OF;
import static io.demandloop.shared.demand.DemandFixtures.SERVICE;
import static io.demandloop.shared.demand.DemandFixtures.daysAgo;
import static io.demandloop.shared.demand.DemandFixtures.evaluate;
import static io.demandloop.shared.demand.DemandFixtures.incident;
import static io.demandloop.shared.demand.DemandFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the sources say about tickets ({@link TicketSignals}) in the evaluation: the reader's problem links and source
 * SLA breaches, and the symptom dimension.
 */
class DemandSignalsTest {

    private static final DemandloopConfig CONFIG = DemandloopConfig.fromYaml(DemandFixtures.CONFIG_YAML);
    private static final String PROBLEM = "servicenow#problem#PRB0040001";

    private static Ticket with(Ticket t, TicketSignals signals) {
        return t.toBuilder().signals(signals).build();
    }

    /** An incident of its own category and title, so that it shares nothing with the others but its signals. */
    private static Ticket incidentWith(String category, Instant opened, TicketSignals signals) {
        return with(incident(category, 3, opened), signals);
    }

    private static DemandInputs read(List<Ticket> stored) {
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        stored.forEach(tickets::store);
        return new DemandFactsReader(tickets, new InMemoryAlertRepository(), new InMemorySlaRepository(),
                ServiceCatalog.from(CONFIG),
                DemandConfig.from(CONFIG)).read(AS_OF);
    }

    // ---- the reader ------------------------------------------------------------------------------------------

    @Test
    void read_shouldLinkEachIncidentToTheProblemItsSourceNames() {
        // GIVEN two linked incidents, one without a link, and a request whose source names a problem too
        Ticket a = incidentWith("mailflow", daysAgo(2), new TicketSignals(PROBLEM, null, null));
        Ticket b = incidentWith("storage", daysAgo(3), new TicketSignals("servicenow#problem#PRB0040002", "x", true));
        Ticket unlinked = incidentWith("dns", daysAgo(4), new TicketSignals(null, "Slow", null));
        Ticket request = with(request("licence", "HR", daysAgo(5), null, 10), new TicketSignals(PROBLEM, null, null));

        // WHEN
        DemandInputs inputs = read(List.of(a, b, unlinked, request));

        // THEN only incidents are linked
        assertThat(inputs.problemLinks()).containsExactlyInAnyOrderEntriesOf(Map.of(
                a.key(), PROBLEM, b.key(), "servicenow#problem#PRB0040002"));
    }

    @Test
    void read_shouldCountABreach_forEachTicketWhoseSourceSaysItsSlaWasMissed_onTheDayItWasResolved() {
        // GIVEN incidents resolved two hours after opening, the first opened late in the evening, so that it is
        // resolved the next day; a second one resolved on that day too; one met, one silent
        Instant lateEvening = AS_OF.minus(Duration.ofDays(5)).minus(Duration.ofHours(1));
        Ticket missedOvernight = incidentWith("a", lateEvening, new TicketSignals(null, null, false));
        Ticket missedSameDay = incidentWith("b", AS_OF.minus(Duration.ofDays(5)).plus(Duration.ofHours(3)),
                new TicketSignals(null, null, false));
        Ticket met = incidentWith("c", daysAgo(6), new TicketSignals(null, null, true));
        Ticket silent = incident("d", 3, daysAgo(7));

        // WHEN
        DemandInputs inputs = read(List.of(missedOvernight, missedSameDay, met, silent));

        // THEN both are counted on the day of their resolution, not of their opening
        LocalDate resolvedDay = LocalDate.parse("2026-05-27");
        assertThat(LocalDate.ofInstant(missedOvernight.resolvedAt(), java.time.ZoneOffset.UTC)).isEqualTo(resolvedDay);
        assertThat(LocalDate.ofInstant(missedOvernight.openedAt(), java.time.ZoneOffset.UTC)).isEqualTo(resolvedDay.minusDays(1));
        assertThat(inputs.slaBreaches()).containsExactly(new SlaBreachCount(SERVICE, resolvedDay, 2));
    }

    @Test
    void read_shouldCountABreachOnTheOpeningDay_whenTheTicketIsNotResolved() {
        Instant opened = daysAgo(3);
        Ticket open = Ticket.builder().source("servicenow").sourceId("INC-open").kind(TicketKind.INCIDENT)
                .number("INC-open").service("Payments").priority(2).state(TicketState.IN_PROGRESS).openedAt(opened)
                .category("network").title("Card payments slow").sourceVersion(2).sourceUpdatedAt(opened)
                .signals(new TicketSignals(null, null, false)).build();

        DemandInputs inputs = read(List.of(open));

        assertThat(inputs.slaBreaches()).containsExactly(
                new SlaBreachCount("Payments", LocalDate.ofInstant(opened, java.time.ZoneOffset.UTC), 1));
    }

    @Test
    void read_shouldGiveTheServiceRiskOfTheSourcesBreaches_whenEnoughTicketsMissedTheirSla() {
        // GIVEN five tickets of Email whose source says the SLA was missed (demand.introducesRisk.minSlaBreaches: 5),
        // beside an organisation whose tickets met theirs (the miss rate is judged against the organisation's)
        List<Ticket> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(incidentWith("c" + i, daysAgo(2 + i), new TicketSignals(null, null, false)));
        }

        // WHEN
        List<DemandRecord> records = DemandFixtures.evaluator().evaluate(read(DemandFixtures.withOrganisation(missed)));

        // THEN
        assertThat(records).filteredOn(r -> r.pattern().equals(DemandId.SERVICE_RISK)).singleElement()
                .satisfies(r -> assertThat(r.evidence().figures()).containsEntry("slaBreaches", 5.0));
    }

    @Test
    void read_shouldGiveAProblemPattern_whenStoredIncidentsOfDifferentCategoriesShareAProblem() {
        List<Ticket> linked = List.of(
                incidentWith("mailflow", daysAgo(2), new TicketSignals(PROBLEM, null, null)),
                incidentWith("storage", daysAgo(3), new TicketSignals(PROBLEM, null, null)));

        List<DemandRecord> records = DemandFixtures.evaluator().evaluate(read(linked));

        assertThat(records).extracting(DemandRecord::pattern)
                .containsExactly(DemandId.RECURRING_INCIDENTS + "#problem:" + PROBLEM);
    }

    // ---- the symptom dimension -------------------------------------------------------------------------------

    @Test
    void symptomOf_shouldKeyTheSourcesSymptom_inLowerCaseWordsJoinedByDashes() {
        Ticket titled = incident(SERVICE, "mailflow", null, "Mail queue stuck", 3, daysAgo(1), 30);

        assertThat(ServiceFactsCalculator.symptomOf(with(titled, new TicketSignals(null, "Symptom  491", null))))
                .isEqualTo("symptom-491");
        assertThat(ServiceFactsCalculator.symptomOf(with(titled, new TicketSignals(null, " Login / SSO loop ", null))))
                .isEqualTo("login-sso-loop");
        assertThat(ServiceFactsCalculator.symptomOf(with(titled, new TicketSignals(null, "--", null))))
                .as("nothing to key: the title's words").isEqualTo("mail-queue-stuck");
        assertThat(ServiceFactsCalculator.symptomOf(titled)).isEqualTo("mail-queue-stuck");
    }

    @Test
    void evaluate_shouldGroupIncidentsByTheSourcesSymptom_whateverTheirTitlesAndCategories() {
        // GIVEN four incidents with nothing in common but the symptom their source gives, spelt in two ways
        List<Ticket> tickets = List.of(
                incidentWith("a", daysAgo(1), new TicketSignals(null, "Symptom 491", null)),
                incidentWith("b", daysAgo(2), new TicketSignals(null, "symptom  491", null)),
                incidentWith("c", daysAgo(3), new TicketSignals(null, "SYMPTOM 491", null)),
                incidentWith("d", daysAgo(4), new TicketSignals(null, "Symptom 491", null)));

        // WHEN
        List<DemandRecord> records = evaluate(tickets);

        // THEN
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.pattern()).isEqualTo(DemandId.RECURRING_INCIDENTS + "#symptom:symptom-491");
            assertThat(r.criteriaMet()).containsExactly(Criterion.REPEATED_DISRUPTION);
            assertThat(r.explanation()).contains("the symptom 'symptom 491'");
        });
    }

    @Test
    void evaluate_shouldGroupByTheTitlesWords_whenTheSourceGivesNoSymptom() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(incident(SERVICE, "category-" + i, null, "Mail queue stuck " + (100 + i), 3, daysAgo(1 + i), 30));
        }

        assertThat(evaluate(tickets)).extracting(DemandRecord::pattern)
                .containsExactly(DemandId.RECURRING_INCIDENTS + "#symptom:mail-queue-stuck");
    }

    @Test
    void evaluate_shouldPreferTheSourcesSymptom_overTheTitle() {
        // GIVEN four incidents with one title, which alone would group them, but two symptoms from the source
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Ticket t = incident(SERVICE, "category-" + i, null, "Mail queue stuck", 3, daysAgo(1 + i), 30);
            tickets.add(with(t, new TicketSignals(null, i % 2 == 0 ? "Disk full" : "Certificate expired", null)));
        }

        // WHEN / THEN two groups of two, each below demand.repeatedDisruption.minIncidents (4): nothing is raised
        assertThat(evaluate(tickets)).isEmpty();
    }
}
