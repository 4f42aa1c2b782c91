package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Initiatives and demand decisions through the intake: published as their events, unknown demands refused. */
class IntakeInitiativesTest {

    private static final String SECRET = "initiative-secret";
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final String PAYMENTS_NETWORK = "Payments#recurring-incidents#category:network";

    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final InMemoryDemandRepository demands = new InMemoryDemandRepository();
    private final IntakeService service = new IntakeService(Sources.all(DemandloopConfig.defaults()),
            source -> List.of(SECRET), bus, demands, Clock.fixed(AT, ZoneOffset.UTC));

    static StoredDemand demand(String service, String pattern) {
        DemandRecord record = new DemandRecord(DemandRecord.id(service, pattern), service, pattern, DemandTier.INITIATIVE,
                "test", 7.5, 1.2, new DemandRecord.Scores(7, 8, 7, 7.3, 5), List.of(), List.of(), null, "test demand");
        return StoredDemand.builder().record(record).contentHash("hash").evaluatedAt(AT).firstRaisedAt(AT)
                .status(DemandStatus.NEW).statusAt(AT).build();
    }

    private IntakeResponse post(String source, byte[] body) {
        return service.accept("POST", "/hooks/" + source, Map.of("Authorization", "Bearer " + SECRET,
                "Content-Type", "application/json"), body, "test");
    }

    private static String error(IntakeResponse response) throws Exception {
        return Json.mapper().readTree(response.body()).get("error").asText();
    }

    @Test
    void accept_shouldPublishInitiativeReceived_forTheJsonSource() throws Exception {
        IntakeResponse response = post("initiatives", ProjectFiles.read("events/webhooks/initiatives/02-two-roadmap-items.json"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(bus.published()).hasSize(2).allSatisfy(event -> {
            assertThat(event.source()).isEqualTo(EventNames.INTAKE_SOURCE);
            assertThat(event.detailType()).isEqualTo(EventNames.INITIATIVE_RECEIVED);
        });
        Initiative first = Json.mapper().readValue(bus.published().get(0).detailJson(), Initiative.class);
        assertThat(first.id()).isEqualTo("initiatives#ROAD-3");
    }

    @Test
    void accept_shouldPublishAnInitiative_forAJiraEpicAndAServiceNowProject() throws Exception {
        IntakeResponse project = post("servicenow", ProjectFiles.read("events/webhooks/servicenow/spm/01-pm-project-closed-complete.json"));

        assertThat(project.status()).isEqualTo(202);
        assertThat(bus.published()).extracting(BusEvent::detailType).containsExactly(EventNames.INITIATIVE_RECEIVED);
    }

    @Test
    void accept_shouldRefuseWith422AndPublishNothing_whenADemandIdIsNotStored() throws Exception {
        // GIVEN an initiative naming one stored and one unknown demand
        demands.save(demand("Payments", "recurring-incidents#category:network"), null);
        ObjectNode body = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/initiatives/01-roadmap-item-approved.json"));
        body.putArray("demandIds").add(PAYMENTS_NETWORK).add("Payments#service-risk");

        // WHEN
        IntakeResponse response = post("initiatives", Json.mapper().writeValueAsBytes(body));

        // THEN
        assertThat(response.status()).isEqualTo(422);
        assertThat(error(response)).startsWith("demandIds: 'Payments#service-risk'").contains("not a stored demand");
        assertThat(bus.published()).isEmpty();

        // AND with the stored one alone it is taken
        body.putArray("demandIds").add(PAYMENTS_NETWORK);
        assertThat(post("initiatives", Json.mapper().writeValueAsBytes(body)).status()).isEqualTo(202);
    }

    @Test
    void accept_shouldRefuseWith422NamingTheField_whenTheInitiativeIsBad() throws Exception {
        ObjectNode body = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/initiatives/01-roadmap-item-approved.json"));
        body.put("status", "delivered").put("deliveredAt", "31/11/2026");

        IntakeResponse response = post("initiatives", Json.mapper().writeValueAsBytes(body));

        assertThat(response.status()).isEqualTo(422);
        assertThat(error(response)).contains("deliveredAt is not a date");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldPublishDemandStatusChanged_forADecisionAboutAStoredDemand() throws Exception {
        demands.save(demand("Payments", "recurring-incidents#category:network"), null);

        IntakeResponse response = post("demand-decisions", ProjectFiles.read("events/webhooks/demand-decisions/01-promote.json"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(bus.published()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo(EventNames.DEMAND_SOURCE);
            assertThat(event.detailType()).isEqualTo(EventNames.DEMAND_STATUS_CHANGED);
            JsonNode detail = Json.mapper().readTree(event.detailJson());
            assertThat(detail.get("id").asText()).isEqualTo(PAYMENTS_NETWORK);
            assertThat(detail.get("status").asText()).isEqualTo("promoted");
            assertThat(detail.get("by").asText()).isEqualTo("carol@example.com");
            assertThat(detail.get("title").asText()).isEqualTo("Fix the Payments network");
        });
    }

    @Test
    void accept_shouldRefuseWith422_whenADecisionNamesAnUnknownDemand() throws Exception {
        IntakeResponse response = post("demand-decisions", ProjectFiles.read("events/webhooks/demand-decisions/03-reject.json"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(error(response)).isEqualTo("id: 'Batch Scheduler#alert-noise' is not a stored demand (see ./demandloop query demand)");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void accept_shouldRefuseWith401_whenTheDecisionsSecretIsWrong() {
        IntakeResponse response = service.accept("POST", "/hooks/demand-decisions", Map.of("Authorization", "Bearer wrong",
                "Content-Type", "application/json"), ProjectFiles.read("events/webhooks/demand-decisions/01-promote.json"), "t");

        assertThat(response.status()).isEqualTo(401);
        assertThat(bus.published()).isEmpty();
    }
}
