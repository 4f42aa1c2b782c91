package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.PlantedPattern;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The evaluation finds what the generator planted, with the default configuration, for several seeds. */
class PlantedPatternsTest {

    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());

    private static List<DemandRecord> evaluate(History history) {
        return new DemandEvaluator(CONFIG, history.catalog()).evaluate(history.inputs());
    }

    /** Each planted pattern is a record, in the tier it was built for, citing exactly its criteria. */
    private static void assertEachPlantedPatternLanded(Map<String, DemandRecord> byId) {
        for (PlantedPattern planted : DemandHistoryGenerator.planted()) {
            assertThat(byId).as(planted.label()).containsKey(planted.id());
            DemandRecord record = byId.get(planted.id());
            assertThat(record.tier()).as(planted.label() + ": " + record.explanation()).isEqualTo(planted.tier());
            assertThat(record.criteriaMet()).as(planted.label() + ": " + record.explanation())
                    .containsExactlyElementsOf(planted.criteria());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026})
    void evaluate_shouldPutEachPlantedPatternInItsTier_withExactlyItsCriteria(long seed) {
        // GIVEN
        History history = new DemandHistoryGenerator(seed).generate();

        // WHEN
        Map<String, DemandRecord> byId = evaluate(history).stream()
                .collect(Collectors.toMap(DemandRecord::id, Function.identity()));

        // THEN
        assertEachPlantedPatternLanded(byId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T08:05:00Z", "2026-11-01T02:00:00Z", "2027-03-15T05:00:00Z"})
    void demoHistory_shouldShowEachPlantedPattern_withThePackagedConfiguration(String asOf) {
        // GIVEN the demo's history, and the configuration the demo runs with (config/demandloop.yaml, whose
        // catalog lists the demo's services)
        DemandloopConfig packaged = DemandloopConfig.load();
        ServiceCatalog catalog = ServiceCatalog.from(packaged);
        History history = DemandHistoryGenerator.demo(Instant.parse(asOf)).generate();

        // WHEN
        Map<String, DemandRecord> byId = new DemandEvaluator(DemandConfig.from(packaged), catalog)
                .evaluate(history.inputs()).stream()
                .collect(Collectors.toMap(DemandRecord::id, Function.identity()));

        // THEN each planted pattern in its tier with its criteria, and the quiet and background services raise nothing
        assertEachPlantedPatternLanded(byId);
        assertThat(byId.values()).filteredOn(r -> r.service().equals(DemandHistoryGenerator.QUIET)
                || DemandHistoryGenerator.backgroundServices().contains(r.service()))
                .extracting(DemandRecord::explanation).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026})
    void evaluate_shouldRaiseNothing_forTheQuietServiceAndTheBackground(long seed) {
        // GIVEN
        History history = new DemandHistoryGenerator(seed).generate();

        // WHEN
        List<DemandRecord> records = evaluate(history);

        // THEN
        assertThat(records).filteredOn(r -> r.service().equals(DemandHistoryGenerator.QUIET)).isEmpty();
        assertThat(records).filteredOn(r -> DemandHistoryGenerator.backgroundServices().contains(r.service()))
                .extracting(DemandRecord::explanation).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42})
    void evaluate_shouldCiteEachPlantedPatternsEvidence(long seed) {
        // GIVEN
        History history = new DemandHistoryGenerator(seed).generate();

        // WHEN
        Map<String, DemandRecord> byId = evaluate(history).stream()
                .collect(Collectors.toMap(DemandRecord::id, Function.identity()));

        // THEN the outages cite their P1/P2 tickets with links, the problem, and one record only for them
        DemandRecord outages = byId.get(DemandHistoryGenerator.planted().get(0).id());
        assertThat(outages.evidence().tickets())
                .hasSize(Math.min(CONFIG.maxEvidenceTickets(), outages.evidence().figures().get("incidents").intValue()))
                .allSatisfy(t -> {
                    assertThat(t.priority()).isLessThanOrEqualTo(2);
                    assertThat(t.link()).startsWith("https://itsm.example.com/incident/");
                });
        assertThat(outages.explanation()).contains("category 'network'", DemandHistoryGenerator.OUTAGE_PROBLEM,
                "Tier initiative");
        assertThat(byId.keySet()).filteredOn(id -> id.startsWith(DemandHistoryGenerator.OUTAGES + "#"))
                .containsExactly(outages.id());
        // the hammered request type cites its five departments
        DemandRecord hammered = byId.get(DemandHistoryGenerator.planted().get(1).id());
        assertThat(hammered.evidence().figures()).containsEntry("departments", 5.0);
        assertThat(hammered.criterion(Criterion.UNMET_NEED).measures()).extracting(Measure::name)
                .containsExactly("departments", "requests", "median fulfilment hours");
        // the noise is recorded as an observation, with episodes cited and no linked incident
        DemandRecord noise = byId.get(DemandHistoryGenerator.planted().get(2).id());
        assertThat(noise.observations()).extracting(Measure::name).contains("alert episodes");
        assertThat(noise.evidence().episodes()).isNotEmpty();
        assertThat(noise.evidence().figures()).containsEntry("linkedIncidents", 0.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 42})
    void evaluate_shouldGiveEqualRecords_whenTheSameNightIsEvaluatedTwice(long seed) {
        // GIVEN two generations of the same seed, evaluated by two evaluators
        List<DemandRecord> first = evaluate(new DemandHistoryGenerator(seed).generate());

        // WHEN
        List<DemandRecord> second = evaluate(new DemandHistoryGenerator(seed).generate());

        // THEN
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(DemandRecord::id).isSorted().doesNotHaveDuplicates();
    }
}
