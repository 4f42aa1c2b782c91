package io.demandloop.functions.demandevaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.PromotedInitiatives;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.fixtures.StoredHistory;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemandHandlersTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:07.123Z");
    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());

    private static final PromotedInitiatives PROMOTED = DemandStatusHandler.promotedInitiatives(DemandloopConfig.defaults());

    private final InMemoryDemandRepository demands = new InMemoryDemandRepository();
    private final InMemoryInitiativeRepository initiatives = new InMemoryInitiativeRepository();

    private DemandEvaluationHandler evaluationHandler(History history) {
        ServiceCatalog catalog = history.catalog();
        return new DemandEvaluationHandler(new DemandEvaluationService(StoredHistory.of(history).reader(CONFIG),
                new DemandEvaluator(CONFIG, catalog), demands, new RecordingEventPublisher(), 1.0),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void asOf_shouldTakeTheScheduledTime_elseTheEnvelopeTime_elseNow() {
        DemandEvaluationHandler handler = evaluationHandler(new DemandHistoryGenerator(1).generate());

        assertThat(handler.asOf(ProjectFiles.read("events/DemandEvaluationFunction/nightly-schedule.json"))).isEqualTo(Instant.parse("2026-11-22T05:00:00Z"));
        assertThat(handler.asOf("{\"time\":\"2026-11-21T05:00:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Instant.parse("2026-11-21T05:00:00Z"));
        assertThat(handler.asOf(new byte[0])).isEqualTo(Instant.parse("2026-11-22T05:00:07Z"));
        assertThat(handler.asOf("null".getBytes(StandardCharsets.UTF_8))).isEqualTo(Instant.parse("2026-11-22T05:00:07Z"));
    }

    @Test
    void asOf_shouldFailNamingTheProblem_forABadTrigger() {
        DemandEvaluationHandler handler = evaluationHandler(new DemandHistoryGenerator(1).generate());

        assertThatThrownBy(() -> handler.asOf("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> handler.asOf("{\"scheduledTime\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTriggerException.class)
                .hasMessageContaining("scheduledTime must be an ISO-8601 instant").hasMessageContaining("\"yesterday\"");
        assertThatThrownBy(() -> handler.asOf("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void statusHandler_shouldSetTheStatusOfTheSample_once() throws Exception {
        // GIVEN the planted demands stored, evaluated before the sample's time
        History history = new DemandHistoryGenerator(42).generate();
        evaluationHandler(history).handleRequest(new ByteArrayInputStream(
                "{\"scheduledTime\":\"2026-11-01T02:00:00Z\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);
        DemandStatusHandler handler = new DemandStatusHandler(demands, initiatives, PROMOTED);
        byte[] sample = ProjectFiles.read("events/DemandStatusFunction/demand-rejected.json");

        // WHEN delivered twice
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(sample), out, null);
        handler.handleRequest(new ByteArrayInputStream(sample), new ByteArrayOutputStream(), null);

        // THEN
        StoredDemand stored = demands.find("Payments#recurring-incidents#category:network").orElseThrow();
        assertThat(stored.status()).isEqualTo(DemandStatus.REJECTED);
        assertThat(stored.statusBy()).isEqualTo("alice@example.com");
        assertThat(stored.statusWhy()).isEqualTo("network refresh already funded for Q1");
        assertThat(stored.rejectedScore()).isEqualTo(stored.record().score());
        assertThat(demands.history(stored.id())).filteredOn(e -> e.kind().equals("status")).hasSize(1);
        assertThat(Json.mapper().readTree(out.toByteArray()).get("status").asText()).isEqualTo("rejected");
    }

    @Test
    void statusHandler_shouldFailNamingTheProblem_forABadOrUnknownDemand() throws Exception {
        DemandStatusHandler handler = new DemandStatusHandler(demands, initiatives, PROMOTED);
        ObjectNode sample = (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/DemandStatusFunction/demand-rejected.json"));

        assertThatThrownBy(() -> handle(handler, sample))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("which is not a stored demand");
        ObjectNode badStatus = sample.deepCopy();
        ((ObjectNode) badStatus.get("detail")).put("status", "done");
        assertThatThrownBy(() -> handle(handler, badStatus))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("unknown demand status 'done'");
        ObjectNode noBy = sample.deepCopy();
        ((ObjectNode) noBy.get("detail")).remove("by");
        assertThatThrownBy(() -> handle(handler, noBy))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("needs 'by'");
        ObjectNode badId = sample.deepCopy();
        ((ObjectNode) badId.get("detail")).put("id", "Payments");
        assertThatThrownBy(() -> handle(handler, badId))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("'Payments' is not a demand id");
        ObjectNode otherType = sample.deepCopy();
        otherType.put("detail-type", "Demand Escalated");
        assertThatThrownBy(() -> handle(handler, otherType))
                .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("takes 'Demand Status Changed' events");
    }

    @Test
    void statusHandler_shouldStoreTheInitiativeOfAPromotion_once() throws Exception {
        // GIVEN the planted demands stored, evaluated before the sample's time
        History history = new DemandHistoryGenerator(42).generate();
        evaluationHandler(history).handleRequest(new ByteArrayInputStream(
                "{\"scheduledTime\":\"2026-11-01T02:00:00Z\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);
        DemandStatusHandler handler = new DemandStatusHandler(demands, initiatives, PROMOTED);
        byte[] sample = ProjectFiles.read("events/DemandStatusFunction/demand-promoted.json");

        // WHEN delivered twice
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(sample), out, null);
        handler.handleRequest(new ByteArrayInputStream(sample), new ByteArrayOutputStream(), null);

        // THEN the demand is promoted and its initiative stored once, linked to it, with its pattern as the scope
        StoredDemand stored = demands.find("Payments#recurring-incidents#category:network").orElseThrow();
        assertThat(stored.status()).isEqualTo(DemandStatus.PROMOTED);
        assertThat(initiatives.findAll()).hasSize(1);
        Initiative initiative = initiatives.find("demandloop#Payments#recurring-incidents#category:network").orElseThrow();
        assertThat(initiative.title()).isEqualTo("Fix the Payments network");
        assertThat(initiative.services()).containsExactly("Payments");
        assertThat(initiative.demandIds()).containsExactly(stored.id());
        assertThat(initiative.status()).isEqualTo(InitiativeStatus.APPROVED);
        assertThat(initiative.expected().category()).isEqualTo("category:network");
        assertThat(initiative.expected().metric()).isEqualTo(stored.record().criteriaMet()
                .contains(io.demandloop.shared.demand.Criterion.INTRODUCES_RISK)
                ? OutcomeMetric.MAJOR_INCIDENTS : OutcomeMetric.INCIDENTS);
        assertThat(initiative.expected().targetChange()).isEqualTo(-0.30);
        assertThat(initiative.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-22T09:10:00Z"));
        assertThat(Json.mapper().readTree(out.toByteArray()).get("initiative").asText()).isEqualTo(initiative.id());
    }

    @Test
    void statusHandler_shouldStoreNoInitiative_whenTheDecisionIsNoPromotion() throws Exception {
        History history = new DemandHistoryGenerator(42).generate();
        evaluationHandler(history).handleRequest(new ByteArrayInputStream(
                "{\"scheduledTime\":\"2026-11-01T02:00:00Z\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);
        DemandStatusHandler handler = new DemandStatusHandler(demands, initiatives, PROMOTED);

        handler.handleRequest(new ByteArrayInputStream(ProjectFiles.read("events/DemandStatusFunction/demand-rejected.json")),
                new ByteArrayOutputStream(), null);

        assertThat(initiatives.findAll()).isEmpty();
    }

    private static void handle(DemandStatusHandler handler, JsonNode event) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)),
                new ByteArrayOutputStream(), null);
    }
}
