package io.demandloop.shared.demand;

import static io.demandloop.shared.demand.DemandFixtures.AS_OF;
import static io.demandloop.shared.demand.DemandFixtures.SERVICE;
import static io.demandloop.shared.demand.DemandFixtures.change;
import static io.demandloop.shared.demand.DemandFixtures.daysAgo;
import static io.demandloop.shared.demand.DemandFixtures.episode;
import static io.demandloop.shared.demand.DemandFixtures.evaluate;
import static io.demandloop.shared.demand.DemandFixtures.evaluator;
import static io.demandloop.shared.demand.DemandFixtures.incident;
import static io.demandloop.shared.demand.DemandFixtures.incidents;
import static io.demandloop.shared.demand.DemandFixtures.request;
import static io.demandloop.shared.demand.DemandFixtures.withOrganisation;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each criterion at its edge (threshold just met, just missed), with the default thresholds and one 30-day window. */
class DemandCriteriaTest {

    private static final String CATEGORY_PATTERN = "recurring-incidents#category:mailflow";

    private static DemandRecord only(List<DemandRecord> records, String pattern) {
        assertThat(records).extracting(DemandRecord::pattern).containsExactly(pattern);
        return records.get(0);
    }

    // ---- repeated disruption ---------------------------------------------------------------------------------

    @Test
    void repeatedDisruption_shouldBeMet_whenAGroupHasExactlyMinIncidents() {
        // WHEN
        DemandRecord record = only(evaluate(incidents(4, "mailflow", 3)), CATEGORY_PATTERN);

        // THEN
        assertThat(record.id()).isEqualTo("Email#recurring-incidents#category:mailflow");
        assertThat(record.criteriaMet()).containsExactly(Criterion.REPEATED_DISRUPTION);
        assertThat(record.criterion(Criterion.REPEATED_DISRUPTION).measures().get(0))
                .isEqualTo(new Measure("incidents", "4", ">=", "4", true));
        assertThat(record.tier()).isEqualTo(DemandTier.PROCESS_IMPROVEMENT);
    }

    @Test
    void repeatedDisruption_shouldNotBeMet_whenTheGroupIsUnderMinShareOfTheServicesIncidents() {
        // GIVEN a busy service: 4 'mailflow' incidents among 81 (0.049 < 0.05), the rest in categories of 1
        List<Ticket> tickets = new ArrayList<>(incidents(4, "mailflow", 3));
        for (int i = 0; i < 77; i++) {
            tickets.add(incident("other-" + i, 3, daysAgo(1 + i % 28)));
        }

        // WHEN
        List<DemandRecord> records = evaluate(tickets);

        // THEN
        assertThat(records).extracting(DemandRecord::pattern).doesNotContain(CATEGORY_PATTERN);
    }

    @Test
    void repeatedDisruption_shouldNotBeMet_byFourOfEightyIncidents_whenTheGroupDoesNotStandOutFromTheOrganisation() {
        // GIVEN 4 'mailflow' incidents among 80: 5 % of the service, not significantly above twice the organisation's
        // share of 'mailflow' (the exact binomial test of baseline.groupShareRatio)
        List<Ticket> tickets = new ArrayList<>(incidents(4, "mailflow", 3));
        for (int i = 0; i < 76; i++) {
            tickets.add(incident("other-" + i, 3, daysAgo(1 + i % 28)));
        }

        // WHEN
        List<DemandRecord> records = evaluate(tickets);

        // THEN
        assertThat(records).extracting(DemandRecord::pattern).doesNotContain(CATEGORY_PATTERN);
    }

    @Test
    void repeatedDisruption_shouldBeMet_byAProblemLink_whateverTheShare() {
        // GIVEN 2 incidents linked to one problem among 81
        Ticket a = incident("mailflow", 3, daysAgo(2));
        Ticket b = incident("storage", 3, daysAgo(3));
        List<Ticket> tickets = new ArrayList<>(List.of(a, b));
        for (int i = 0; i < 79; i++) {
            tickets.add(incident("other-" + i, 3, daysAgo(1 + i % 28)));
        }
        DemandInputs inputs = new DemandInputs(AS_OF, withOrganisation(tickets), List.of(), List.of(),
                Map.of(a.key(), "servicenow#problem#PRB1", b.key(), "servicenow#problem#PRB1"));

        // WHEN
        List<DemandRecord> records = evaluator().evaluate(inputs);

        // THEN
        assertThat(records).extracting(DemandRecord::pattern).contains("recurring-incidents#problem:servicenow#problem#PRB1");
    }

