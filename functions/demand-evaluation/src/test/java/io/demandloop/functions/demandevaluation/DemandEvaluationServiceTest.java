package io.demandloop.functions.demandevaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.PlantedPattern;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.fixtures.StoredHistory;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemandEvaluationServiceTest {

    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;
    private static final String PAYMENTS = DemandHistoryGenerator.planted().get(0).id();

    private final InMemoryDemandRepository demands = new InMemoryDemandRepository();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private DemandEvaluationService service;

    @BeforeEach
    void setUp() {
        History history = new DemandHistoryGenerator(42).generate();
        service = new DemandEvaluationService(StoredHistory.of(history).reader(CONFIG),
                new DemandEvaluator(CONFIG, history.catalog()), demands, events, 1.0);
    }

    @Test
    void evaluate_shouldKeepEachPlantedDemandInItsTier_andEscalateEachOnce() throws Exception {
        // WHEN
        DemandEvaluationResult result = service.evaluate(NIGHT);

        // THEN
        for (PlantedPattern planted : DemandHistoryGenerator.planted()) {
            StoredDemand stored = demands.find(planted.id()).orElseThrow();
            assertThat(stored.record().tier()).as(planted.label()).isEqualTo(planted.tier());
            assertThat(stored.status()).isEqualTo(DemandStatus.NEW);
            assertThat(stored.pendingEscalation()).as("confirmed sent").isNull();
        }
        assertThat(result.escalated()).containsExactlyInAnyOrderElementsOf(
                demands.all().stream().map(StoredDemand::id).toList());
        assertThat(events.published()).hasSize(result.raised()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(EventNames.DEMAND_SOURCE);
            assertThat(e.detailType()).isEqualTo(EventNames.DEMAND_ESCALATED);
        });
        JsonNode payments = detailOf(PAYMENTS);
        assertThat(payments.get("change").asText()).isEqualTo("new");
        assertThat(payments.get("tier").asText()).isEqualTo("initiative");
        assertThat(payments.get("criteriaMet")).extracting(JsonNode::asText)
                .containsExactly("critical-service", "repeated-disruption", "introduces-risk");
        assertThat(payments.get("asOf").asText()).isEqualTo(NIGHT.toString());
    }

    @Test
    void evaluate_shouldChangeNothing_whenTheSameNightRunsAgain() {
        // GIVEN
        service.evaluate(NIGHT);
        List<StoredDemand> before = demands.all();
        List<CapacitySnapshot> snapshots = demands.capacitySnapshots();
        int writes = demands.writes();
        int published = events.published().size();

        // WHEN
        DemandEvaluationResult again = service.evaluate(NIGHT);

        // THEN
        assertThat(again.written()).isZero();
        assertThat(again.escalated()).isEmpty();
        assertThat(again.capacityWritten()).isFalse();
        assertThat(events.published()).hasSize(published);
        assertThat(demands.writes()).isEqualTo(writes);
        assertThat(demands.all()).isEqualTo(before);
        assertThat(demands.capacityWrites()).isOne();
        assertThat(demands.capacitySnapshots()).isEqualTo(snapshots);
    }

    @Test
    void evaluate_shouldKeepTheNightsCapacitySnapshot_overTheShortestWindow() {
        // WHEN
        DemandEvaluationResult result = service.evaluate(NIGHT);

        // THEN one snapshot as of the night, over 30 days, with every team of the generator's catalog
        assertThat(result.capacityWritten()).isTrue();
        CapacitySnapshot snapshot = demands.latestCapacity(NIGHT).orElseThrow();
        assertThat(snapshot.asOf()).isEqualTo(NIGHT);
        assertThat(snapshot.window()).isEqualTo("30d");
        assertThat(snapshot.windowStart()).isEqualTo(NIGHT.minus(Duration.ofDays(30)));
        assertThat(snapshot.teams()).extracting(CapacitySnapshot.TeamLoad::team)
                .containsExactlyInAnyOrder("payments", "identity", "platform", "collaboration", "hr-apps",
                        "apps-a", "apps-b", "infrastructure", "workplace", "data");
        // the service the generator plants a weekly outage in carries load, and its explanation cites the same share
        CapacitySnapshot.TeamLoad payments = snapshot.team("payments").orElseThrow();
        CapacitySnapshot.ServiceLoad service = payments.services().get(0);
        assertThat(service.service()).isEqualTo(DemandHistoryGenerator.OUTAGES);
        assertThat(service.hoursPerWeek().incidents()).isPositive();
        assertThat(service.share()).isPositive();
        assertThat(demands.find(PAYMENTS).orElseThrow().record().explanation())
                .contains(String.format(java.util.Locale.ROOT, "takes %s %%", io.demandloop.shared.demand.Measure
                        .format(100 * service.share())));
        assertThat(snapshot.teams()).isSortedAccordingTo(
                java.util.Comparator.comparingDouble(CapacitySnapshot.TeamLoad::share).reversed());
    }

    @Test
    void evaluate_shouldAddASnapshot_eachNight_andKeepTheEarlierOnes() {
        // GIVEN
        service.evaluate(NIGHT);
        Instant nextNight = NIGHT.plus(Duration.ofDays(1));

        // WHEN
        DemandEvaluationResult next = service.evaluate(nextNight);

        // THEN
        assertThat(next.capacityWritten()).isTrue();
        assertThat(demands.capacitySnapshots()).extracting(CapacitySnapshot::asOf).containsExactly(NIGHT, nextNight);
        assertThat(demands.latestCapacity(nextNight.minusSeconds(1)).orElseThrow().asOf()).isEqualTo(NIGHT);
        assertThat(demands.latestCapacity(NIGHT.minusSeconds(1))).isEmpty();
    }

    @Test
    void evaluate_shouldNotEscalate_orAddHistory_whenTheNextNightFindsTheSameDemands() {
        // GIVEN a night, and a minute later (no ticket in between changes a figure)
        service.evaluate(NIGHT);
        int published = events.published().size();

        // WHEN
        DemandEvaluationResult later = service.evaluate(NIGHT.plus(Duration.ofMinutes(1)));

        // THEN the records move to the new instant, with no event and no second history entry
        assertThat(later.written()).isEqualTo(later.raised());
        assertThat(later.escalated()).isEmpty();
        assertThat(events.published()).hasSize(published);
        assertThat(demands.history(PAYMENTS)).extracting(DemandHistoryEntry::at).containsExactly(NIGHT);
        assertThat(demands.find(PAYMENTS).orElseThrow().evaluatedAt()).isEqualTo(NIGHT.plus(Duration.ofMinutes(1)));
        assertThat(demands.find(PAYMENTS).orElseThrow().firstRaisedAt()).isEqualTo(NIGHT);
    }

    @Test
    void evaluate_shouldResendAnEscalation_leftPendingByACrash() {
        // GIVEN the first run wrote the demands but the bus refused the events
        events.refuseEverything();
        try {
            service.evaluate(NIGHT);
        } catch (RuntimeException expected) {
            // the run fails, so the scheduler retries it
        }
        assertThat(demands.find(PAYMENTS).orElseThrow().pendingEscalation()).isEqualTo(StoredDemand.NEW);
        RecordingEventPublisher healthy = new RecordingEventPublisher();
        History history = new DemandHistoryGenerator(42).generate();
        DemandEvaluationService retry = new DemandEvaluationService(
                StoredHistory.of(history).reader(CONFIG),
                new DemandEvaluator(CONFIG, history.catalog()), demands, healthy, 1.0);

        // WHEN the retry runs the same night
        DemandEvaluationResult result = retry.evaluate(NIGHT);

        // THEN it writes nothing new (the snapshot was kept before the bus refused) but sends what was pending, once
        assertThat(result.written()).isZero();
        assertThat(result.capacityWritten()).isFalse();
        assertThat(demands.capacityWrites()).isOne();
        assertThat(result.escalated()).contains(PAYMENTS);
        assertThat(demands.find(PAYMENTS).orElseThrow().pendingEscalation()).isNull();
        assertThat(retry.evaluate(NIGHT).escalated()).isEmpty();
    }

    @Test
    void evaluate_shouldKeepAStatusSetBetweenTwoNights() {
        // GIVEN
        service.evaluate(NIGHT);
        new DemandStatusService(demands).setStatus(new DemandStatusChange(PAYMENTS, DemandStatus.REJECTED, "alice", "funded already",
                NIGHT.plus(Duration.ofHours(3))));

        // WHEN
        service.evaluate(NIGHT.plus(Duration.ofDays(1)));

        // THEN
        StoredDemand after = demands.find(PAYMENTS).orElseThrow();
        assertThat(after.status()).isEqualTo(DemandStatus.REJECTED);
        assertThat(after.statusWhy()).isEqualTo("funded already");
        assertThat(demands.history(PAYMENTS)).extracting(DemandHistoryEntry::kind).contains(DemandHistoryEntry.STATUS);
    }

    private JsonNode detailOf(String id) throws Exception {
        for (BusEvent event : events.published()) {
            JsonNode detail = Json.mapper().readTree(event.detailJson());
            if (detail.get("id").asText().equals(id)) {
                return detail;
            }
        }
        throw new AssertionError("no event for " + id);
    }
}
