package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.functions.demandevaluation.DemandStatusService;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.Criterion;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandInputs;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.PlantedPattern;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.JsonSchemaCheck;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The nightly demand evaluation end to end on its own embedded stack: the generator's year of tickets, alert
 * episodes and SLA breaches stored through the real adapters, the template's {@code demand-evaluation} schedule
 * fired, the demand records and the night's capacity snapshot read back from the template's {@code DemandTable} and
 * the {@code Demand Escalated} events from what the local bus accepted ({@code events.jsonl}). A second firing for
 * the same night changes nothing. Then the {@code portfolio-report} schedule shows that snapshot's support load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemandEvaluationIT {

    private static final Duration IDLE = Duration.ofSeconds(120);
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;

    @TempDir
    static Path stateDir;

    /**
     * Every planted pattern: the packaged configuration's catalog lists the planted services with their tiers (the
     * demo's catalog), and the noisy alert-only source is read through the alert store's service directory.
     */
    private static final List<PlantedPattern> FINDABLE = DemandHistoryGenerator.planted();

    /** SLA breaches planted for this test only: six tickets of a service without any, one breaching twice. */
    private static final String BREACHING = DemandHistoryGenerator.NAGGING;
    private static final String BREACH_RISK = DemandRecord.id(BREACHING, DemandId.SERVICE_RISK);

    private LocalStack stack;
    private DynamoDbDemandRepository demands;
    private History history;

    @BeforeAll
    void startStackAndStoreAYear() throws Exception {
        stack = EmbeddedStack.startPrivate(stateDir);
        history = new DemandHistoryGenerator(42).generate();
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
        JsonNode response = Json.mapper().readTree(stack.scheduler().fire("demand-evaluation", NIGHT));
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(response.get("capacityWritten").asBoolean()).isTrue();

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
    void schedule_shouldKeepTheNightsCapacitySnapshot_computedFromWhatWasStored() {
        // GIVEN the support load the packaged configuration gives the year (its catalog gives the planted services
        // their teams; the background services have none)
        CapacitySnapshot expected = DemandEvaluator.from(DemandloopConfig.load()).capacity(
                new DemandInputs(NIGHT, history.inputs().tickets(), List.of(), List.of(), Map.of()));

        // WHEN
        CapacitySnapshot stored = demands.latestCapacity(NIGHT).orElseThrow();

        // THEN the function kept exactly that, as of the night, over the shortest window
        assertThat(stored).isEqualTo(expected);
        assertThat(stored.asOf()).isEqualTo(NIGHT);
        assertThat(stored.window()).isEqualTo("30d");
        assertThat(stored.teams()).filteredOn(t -> t.team().equals("payments")).singleElement()
                .satisfies(t -> assertThat(t.services()).extracting(CapacitySnapshot.ServiceLoad::service)
                        .containsExactly(DemandHistoryGenerator.OUTAGES));
        assertThat(stored.teams()).filteredOn(t -> t.team().equals("identity")).singleElement()
                .satisfies(t -> assertThat(t.share()).isPositive());
        assertThat(stored.withoutTeam()).extracting(CapacitySnapshot.ServiceLoad::service)
                .contains(DemandHistoryGenerator.backgroundServices().get(0))
                .doesNotContain(DemandHistoryGenerator.OUTAGES, DemandHistoryGenerator.HAMMERED);
        assertThat(demands.latestCapacity(NIGHT.minusMillis(1))).isEmpty();
    }

    @Test
    @Order(3)
    void schedule_shouldChangeNothing_whenTheSameNightFiresAgain() throws Exception {
        // GIVEN
        int published = escalations().size();
        List<StoredDemand> before = new ArrayList<>();
        for (PlantedPattern planted : FINDABLE) {
            before.add(demands.find(planted.id()).orElseThrow());
        }
        CapacitySnapshot snapshot = demands.latestCapacity(NIGHT).orElseThrow();

        // WHEN
        JsonNode response = Json.mapper().readTree(stack.scheduler().fire("demand-evaluation", NIGHT));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN
        assertThat(response.get("written").asInt()).isZero();
        assertThat(response.get("capacityWritten").asBoolean()).isFalse();
        assertThat(demands.latestCapacity(NIGHT.plus(Duration.ofDays(1)).minusMillis(1))).contains(snapshot);
        assertThat(escalations()).hasSize(published);
        for (StoredDemand stored : before) {
            assertThat(demands.find(stored.id())).contains(stored);
            assertThat(demands.history(stored.id())).extracting(DemandHistoryEntry::at).containsExactly(NIGHT);
        }
    }

    @Test
    @Order(4)
    void rejectedDemand_shouldStayRejected_andNotBeRaised_whenItsScoreHoldsTheNextNight() throws Exception {
        // GIVEN a rejection after the night
        String payments = DemandHistoryGenerator.planted().get(0).id();
        new DemandStatusService(demands).setStatus(new DemandStatusChange(payments, DemandStatus.REJECTED, "alice", "funded already",
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

    @Test
    @Order(5)
    void reportSchedule_shouldShowTheSupportLoadOfTheNewestSnapshot() throws Exception {
        // GIVEN the snapshots of the night and of the next night (order 4)
        Instant nextNight = NIGHT.plus(Duration.ofDays(1));
        CapacitySnapshot snapshot = demands.latestCapacity(nextNight).orElseThrow();
        assertThat(snapshot.asOf()).isEqualTo(nextNight);

        // WHEN the template's report schedule fires half an hour after the next night's evaluation
        stack.scheduler().fire("portfolio-report", nextNight.plus(Duration.ofMinutes(30)));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN the JSON, the page and the capacity CSV show that snapshot
        String bucket = stack.template().physicalName("ReportsBucket");
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            byte[] reportJson = s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/latest/portfolio.json")).asByteArray();
            JsonSchemaCheck.assertValid(JsonSchemaCheck.REPORT_SCHEMA, reportJson);
            JsonNode capacity = Json.mapper().readTree(reportJson).get("capacity");
            assertThat(capacity.get("asOf").asText()).isEqualTo(nextNight.toString());
            assertThat(capacity.get("flagShare").asDouble()).isEqualTo(0.5);
            List<String> teams = new ArrayList<>();
            capacity.get("teams").forEach(t -> teams.add(t.get("team").asText()));
            assertThat(teams).containsExactlyElementsOf(
                    snapshot.teams().stream().map(CapacitySnapshot.TeamLoad::team).toList()).contains("payments");
            List<String> services = new ArrayList<>();
            capacity.get("withoutTeam").forEach(s -> services.add(s.get("service").asText()));
            assertThat(services).containsExactlyElementsOf(
                    snapshot.withoutTeam().stream().map(CapacitySnapshot.ServiceLoad::service).toList());
            String html = s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/latest/portfolio.html")).asUtf8String();
            assertThat(html).contains("<h2 id=\"capacity-title\">Capacity</h2>",
                    "<th scope=\"row\" class=\"wrap sub\">" + DemandHistoryGenerator.OUTAGES + "</th>");
            String csv = s3.getObjectAsBytes(g -> g.bucket(bucket)
                    .key("reports/" + nextNight.toString().substring(0, 10).replace('-', '/') + "/portfolio-capacity.csv"))
                    .asUtf8String();
            int teamRows = snapshot.teams().stream().mapToInt(t -> Math.max(1, t.services().size())).sum();
            assertThat(csv.split("\r\n")).hasSize(1 + teamRows + snapshot.withoutTeam().size());
            assertThat(csv).contains("\r\npayments,120,").contains("," + DemandHistoryGenerator.OUTAGES + ",")
                    .contains("\r\n,,,,," + DemandHistoryGenerator.backgroundServices().get(0) + ",");
        }
    }
}