    @Test
    void repeatedDisruption_shouldRaiseNothing_whenAGroupHasOneIncidentTooFew() {
        assertThat(evaluate(incidents(3, "mailflow", 3))).isEmpty();
    }

    @Test
    void repeatedDisruption_shouldBeMet_whenMinProblemLinkedIncidentsShareAProblem() {
        // GIVEN two incidents of different categories, both linked to one problem
        Ticket a = incident("mailflow", 3, daysAgo(2));
        Ticket b = incident("storage", 3, daysAgo(3));
        DemandInputs inputs = new DemandInputs(AS_OF, withOrganisation(List.of(a, b)), List.of(), List.of(),
                Map.of(a.key(), "servicenow#problem#PRB1", b.key(), "servicenow#problem#PRB1"));

        // WHEN
        DemandRecord record = only(evaluator().evaluate(inputs), "recurring-incidents#problem:servicenow#problem#PRB1");

        // THEN
        assertThat(record.criterion(Criterion.REPEATED_DISRUPTION).measures().get(1))
                .isEqualTo(new Measure("incidents linked to one problem", "2", ">=", "2", true));
    }

    @Test
    void repeatedDisruption_shouldRaiseNothing_whenOnlyOneIncidentIsLinkedToTheProblem() {
        Ticket a = incident("mailflow", 3, daysAgo(2));
        Ticket b = incident("storage", 3, daysAgo(3));
        DemandInputs inputs = new DemandInputs(AS_OF, withOrganisation(List.of(a, b)), List.of(), List.of(),
                Map.of(a.key(), "servicenow#problem#PRB1"));

        assertThat(evaluator().evaluate(inputs)).isEmpty();
    }

    @Test
    void repeatedDisruption_shouldNotBeRising_whenACountTripledFromOne() {
        // GIVEN 3 incidents now (below minIncidents 4), 1 in the 30 days before: x3, but the exact rate-ratio test
        // gives p 0.31, no evidence of a rise
        List<Ticket> tickets = new ArrayList<>(incidents(3, "mailflow", 3));
        tickets.add(incident("mailflow", 3, daysAgo(45)));

        // WHEN
        List<DemandRecord> records = evaluate(tickets);

        // THEN
        assertThat(records).extracting(DemandRecord::pattern).doesNotContain(CATEGORY_PATTERN);
    }

    @Test
    void repeatedDisruption_shouldRaiseNothing_whenTheGroupGrowsLessThanTheRatio() {
        // 3 now, 2 before: x1.5 < x2
        List<Ticket> tickets = new ArrayList<>(incidents(3, "mailflow", 3));
        tickets.add(incident("mailflow", 3, daysAgo(40)));
        tickets.add(incident("mailflow", 3, daysAgo(50)));

        assertThat(evaluate(tickets)).isEmpty();
    }

    @Test
    void repeatedDisruption_shouldNotCountARatioOverNothing_whenTheGroupIsNew() {
        // 3 now, none before: a new group is judged by minIncidents alone
        assertThat(evaluate(incidents(3, "mailflow", 3))).isEmpty();
    }

