package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.decision.DemandId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on the real ServiceNow incident log ({@link ReferenceLog}), as of 2016-06-01 (issue 14): it says
 * little, once per pattern, and ranks what it says. One import and one evaluation for the whole class (about 15 s).
 */
class ReferenceLogTest {

    static final Instant AS_OF = Instant.parse("2016-06-01T00:00:00Z");

    private static DemandConfig demand;
    private static DemandEvaluator evaluator;
    private static DemandInputs inputs;
    private static List<DemandRecord> raised;

    @BeforeAll
    static void evaluate() {
        ReferenceLog log = ReferenceLog.get();
        demand = DemandConfig.from(log.config);
        evaluator = DemandEvaluator.from(log.config);
        inputs = log.reader(demand).read(AS_OF);
        raised = evaluator.evaluate(inputs).stream()
                .filter(r -> r.tier() != DemandTier.STAY_IN_SERVICE_MANAGEMENT).toList();
    }

    @Test
    void evaluate_shouldRaiseAtMostThirtyDemandsAboveStayInServiceManagement() {
        assertThat(raised).hasSizeBetween(1, 30);
    }

    @Test
    void evaluate_shouldRaiseAServiceRisk_onlyWhereTheServiceMissesItsSlasWellAboveTheOrganisation() {
        List<DemandRecord> risks = raised.stream().filter(r -> r.pattern().equals(DemandId.SERVICE_RISK)).toList();
        Set<String> services = new HashSet<>();
        inputs.tickets().forEach(t -> services.add(t.service()));

        // THEN some services stand out, far from all of them, and each one that does misses its SLAs at more than the
        // organisation's rate plus the margin
        assertThat(risks).isNotEmpty().hasSizeLessThan(services.size() / 2);
        for (DemandRecord risk : risks) {
            Map<String, Double> f = risk.evidence().figures();
            assertThat(f.get("slaMissRate")).as(risk.id())
                    .isGreaterThanOrEqualTo(f.get("organisationSlaMissRate") + demand.baseline().slaMissMargin());
            assertThat(risk.explanation()).as(risk.id()).contains("across the organisation");
        }
    }

    @Test
    void evaluate_shouldRaiseOneDemandPerUnderlyingPattern_noTwoSharingHalfTheSmallersIncidents() {
        // GIVEN each raised incident group's incidents over every window, recomputed from the facts
        Map<String, Set<String>> incidents = new HashMap<>();
        for (Duration length : demand.windows()) {
            Window window = Window.ending(AS_OF, length);
            evaluator.calculator().compute(inputs, window).values().forEach(facts -> facts.recurrence().forEach(group ->
                    incidents.computeIfAbsent(DemandRecord.id(facts.service(),
                                    DemandId.RECURRING_INCIDENTS + "#" + group.key()), id -> new HashSet<>())
                            .addAll(group.incidents().stream().map(t -> t.key()).toList())));
        }
        List<DemandRecord> groups = raised.stream()
                .filter(r -> r.pattern().startsWith(DemandId.RECURRING_INCIDENTS)).toList();

        // THEN no two of one service share mergeOverlap of the smaller one's incidents
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                DemandRecord a = groups.get(i);
                DemandRecord b = groups.get(j);
                if (!a.service().equals(b.service())) {
                    continue;
                }
                Set<String> ka = incidents.get(a.id());
                Set<String> kb = incidents.get(b.id());
                long shared = ka.stream().filter(kb::contains).count();
                assertThat(shared).as(a.id() + " and " + b.id())
                        .isLessThan((long) Math.ceil(demand.baseline().mergeOverlap() * Math.min(ka.size(), kb.size())));
            }
        }
    }

    @Test
    void score_shouldGiveDistinctGroupsDistinctScores_andRespectTheTierOrder() {
        assertThat(raised).extracting(DemandRecord::score).doesNotHaveDuplicates();
        List<DemandRecord> byScore = new ArrayList<>(raised);
        byScore.sort(Comparator.comparingDouble(DemandRecord::score).reversed());
        for (int i = 1; i < byScore.size(); i++) {
            assertThat(byScore.get(i).tier()).as(byScore.get(i).id())
                    .isLessThanOrEqualTo(byScore.get(i - 1).tier());
        }
    }

    @Test
    void evaluate_shouldRaiseNoSteadyStreamOnItsCountAndEstimatedHoursAlone() {
        // A raised incident group at or above the steady volume is there for a rise, a problem link or its majors:
        // never for its count or for hours its source did not record (the log records no effort)
        for (DemandRecord r : raised) {
            if (!r.pattern().startsWith(DemandId.RECURRING_INCIDENTS)) {
                continue;
            }
            assertThat(r.criteriaMet()).as(r.id()).doesNotContain(Criterion.MANUAL_EFFORT);
            int steady = demand.scaledCount(demand.repeatedDisruption().steadyVolume(), r.evidence().window().length());
            if (r.evidence().figures().get("incidents") >= steady && r.criteriaMet().contains(Criterion.REPEATED_DISRUPTION)) {
                assertThat(r.criterion(Criterion.REPEATED_DISRUPTION).measures()).as(r.id()).filteredOn(Measure::met)
                        .extracting(Measure::name)
                        .anyMatch(n -> n.startsWith("rising") || n.startsWith("incidents linked to one problem"));
            }
        }
    }
}
