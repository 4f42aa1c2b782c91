package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.imports.ImportSummary;
import io.demandloop.shared.imports.InitiativeImporter;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.OutcomeHistoryEntry;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * The outcome measurement end to end on a private embedded stack (issue 11, verification 3): the demo's history stored
 * through the adapters (as an import writes it) and the nightly demand evaluation fired over it; the initiative that
 * worked (Payments' database outages stop at its delivery) posted to the intake's JSON initiative source
 * ({@code POST /hooks/initiatives}, through the bus to {@code InitiativeStoreFunction}), the one that did not (HR
 * Portal's login incidents go on) imported from a roadmap CSV by {@link InitiativeImporter} (what {@code ./demandloop
 * import initiatives} runs), linked to the demand the evaluation raised; the nightly {@code outcome-measurement}
 * schedule fired through the local scheduler (the function's jar, the template's environment), the {@code Outcome
 * Measured} events read from what the local bus accepted ({@code events.jsonl}), the outcomes read back by the
 * adapter's Query that {@code query outcomes} prints; a second firing for the same night changes and publishes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutcomeMeasurementIT {

    private static final Duration IDLE = Duration.ofSeconds(120);
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;

    @TempDir
    static Path stateDir;

    @TempDir
    static Path exports;

    private LocalStack stack;
    private DynamoDbInitiativeRepository initiatives;
    private DynamoDbDemandRepository demands;
    private DynamoDbOutcomeRepository outcomes;

    /** The initiative that worked, by webhook: the JSON source's identity is {@code initiatives#<id>}. */
    static final String BY_WEBHOOK = "initiatives#PAY-412";
    /** The one that did not, by import with examples/roadmap/mapping.yaml: {@code aha#<Reference #>}. */
    static final String BY_IMPORT = "aha#HR-SSO-1";
    /** The demand the nightly evaluation raises for HR Portal's login incidents, which the import links. */
    static final String LOGIN_DEMAND = DemandRecord.id(DemandHistoryGenerator.NAGGING,
            DemandId.RECURRING_INCIDENTS + "#category:login");

    @BeforeAll
    void startStackAndStoreTheDemoHistory() throws Exception {
        stack = EmbeddedStack.startPrivate(stateDir);
        History history = DemandHistoryGenerator.demo(NIGHT).generate();
        DynamoDbTicketRepository tickets = DynamoDbTicketRepository.create(stack.template().physicalName("TicketsTable"));
        DynamoDbAlertRepository alerts = DynamoDbAlertRepository.create(stack.template().physicalName("AlertsTable"));
        initiatives = DynamoDbInitiativeRepository.create(stack.template().physicalName("InitiativesTable"));
        demands = DynamoDbDemandRepository.create(stack.template().physicalName("DemandTable"));
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
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void initiatives_shouldArriveByWebhookAndByImport_linkedToTheDemandTheNightRaised() throws Exception {
        Instant delivered = NIGHT.minus(Duration.ofDays(DemandHistoryGenerator.DELIVERED_DAYS_BEFORE))
                .truncatedTo(ChronoUnit.DAYS);
        // GIVEN the night's demand evaluation over the history
        Json.mapper().readTree(stack.scheduler().fire("demand-evaluation", NIGHT));
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(demands.find(LOGIN_DEMAND)).as("the planted login demand").isPresent();

        // WHEN the Payments initiative is posted to the JSON initiative source
        ObjectNode posted = Json.mapper().createObjectNode()
                .put("id", "PAY-412").put("title", "Move the payment database to a managed cluster")
                .put("status", "delivered").put("deliveredAt", delivered.toString()).put("team", "payments")
                .put("version", 5).put("updatedAt", delivered.toString());
        posted.putArray("services").add(DemandHistoryGenerator.OUTAGES);
        posted.putObject("expected").put("metric", "incidents").put("change", "-30 %")
                .put("category", "category:database");
        HttpResponse<String> response = Deliveries.deliver(stack.webhookUrl().orElseThrow(), "initiatives",
                "pay-412.json", Json.mapper().writeValueAsBytes(posted), EmbeddedStack.SERVICENOW_SECRET);
        // AND the HR Portal initiative is imported from a roadmap export, naming the demand
        Path export = exports.resolve("roadmap.csv");
        Files.writeString(export, "Reference #,Name,Status,Services,Linked demands,Release date,Owner team,"
                + "Expected metric,Expected change,Scope,URL,Updated\n"
                + "HR-SSO-1,Fix the HR portal's single sign-on,Shipped," + DemandHistoryGenerator.NAGGING + ","
                + LOGIN_DEMAND + "," + delivered.toString().substring(0, 10) + ",hr-apps,incidents,-30 %,category:login,"
                + "https://acme.aha.io/epics/HR-SSO-1," + delivered.toString().substring(0, 10) + " 18:00\n");
        ImportSummary imported;
        try (InputStream mapping = Files.newInputStream(ProjectFiles.path("examples/roadmap/mapping.yaml"))) {
            InitiativeImporter importer = new InitiativeImporter(
                    DemandloopConfig.defaults().withOverlay(mapping, "mapping.yaml"));
            imported = importer.run(new StringReader(Files.readString(export)), export.toString(),
                    exports.resolve("roadmap.rejected.csv"), initiatives, id -> demands.find(id).isPresent(),
                    Clock.fixed(NIGHT, ZoneOffset.UTC));
        }
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN both are stored, delivered on the same day
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(imported.stored()).isEqualTo(1);
        assertThat(imported.rowsRejected()).isZero();
        Initiative byWebhook = initiatives.find(BY_WEBHOOK).orElseThrow();
        Initiative byImport = initiatives.find(BY_IMPORT).orElseThrow();
        assertThat(List.of(byWebhook, byImport)).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(InitiativeStatus.DELIVERED);
            assertThat(i.deliveredAt()).isEqualTo(delivered);
        });
        assertThat(byImport.demandIds()).containsExactly(LOGIN_DEMAND);
    }

    @Test
    @Order(2)
    void schedule_shouldMeasureBothInitiatives_keepTheirOutcomes_andAnnounceEachVerdictOnce() throws Exception {
        // WHEN the nightly schedule fires
        JsonNode response = Json.mapper().readTree(stack.scheduler().fire("outcome-measurement", NIGHT));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN both delivered initiatives were measured and written
        assertThat(response.get("measured")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(BY_WEBHOOK, BY_IMPORT);
        assertThat(response.get("written").asInt()).isEqualTo(2);
        // AND, as `query outcomes` lists them, the one that worked improved, the one that did not did not
        Map<String, StoredOutcome> kept = new TreeMap<>();
        outcomes.findAll().forEach(o -> kept.put(o.outcome().initiativeId(), o));
        assertThat(kept).containsOnlyKeys(BY_WEBHOOK, BY_IMPORT);
        assertThat(kept.get(BY_WEBHOOK).outcome().verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(kept.get(BY_WEBHOOK).outcome().sentence())
                .startsWith("Incidents (category database) on Payments fell from").endsWith(": improved.");
        assertThat(kept.get(BY_IMPORT).outcome().verdict())
                .isIn(Verdict.NO_CLEAR_CHANGE, Verdict.INCONCLUSIVE, Verdict.WORSE);
        assertThat(kept.get(BY_IMPORT).outcome().demandIds()).containsExactly(LOGIN_DEMAND);
        assertThat(kept.values()).allSatisfy(o -> {
            assertThat(o.pendingEvent()).isFalse();
            assertThat(o.outcome().measuredAt()).isEqualTo(NIGHT);
            assertThat(o.outcome().secondary()).hasSize(7);
        });
        // AND each verdict went onto the bus once, with its sentence
        List<JsonNode> measured = outcomeEvents();
        assertThat(measured).hasSize(2);
        assertThat(measured).extracting(e -> e.at("/detail/initiativeId").asText())
                .containsExactlyInAnyOrder(BY_WEBHOOK, BY_IMPORT);
        for (JsonNode event : measured) {
            String id = event.at("/detail/initiativeId").asText();
            assertThat(event.at("/detail/verdict").asText()).isEqualTo(kept.get(id).outcome().verdict().wireName());
            assertThat(event.at("/detail/sentence").asText()).isEqualTo(kept.get(id).outcome().sentence());
        }
        assertThat(outcomes.history(BY_WEBHOOK)).extracting(OutcomeHistoryEntry::verdict)
                .containsExactly(Verdict.IMPROVED);
    }

    @Test
    @Order(3)
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