    private static List<Ticket> steadyStream(int now, int before) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < now; i++) {
            tickets.add(incident("mailflow", 3, daysAgo(0.5 + i * 29.0 / now)));
        }
        for (int i = 0; i < before; i++) {
            tickets.add(incident("mailflow", 3, daysAgo(30.5 + i * 29.0 / before)));
        }
        return tickets;
    }

    @Test
    void repeatedDisruption_shouldNotBeMet_byTheCountOfASteadyStreamAtTheSteadyVolume() {
        // GIVEN 20 'mailflow' incidents now (steadyVolume 20) and 20 in the 30 days before: the service's run workload
        // WHEN
        List<DemandRecord> records = evaluate(steadyStream(20, 20));

        // THEN
        assertThat(records).extracting(DemandRecord::pattern).doesNotContain(CATEGORY_PATTERN);
    }

    @Test
    void repeatedDisruption_shouldBeMet_byTheCountOfAStreamOneBelowTheSteadyVolume() {
        DemandRecord record = only(evaluate(steadyStream(19, 19)), CATEGORY_PATTERN);

        assertThat(record.criteriaMet()).containsExactly(Criterion.REPEATED_DISRUPTION);
        assertThat(record.criterion(Criterion.REPEATED_DISRUPTION).measures())
                .contains(new Measure("incidents below the steady volume (a larger group counts only rising)", "19", "<",
                        "20", true));
    }

    @Test
    void repeatedDisruption_shouldBeMet_byAStreamAboveTheSteadyVolume_whenItRoseAgainstItsOwnHistory() {
        // GIVEN 40 now against 10 before: x4, the exact rate-ratio test's one-sided bound well above 1
        DemandRecord record = only(evaluate(steadyStream(40, 10)), CATEGORY_PATTERN);

        assertThat(record.criteriaMet()).containsExactly(Criterion.REPEATED_DISRUPTION);
        assertThat(record.criterion(Criterion.REPEATED_DISRUPTION).measures()).filteredOn(Measure::met)
                .extracting(Measure::name).anyMatch(name -> name.startsWith("rising"));
    }

    @Test
    void evaluate_shouldReportOverlappingGroupsOnce_underTheirCategory() {
        // GIVEN 5 incidents sharing category, CI and title: four candidate groups of the same incidents
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(incident(SERVICE, "mailflow", "EXCH-01", "Mail queue stuck", 3, daysAgo(1 + i), 30));
        }

        // WHEN / THEN
        only(evaluate(tickets), CATEGORY_PATTERN);
    }

    // ---- manual effort ---------------------------------------------------------------------------------------

    @Test
    void manualEffort_shouldBeMet_atExactlyMinHours() {
        // GIVEN one department, 4 requests of 10 hours each: 40 h
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(request("mailbox", "Finance", daysAgo(1 + i), Duration.ofHours(5), 600));
        }

        // WHEN
        DemandRecord record = only(evaluate(tickets), "request-demand#category:mailbox");

        // THEN
        assertThat(record.criteriaMet()).containsExactly(Criterion.MANUAL_EFFORT);
        assertThat(record.criterion(Criterion.MANUAL_EFFORT).measures())
                .containsExactly(new Measure("effort hours", "40", ">=", "40", true),
                        new Measure("% of them with recorded effort", "100", ">=", "50", true));
        assertThat(record.criterion(Criterion.UNMET_NEED).met()).isFalse();
    }

    @Test
    void manualEffort_shouldNotBeMet_whenTheHoursAreMostlyEstimated() {
        // GIVEN 40 h over 5 requests, but only 2 of them recorded their effort (40 %, under minRecordedShare 0.5):
        // the defaults (request P4: 0.5 h) fill in the other three
        List<Ticket> tickets = new ArrayList<>();
        tickets.add(request("mailbox", "Finance", daysAgo(1), Duration.ofHours(5), 1110));
        tickets.add(request("mailbox", "Finance", daysAgo(2), Duration.ofHours(5), 1200));
        for (int i = 0; i < 3; i++) {
            tickets.add(request("mailbox", "Finance", daysAgo(3 + i), Duration.ofHours(5), null));
        }

        // WHEN
        List<DemandRecord> records = evaluate(tickets);

        // THEN the hours reach the threshold, the evidence does not: nothing is raised
        assertThat(records).noneMatch(r -> r.pattern().equals("request-demand#category:mailbox"));
    }

    @Test
    void manualEffort_shouldRaiseNothing_oneMinuteShortOfMinHours() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(request("mailbox", "Finance", daysAgo(1 + i), Duration.ofHours(5), i == 0 ? 599 : 600));
        }

        assertThat(evaluate(tickets)).isEmpty();
    }

    @Test
    void manualEffort_shouldUseTheConfiguredDefault_whenATicketHasNoEffort() {
        // GIVEN 5 P1 incidents without effort, 8 h each by default: 40 h; distinct categories: no recurrence
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(incident(SERVICE, null, "EXCH-0" + i, "Outage " + (char) ('a' + i) + "xx", 1, daysAgo(1 + i), null));
        }
        ServiceFactsCalculator calculator = evaluator().calculator();

        // WHEN
        ServiceFacts facts = calculator.compute(new DemandInputs(AS_OF, tickets, List.of(), List.of(), Map.of()),
                Window.ending(AS_OF, Duration.ofDays(30))).get(SERVICE);

        // THEN
        assertThat(facts.effortHours()).isEqualTo(40.0);
        assertThat(facts.incidentsByPriority()).containsEntry(1, 5);
    }

    // ---- introduces risk -------------------------------------------------------------------------------------

    @Test
    void introducesRisk_shouldBeMet_whenAGroupHasMinMajorIncidents() {
        // GIVEN 2 P2 incidents of one category (a group, but under minIncidents)
        DemandRecord record = only(evaluate(incidents(2, "mailflow", 2)), CATEGORY_PATTERN);

        // THEN
        assertThat(record.criteriaMet()).containsExactly(Criterion.INTRODUCES_RISK);
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).measures())
                .startsWith(new Measure("major incidents (P1-P2)", "2", ">=", "2", true),
                        new Measure("% of them major", "100", ">=", "10", true));
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).measures().get(2).met()).isTrue();
    }

    @Test
    void introducesRisk_shouldNotBeMet_whenTheMajorIncidentsAreUnderMinMajorShareOfTheGroup() {
        // GIVEN 21 incidents of one category, 2 of them P2: 0.095 < 0.1
        List<Ticket> tickets = new ArrayList<>(incidents(19, "mailflow", 3));
        tickets.addAll(incidents(2, "mailflow", 2));

        // WHEN
        DemandRecord record = only(evaluate(tickets), CATEGORY_PATTERN);

        // THEN
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).met()).isFalse();
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).measures())
                .startsWith(new Measure("major incidents (P1-P2)", "2", ">=", "2", true),
                        new Measure("% of them major", "9.52", ">=", "10", false));
        assertThat(record.criteriaMet()).containsExactly(Criterion.REPEATED_DISRUPTION);
    }

    @Test
    void introducesRisk_shouldNotBeMet_atExactlyMinMajorShare_whenThatIsNotSignificantlyAboveTheOrganisations() {
        // GIVEN 20 incidents of one category, 2 of them P2: 0.1, but 2 of 20 is no evidence of more than the
        // organisation's share of majors plus the margin
        List<Ticket> tickets = new ArrayList<>(incidents(18, "mailflow", 3));
        tickets.addAll(incidents(2, "mailflow", 2));

        DemandRecord record = only(evaluate(tickets), CATEGORY_PATTERN);
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).measures().get(1).met()).isTrue();
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).met()).isFalse();
    }

    @Test
    void introducesRisk_shouldRaiseNothing_whenOnlyOneIncidentOfTheGroupIsMajor() {
        List<Ticket> tickets = List.of(incident("mailflow", 2, daysAgo(1)), incident("mailflow", 3, daysAgo(2)));

        assertThat(evaluate(tickets)).isEmpty();
    }

    @Test
    void introducesRisk_shouldBeMet_atTheChangeFailureRateOverMinChanges() {
        // GIVEN 10 changes, 3 failed or backed out: 0.3 >= 0.3 over 10 >= 5
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tickets.add(change(daysAgo(1 + i), i == 0 ? ChangeOutcome.FAILED
                    : i < 3 ? ChangeOutcome.BACKED_OUT : ChangeOutcome.SUCCESSFUL));
        }

        // WHEN
        DemandRecord record = only(evaluate(tickets), "service-risk");

        // THEN
        assertThat(record.criteriaMet()).containsExactly(Criterion.INTRODUCES_RISK);
        assertThat(record.criterion(Criterion.INTRODUCES_RISK).measures()).startsWith(
                new Measure("changes", "10", ">=", "5", true),
                new Measure("change failure rate", "0.3", ">=", "0.3", true),
                new Measure("SLA breaches", "0", ">=", "5", false));
        assertThat(record.evidence().tickets()).hasSize(3);
    }

    @Test
    void introducesRisk_shouldRaiseNothing_belowTheRateOrBelowMinChanges() {
        List<Ticket> lowRate = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lowRate.add(change(daysAgo(1 + i), i < 2 ? ChangeOutcome.FAILED : ChangeOutcome.SUCCESSFUL));
        }
        List<Ticket> fewChanges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fewChanges.add(change(daysAgo(1 + i), i < 2 ? ChangeOutcome.FAILED : ChangeOutcome.SUCCESSFUL));
        }

        assertThat(evaluate(lowRate)).isEmpty();
        assertThat(evaluate(fewChanges)).isEmpty();
    }

    @Test
    void introducesRisk_shouldBeMet_atMinSlaBreaches_andNotOneBelow() {
        LocalDate day = AS_OF.atZone(ZoneOffset.UTC).toLocalDate().minusDays(3);
        DemandInputs five = new DemandInputs(AS_OF, List.of(), List.of(),
                List.of(new SlaBreachCount(SERVICE, day, 3), new SlaBreachCount(SERVICE, day.minusDays(1), 2)), Map.of());
        DemandInputs four = new DemandInputs(AS_OF, List.of(), List.of(),
                List.of(new SlaBreachCount(SERVICE, day, 4)), Map.of());

        assertThat(only(evaluator().evaluate(five), "service-risk").criteriaMet())
                .containsExactly(Criterion.INTRODUCES_RISK);
        assertThat(evaluator().evaluate(four)).isEmpty();
    }

    @Test
    void serviceRisk_shouldExplainBreachesBesideTheServicesIncidents_andLeaveOutChangesWhenThereAreNone() {
        // GIVEN 5 breaches and 8 incidents of 8 categories, no change
        LocalDate day = AS_OF.atZone(ZoneOffset.UTC).toLocalDate().minusDays(3);
        List<Ticket> incidents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            incidents.add(incident("category-" + i, 4, daysAgo(1 + i)));
        }
        DemandInputs inputs = new DemandInputs(AS_OF, withOrganisation(incidents), List.of(),
                List.of(new SlaBreachCount(SERVICE, day, 5)), Map.of());

        // WHEN
        DemandRecord record = only(evaluator().evaluate(inputs), "service-risk");

        // THEN
        assertThat(record.explanation()).contains(
                "no changes and 5 SLA breaches (misses 62.5 % of SLAs, 5 of 8 incidents and requests, against ",
                " % across the organisation) in the 30d to")
                .doesNotContain("0 of 0 changes");
    }

    // ---- unmet need ------------------------------------------------------------------------------------------

    private static List<Ticket> requests(int n, int departments, Duration toFulfil) {
        List<String> names = List.of("Finance", "HR", "Sales", "Legal");
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tickets.add(request("licence", names.get(i % departments), daysAgo(1 + i * 0.5), toFulfil, 10));
        }
        return tickets;
    }

    @Test
    void unmetNeed_shouldBeMet_atMinDepartmentsAndMinRequests() {
        DemandRecord record = only(evaluate(requests(30, 3, Duration.ofHours(4))), "request-demand#category:licence");

        assertThat(record.criteriaMet()).containsExactly(Criterion.UNMET_NEED);
        assertThat(record.criterion(Criterion.UNMET_NEED).measures()).containsExactly(
                new Measure("departments", "3", ">=", "3", true),
                new Measure("requests", "30", ">=", "30", true),
                new Measure("median fulfilment hours", "4", ">=", "72", false));
        assertThat(record.tier()).isEqualTo(DemandTier.PROCESS_IMPROVEMENT);
    }

    @Test
    void unmetNeed_shouldNotBeMet_withOneDepartmentTooFew_orOneRequestTooFew() {
        assertThat(evaluate(requests(30, 2, Duration.ofHours(4)))).isEmpty();
        assertThat(evaluate(requests(29, 3, Duration.ofHours(4)))).isEmpty();
    }

    @Test
    void unmetNeed_shouldBeMet_byASlowMedianFulfilment_evenWithFewRequests() {
        DemandRecord record = only(evaluate(requests(3, 3, Duration.ofHours(72))), "request-demand#category:licence");

        assertThat(record.criterion(Criterion.UNMET_NEED).met()).isTrue();
        assertThat(evaluate(requests(3, 3, Duration.ofMinutes(72 * 60 - 1)))).isEmpty();
    }

    @Test
    void requestFacts_shouldLeaveOpenRequestsOutOfTheMedian() {
        List<Ticket> tickets = new ArrayList<>(requests(3, 3, Duration.ofHours(10)));
        tickets.add(request("licence", "HR", daysAgo(2), null, 10));

        ServiceFacts facts = evaluator().calculator().compute(
                new DemandInputs(AS_OF, tickets, List.of(), List.of(), Map.of()), Window.ending(AS_OF, Duration.ofDays(30)))
                .get(SERVICE);

        assertThat(facts.requests()).singleElement().satisfies(group -> {
            assertThat(group.requests()).hasSize(4);
            assertThat(group.fulfilled()).isEqualTo(3);
            assertThat(group.medianFulfilmentHours()).isEqualTo(10.0);
        });
    }

    // ---- critical service and noise --------------------------------------------------------------------------

    @Test
    void criticalService_shouldNotRaiseAPatternOnItsOwn() {
        List<Ticket> tickets = List.of(incident("Payments", "gateway", null, "Gateway slow", 3, daysAgo(1), 30),
                incident("Payments", "gateway", null, "Gateway down", 3, daysAgo(2), 30));

        assertThat(evaluate(tickets)).isEmpty();
    }

    @Test
    void criticalService_shouldLiftRepeatedDisruptionToAnInitiative() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(incident("Payments", "gateway", null, "Gateway " + (char) ('a' + i) + "xx", 3, daysAgo(1 + i), 30));
        }

        DemandRecord record = only(evaluate(tickets), "recurring-incidents#category:gateway");

        assertThat(record.criteriaMet()).containsExactly(Criterion.CRITICAL_SERVICE, Criterion.REPEATED_DISRUPTION);
        assertThat(record.criterion(Criterion.CRITICAL_SERVICE).measures())
                .containsExactly(new Measure("tier", "critical", "in", "[critical]", true));
        assertThat(record.tier()).isEqualTo(DemandTier.INITIATIVE);
    }

    @Test
    void alertNoise_shouldBeObserved_atMinEpisodes_andStayInServiceManagement() {
        // GIVEN 20 episodes of 5 alerts each, none flapping, no incident
        List<AlertEpisode> episodes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            episodes.add(episode(SERVICE, daysAgo(1 + i), 5, false));
        }

        // WHEN
        List<DemandRecord> records = evaluator().evaluate(new DemandInputs(AS_OF, List.of(), episodes, List.of(), Map.of()));

        // THEN
        DemandRecord record = only(records, "alert-noise");
        assertThat(record.criteriaMet()).isEmpty();
        assertThat(record.tier()).isEqualTo(DemandTier.STAY_IN_SERVICE_MANAGEMENT);
        assertThat(record.observations()).contains(new Measure("alert episodes", "20", ">=", "20", true),
                new Measure("alerts per episode", "5", ">=", "5", true));
        assertThat(record.explanation()).contains("No criterion is met", "alert episodes 20 >= 20");
    }

    @Test
    void alertNoise_shouldNotBeObserved_withOneEpisodeTooFew_orQuietEpisodes() {
        List<AlertEpisode> few = new ArrayList<>();
        List<AlertEpisode> quiet = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i < 19) {
                few.add(episode(SERVICE, daysAgo(1 + i), 5, true));
            }
            quiet.add(episode(SERVICE, daysAgo(1 + i), 4, i < 5)); // 4 alerts each, 25 % flapping
        }

        assertThat(evaluator().evaluate(new DemandInputs(AS_OF, List.of(), few, List.of(), Map.of()))).isEmpty();
        assertThat(evaluator().evaluate(new DemandInputs(AS_OF, List.of(), quiet, List.of(), Map.of()))).isEmpty();
    }

    // ---- windows, identity, determinism ----------------------------------------------------------------------

    @Test
    void evaluate_shouldJudgeALongerWindowAgainstScaledThresholds() {
        // GIVEN 12 incidents a week apart over 90 days, 3 of them in the last 30: only the 90-day
        // window (threshold 4 x 3 = 12) sees the pattern
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tickets.add(incident("mailflow", 3, daysAgo(8 + i * 7.4)));
        }
        DemandEvaluator evaluator = evaluator(DemandFixtures.CONFIG_YAML.replace("[P30D]", "[P30D, P90D]"));

        // WHEN
        List<DemandRecord> records = evaluator.evaluate(new DemandInputs(AS_OF, withOrganisation(tickets), List.of(), List.of(), Map.of()));

        // THEN
        DemandRecord record = only(records, CATEGORY_PATTERN);
        assertThat(record.evidence().window().length()).isEqualTo(Duration.ofDays(90));
        assertThat(record.criterion(Criterion.REPEATED_DISRUPTION).measures().get(0))
                .isEqualTo(new Measure("incidents", "12", ">=", "12", true));
        assertThat(record.evidence().windows()).extracting(DemandRecord.WindowCount::window).containsExactly("30d", "90d");
    }

    @Test
    void evaluate_shouldGiveEqualRecords_whateverTheOrderOfItsInputs() {
        List<Ticket> tickets = new ArrayList<>(incidents(6, "mailflow", 2));
        tickets.addAll(requests(30, 3, Duration.ofHours(100)));
        List<Ticket> reversed = new ArrayList<>(tickets);
        java.util.Collections.reverse(reversed);

        assertThat(evaluate(reversed)).isEqualTo(evaluate(tickets)).isNotEmpty();
    }

    @Test
    void evaluate_shouldCountTheNewestVersionOfATicketOnly() {
        // GIVEN 4 incidents, one of them also delivered in an older version with another category
        List<Ticket> tickets = new ArrayList<>(incidents(4, "mailflow", 3));
        Ticket newest = tickets.get(0);
        Ticket older = Ticket.builder().source(newest.source()).sourceId(newest.sourceId()).kind(newest.kind())
                .number(newest.number()).service(newest.service()).priority(3).state(newest.state())
                .openedAt(newest.openedAt()).effortMinutes(30).category("storage").title("Other").sourceVersion(0)
                .sourceUpdatedAt(newest.openedAt()).build();
        tickets.add(older);

        DemandRecord record = only(evaluate(tickets), CATEGORY_PATTERN);

        assertThat(record.evidence().figures()).containsEntry("incidents", 4.0);
    }

    @Test
    void facts_shouldGiveSupportHoursPerWeekAgainstTheTeamsCapacity() {
        // GIVEN 30 days of Email support: 10 requests of 6 h each, 60 h in 30/7 weeks = 14 h/week of 100
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tickets.add(request("mailbox", "Finance", daysAgo(1 + i), Duration.ofHours(2), 360));
        }

        ServiceFacts facts = evaluator().calculator().compute(
                new DemandInputs(AS_OF, tickets, List.of(), List.of(), Map.of()), Window.ending(AS_OF, Duration.ofDays(30)))
                .get(SERVICE);

        assertThat(facts.capacity().team()).isEqualTo("messaging");
        assertThat(facts.capacity().serviceSupportHoursPerWeek()).isEqualTo(14.0);
        assertThat(facts.capacity().serviceShareOfCapacity()).isEqualTo(0.14);
        assertThat(facts.capacity().teamShareOfCapacity()).isEqualTo(0.14);
    }
}
