package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbDemandRepository;
import io.demandloop.shared.aws.DynamoDbSlaRepository;
import io.demandloop.shared.demand.Criterion;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.aws.DynamoDbTicketRepository;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandStatus;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.testing.DemandHistoryGenerator;
import io.demandloop.shared.testing.DemandHistoryGenerator.History;
import io.demandloop.shared.testing.DemandHistoryGenerator.PlantedPattern;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly demand evaluation end to end on its own embedded stack: the generator's year of tickets, alert
 * episodes and SLA breaches stored through the real adapters, the template's {@code demand-evaluation} schedule
 * fired, the demand records read back from the template's {@code DemandTable} and the {@code Demand Escalated} events
 * from what the local bus accepted ({@code events.jsonl}). A second firing for the same night changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemandEvaluationIT {

    private static final Duration IDLE = Duration.ofSeconds(120);
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;

    @TempDir
    static Path stateDir;

    /**
     * The planted patterns the packaged configuration can find. Its catalog is empty, and the reader learns the
     * services from the catalog and the tickets: the noisy alert source has alerts only, so it is read only once the
     * catalog lists it (docs/demand.md, "Not built yet").
     */
    private static final List<PlantedPattern> FINDABLE = DemandHistoryGenerator.planted().stream()
            .filter(p -> !p.service().equals(DemandHistoryGenerator.NOISY)).toList();

    /** SLA breaches planted for this test only: six tickets of a service without any, one breaching twice. */
    private static final String BREACHING = DemandHistoryGenerator.NAGGING;
    private static final String BREACH_RISK = DemandRecord.id(BREACHING, DemandEvaluator.SERVICE_RISK);

    private LocalStack stack;
    private DynamoDbDemandRepository demands;

    @BeforeAll
    void startStackAndStoreAYear() throws Exception {
        stack = EmbeddedStack.startPrivate(stateDir);
        History history = new DemandHistoryGenerator(42).generate();
        DynamoDbTicketRepository tickets = DynamoDbTicketRepository.create(stack.template().physicalName("TicketsTable"));
        DynamoDbAlertRepository alerts = DynamoDbAlertRepository.create(stack.template().physicalName("AlertsTable"));
        demands = DynamoDbDemandRepository.create(stack.template().physicalName("DemandTable"));
        DynamoDbSlaRepository sla = DynamoDbSlaRepository.create(stack.template().physicalName("SlaTable"));
        List<SlaBreach> breaches = new ArrayList<>(history.trackedBreaches());
        for (int i = 1; i <= 6; i++) {
            String key = Ticket.key("servicenow", TicketKind.INCIDENT, "HR-SLA-" + i);
            breaches.add(new SlaBreach(key, SlaMetric.RESOLUTION, 0, BREACHING, NIGHT.minus(Duration.ofDays(3L * i))));
        }
        breaches.add(new SlaBreach(Ticket.key("servicenow", TicketKind.INCIDENT, "HR-SLA-1"), SlaMetric.RESPONSE, 0,
                BREACHING, NIGHT.minus(Duration.ofDays(4))));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Ticket ticket : history.inputs().tickets()) {
                writes.add(threads.submit(() -> tickets.store(ticket)));
            }
            history.inputs().episodes().forEach(e -> writes.add(threads.submit(() -> alerts.putEpisode(e))));
            breaches.forEach(b -> writes.add(threads.submit(() -> sla.recordBreach(b))));
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private List<JsonNode> escalations() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        Path log = stateDir.resolve("events.jsonl");
        if (!Files.exists(log)) {
            return events;
        }
        for (String line : Files.readAllLines(log)) {
            JsonNode event = Json.mapper().readTree(line);
            if (EventNames.DEMAND_SOURCE.equals(event.path("source").asText())
                    && EventNames.DEMAND_ESCALATED.equals(event.path("detail-type").asText())) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    @Order(1)
    void schedule_shouldKeepThePlantedDemandsInTheirTiers_andEscalateEachOnce() throws Exception {
        // WHEN the template's nightly schedule fires
        stack.scheduler().fire("demand-evaluation", NIGHT);
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN each planted pattern is a demand in its tier, escalated once as new
        List<JsonNode> events = escalations();
        assertThat(FINDABLE).hasSizeGreaterThanOrEqualTo(3);
        for (PlantedPattern planted : FINDABLE) {
            StoredDemand stored = demands.find(planted.id()).orElseThrow(() -> new AssertionError(planted.label()));
            assertThat(stored.record().tier()).as(planted.label() + ": " + stored.record().explanation())
                    .isEqualTo(planted.tier());
            assertThat(stored.status()).isEqualTo(DemandStatus.NEW);
            assertThat(stored.pendingEscalation()).isNull();
            assertThat(events).as(planted.label())
                    .filteredOn(e -> e.at("/detail/id").asText().equals(planted.id())).hasSize(1)
                    .allSatisfy(e -> {
                        assertThat(e.at("/detail/change").asText()).isEqualTo("new");
                        assertThat(e.at("/detail/tier").asText()).isEqualTo(planted.tier().wireName());
                    });
        }
        assertThat(demands.findByService(DemandHistoryGenerator.QUIET)).isEmpty();
        // AND the function read the SLA breaches from the SLA table's BreachIndex: six breached tickets in 30 days
        DemandRecord risk = demands.find(BREACH_RISK).orElseThrow().record();
        assertThat(risk.criteriaMet()).containsExactly(Criterion.INTRODUCES_RISK);
        assertThat(risk.evidence().figures()).containsEntry("slaBreaches", 6.0);
        assertThat(risk.tier()).isEqualTo(DemandTier.PROCESS_IMPROVEMENT);
        assertThat(demands.findByTier(DemandTier.PORTFOLIO_REVIEW)).extracting(StoredDemand::id)
                .contains(DemandHistoryGenerator.planted().get(1).id());
        assertThat(events.stream().map(e -> e.at("/detail/id").asText()).toList()).doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    void schedule_shouldChangeNothing_whenTheSameNightFiresAgain() throws Exception {
        // GIVEN
        int published = escalations().size();
        List<StoredDemand> before = new ArrayList<>();
        for (PlantedPattern planted : FINDABLE) {
            before.add(demands.find(planted.id()).orElseThrow());
        }

        // WHEN
        stack.scheduler().fire("demand-evaluation", NIGHT);
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN
        assertThat(escalations()).hasSize(published);
        for (StoredDemand stored : before) {
            assertThat(demands.find(stored.id())).contains(stored);
            assertThat(demands.history(stored.id())).extracting(DemandHistoryEntry::at).containsExactly(NIGHT);
        }
    }

    @Test
    @Order(3)
    void rejectedDemand_shouldStayRejected_andNotBeRaised_whenItsScoreHoldsTheNextNight() throws Exception {
        // GIVEN a rejection after the night
        String payments = DemandHistoryGenerator.planted().get(0).id();
        demands.setStatus(new DemandStatusChange(payments, DemandStatus.REJECTED, "alice", "funded already",
                NIGHT.plus(Duration.ofHours(3))));
        int published = escalations().size();

        // WHEN the next night fires (no new ticket: the figures hold or fall)
        stack.scheduler().fire("demand-evaluation", NIGHT.plus(Duration.ofDays(1)));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN
        StoredDemand after = demands.find(payments).orElseThrow();
        assertThat(after.status()).isEqualTo(DemandStatus.REJECTED);
        assertThat(after.evaluatedAt()).isEqualTo(NIGHT.plus(Duration.ofDays(1)));
        List<JsonNode> all = escalations();
        assertThat(all.subList(published, all.size()))
                .noneSatisfy(e -> assertThat(e.at("/detail/id").asText()).isEqualTo(payments));
    }
}
