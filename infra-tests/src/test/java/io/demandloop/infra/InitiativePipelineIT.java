package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Initiatives end to end on the embedded stack: each initiative source's samples (a Jira epic, a ServiceNow SPM
 * project and demand, the JSON source) posted over HTTP to the intake, through the local bus (the template's
 * {@code InitiativeReceived} rule) to {@code InitiativeStoreFunction} and {@code InitiativesTable}; a demand stored and
 * then promoted through {@code /hooks/demand-decisions}, through {@code DemandStatusFunction}, to its initiative; and
 * bad input refused with 422 and nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitiativePipelineIT {

    private static final Duration IDLE = Duration.ofSeconds(60);

    private LocalStack stack;
    private DynamoDbInitiativeRepository initiatives;
    private DynamoDbDemandRepository demands;

    @BeforeAll
    void connect() {
        stack = EmbeddedStack.shared();
        initiatives = DynamoDbInitiativeRepository.create(stack.template().physicalName("InitiativesTable"));
        demands = DynamoDbDemandRepository.create(stack.template().physicalName("DemandTable"));
    }

    private HttpResponse<String> deliver(String source, String name, byte[] body) throws Exception {
        return Deliveries.deliver(stack.webhookUrl().orElseThrow(), source, name, body, EmbeddedStack.SERVICENOW_SECRET);
    }

    private HttpResponse<String> deliverSample(String source, String path) throws Exception {
        return deliver(source, path, ProjectFiles.read("events/webhooks/" + source + "/" + path));
    }

    @Test
    void everyInitiativeSource_shouldEndInTheInitiativesTable() throws Exception {
        // WHEN the samples of the three initiative sources are posted, the epic twice
        List<HttpResponse<String>> responses = List.of(
                deliverSample("jira", "epics/01-payments-epic-done.json"),
                deliverSample("jira", "epics/01-payments-epic-done.json"),
                deliverSample("jira", "epics/02-password-reset-epic-created.json"),
                deliverSample("servicenow", "spm/01-pm-project-closed-complete.json"),
                deliverSample("servicenow", "spm/02-dmn-demand-display-values.json"),
                deliverSample("initiatives", "01-roadmap-item-approved.json"),
                deliverSample("initiatives", "02-two-roadmap-items.json"));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN every one was accepted and is stored once, as its source said
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        Initiative epic = initiatives.find("jira#10420").orElseThrow();
        assertThat(epic.status()).isEqualTo(InitiativeStatus.DELIVERED);
        assertThat(epic.deliveredAt()).isEqualTo(Instant.parse("2026-11-20T16:00:00Z"));
        assertThat(epic.services()).containsExactly("Payments");
        assertThat(initiatives.find("jira#10433").orElseThrow().services()).containsExactly("Email", "VPN");
        Initiative project = initiatives.find("servicenow#PRJ0010042").orElseThrow();
        assertThat(project.deliveredAt()).isEqualTo(Instant.parse("2026-11-12T16:30:00Z"));
        assertThat(initiatives.find("servicenow#DMND0001007").orElseThrow().status()).isEqualTo(InitiativeStatus.PROPOSED);
        assertThat(initiatives.find("initiatives#ROAD-7").orElseThrow().expected().metric()).isEqualTo(OutcomeMetric.REQUESTS);
        assertThat(initiatives.find("initiatives#ROAD-9")).isPresent();
        assertThat(initiatives.findDeliveredBetween(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z")))
                .extracting(Initiative::id).contains("initiatives#ROAD-3", "servicenow#PRJ0010042", "jira#10420");
    }

    @Test
    void badInitiative_shouldBeRefusedWith422NamingTheField_andNothingStored() throws Exception {
        String id = "IT-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        ObjectNode good = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/initiatives/01-roadmap-item-approved.json"));
        good.put("id", id);
        ObjectNode noService = good.deepCopy();
        noService.putArray("services");
        ObjectNode badDate = good.deepCopy().put("status", "delivered").put("deliveredAt", "2026-13-45");
        ObjectNode unknownDemand = good.deepCopy();
        unknownDemand.putArray("demandIds").add("Nowhere " + id + "#service-risk");

        HttpResponse<String> first = deliver("initiatives", "bad.json", Json.mapper().writeValueAsBytes(noService));
        HttpResponse<String> second = deliver("initiatives", "bad.json", Json.mapper().writeValueAsBytes(badDate));
        HttpResponse<String> third = deliver("initiatives", "bad.json", Json.mapper().writeValueAsBytes(unknownDemand));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        assertThat(first.statusCode()).isEqualTo(422);
        assertThat(first.body()).contains("services names no targeted service");
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(second.body()).contains("deliveredAt is not a date");
        assertThat(third.statusCode()).isEqualTo(422);
        assertThat(third.body()).contains("demandIds: 'Nowhere " + id + "#service-risk'").contains("not a stored demand");
        assertThat(initiatives.find("initiatives#" + id)).isEmpty();
    }

    @Test
    void promotingAStoredDemandOverHttp_shouldSetItsStatus_andStoreItsInitiative() throws Exception {
        // GIVEN a stored demand of a service of this run
        String service = "Payments " + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        String pattern = "recurring-incidents#category:network";
        Instant evaluated = Instant.parse("2026-11-22T05:00:00Z");
        DemandRecord record = new DemandRecord(DemandRecord.id(service, pattern), service, pattern, DemandTier.INITIATIVE,
                "test", 7.5, 1.2, new DemandRecord.Scores(7, 8, 7, 7.3, 5), List.of(), List.of(), null, "test demand");
        assertThat(demands.save(StoredDemand.builder().record(record).contentHash(StoredDemand.contentHash(record))
                .evaluatedAt(evaluated).firstRaisedAt(evaluated).status(DemandStatus.NEW).statusAt(evaluated)
                .build(), null)).isTrue();
        ObjectNode promote = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/demand-decisions/01-promote.json"));
        promote.put("id", record.id());

        // WHEN it is promoted over HTTP, and an unknown demand too
        HttpResponse<String> response = deliver("demand-decisions", "promote.json", Json.mapper().writeValueAsBytes(promote));
        HttpResponse<String> unknown = deliver("demand-decisions", "promote.json",
                Json.mapper().writeValueAsBytes(promote.deepCopy().put("id", service + "#service-risk")));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN the demand is promoted and its initiative stored, linked to it; the unknown one is refused
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(demands.find(record.id()).orElseThrow().status()).isEqualTo(DemandStatus.PROMOTED);
        Initiative initiative = initiatives.find("demandloop#" + record.id()).orElseThrow();
        assertThat(initiative.title()).isEqualTo("Fix the Payments network");
        assertThat(initiative.services()).containsExactly(service);
        assertThat(initiative.demandIds()).containsExactly(record.id());
        assertThat(initiative.expected().category()).isEqualTo("category:network");
        assertThat(initiatives.findByDemand(record.id())).containsExactly(initiative);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("id: '" + service + "#service-risk' is not a stored demand");
    }
}
