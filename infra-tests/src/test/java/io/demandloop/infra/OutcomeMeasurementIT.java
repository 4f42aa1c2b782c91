package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.aws.DynamoDbTicketRepository;
import io.demandloop.shared.demand.DemandHistoryGenerator;
import io.demandloop.shared.demand.DemandHistoryGenerator.History;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.OutcomeHistoryEntry;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.ticket.StoreOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The outcome measurement end to end on a private embedded stack (issue 11, verification 3): the demo's history and its
 * two delivered initiatives stored through the adapters, the nightly {@code outcome-measurement} schedule fired through
 * the local scheduler (the function's jar, the template's environment), the {@code Outcome Measured} events read from
 * what the local bus accepted ({@code events.jsonl}), the outcomes read back as {@code query outcomes} reads them; a
 * second firing for the same night changes and publishes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutcomeMeasurementIT {

    private static final Duration IDLE = Duration.ofSeconds(120);
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;

    @TempDir
    static Path stateDir;

    private LocalStack stack;
    private DynamoDbOutcomeRepository outcomes;

    @BeforeAll
    void startStackAndStoreTheDemoHistory() throws Exception {
        stack = EmbeddedStack.startPrivate(stateDir);
        History history = DemandHistoryGenerator.demo(NIGHT).generate();
        DynamoDbTicketRepository tickets = DynamoDbTicketRepository.create(stack.template().physicalName("TicketsTable"));
        DynamoDbAlertRepository alerts = DynamoDbAlertRepository.create(stack.template().physicalName("AlertsTable"));
        DynamoDbInitiativeRepository initiatives =
                DynamoDbInitiativeRepository.create(stack.template().physicalName("InitiativesTable"));
        outcomes = DynamoDbOutcomeRepository.create(stack.template().physicalName("OutcomesTable"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            history.inputs().tickets().forEach(t -> writes.add(threads.submit(() -> tickets.store(t))));
            history.inputs().episodes().forEach(e -> writes.add(threads.submit(() -> alerts.putEpisode(e))));
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            threads.shutdownNow();
        }
        for (Initiative initiative : DemandHistoryGenerator.initiatives(NIGHT)) {
            assertThat(initiatives.store(initiative)).isEqualTo(StoreOutcome.STORED);
        }
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void schedule_shouldMeasureBothInitiatives_keepTheirOutcomes_andAnnounceEachVerdictOnce() throws Exception {
        // WHEN the nightly schedule fires
        JsonNode response = Json.mapper().readTree(stack.scheduler().fire("outcome-measurement", NIGHT));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN both delivered initiatives were measured and written
        assertThat(response.get("measured")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(DemandHistoryGenerator.WORKED, DemandHistoryGenerator.DID_NOT_WORK);
        assertThat(response.get("written").asInt()).isEqualTo(2);
        // AND the one that worked improved, the one that did not did not
        Map<String, StoredOutcome> kept = new TreeMap<>();
        outcomes.findAll().forEach(o -> kept.put(o.outcome().initiativeId(), o));
        assertThat(kept).containsOnlyKeys(DemandHistoryGenerator.WORKED, DemandHistoryGenerator.DID_NOT_WORK);
        assertThat(kept.get(DemandHistoryGenerator.WORKED).outcome().verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(kept.get(DemandHistoryGenerator.DID_NOT_WORK).outcome().verdict())
                .isIn(Verdict.NO_CLEAR_CHANGE, Verdict.INCONCLUSIVE, Verdict.WORSE);
        assertThat(kept.values()).allSatisfy(o -> {
            assertThat(o.pendingEvent()).isFalse();
            assertThat(o.outcome().measuredAt()).isEqualTo(NIGHT);
            assertThat(o.outcome().secondary()).hasSize(7);
        });
        // AND each verdict went onto the bus once, with its sentence
        List<JsonNode> measured = outcomeEvents();
        assertThat(measured).hasSize(2);
        assertThat(measured).extracting(e -> e.at("/detail/initiativeId").asText())
                .containsExactlyInAnyOrder(DemandHistoryGenerator.WORKED, DemandHistoryGenerator.DID_NOT_WORK);
        for (JsonNode event : measured) {
            String id = event.at("/detail/initiativeId").asText();
            assertThat(event.at("/detail/verdict").asText()).isEqualTo(kept.get(id).outcome().verdict().wireName());
            assertThat(event.at("/detail/sentence").asText()).isEqualTo(kept.get(id).outcome().sentence());
        }
        assertThat(outcomes.history(DemandHistoryGenerator.WORKED)).extracting(OutcomeHistoryEntry::verdict)
                .containsExactly(Verdict.IMPROVED);
    }

    @Test
    @Order(2)
    void schedule_shouldChangeAndPublishNothing_whenTheSameNightFiresAgain() throws Exception {
        // GIVEN what the first firing kept and published
        List<StoredOutcome> before = outcomes.findAll();
        int events = outcomeEvents().size();

        // WHEN the same night fires again
        JsonNode response = Json.mapper().readTree(stack.scheduler().fire("outcome-measurement", NIGHT));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN nothing was measured, written or published
        assertThat(response.get("measured")).isEmpty();
        assertThat(response.get("written").asInt()).isZero();
        assertThat(response.get("published")).isEmpty();
        assertThat(outcomes.findAll()).isEqualTo(before);
        assertThat(outcomeEvents()).hasSize(events);
    }

    private List<JsonNode> outcomeEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        Path log = stateDir.resolve("events.jsonl");
        if (!Files.exists(log)) {
            return events;
        }
        for (String line : Files.readAllLines(log)) {
            JsonNode event = Json.mapper().readTree(line);
            if (EventNames.OUTCOME_SOURCE.equals(event.path("source").asText())
                    && EventNames.OUTCOME_MEASURED.equals(event.path("detail-type").asText())) {
                events.add(event);
            }
        }
        return events;
    }
}
