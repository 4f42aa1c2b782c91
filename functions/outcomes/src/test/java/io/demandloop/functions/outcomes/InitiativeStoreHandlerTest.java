package io.demandloop.functions.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InitiativeStoreHandlerTest {

    private final InMemoryInitiativeRepository repository = new InMemoryInitiativeRepository();
    private final InitiativeStoreHandler handler = new InitiativeStoreHandler(new InitiativeStoreService(repository));

    private static ObjectNode sampleEvent() throws Exception {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/InitiativeStoreFunction/initiative-received.json"));
    }

    private String invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null);
        return Json.mapper().readTree(out.toByteArray()).get("outcome").asText();
    }

    private static ObjectNode withVersion(ObjectNode event, long version, String title) {
        ObjectNode copy = event.deepCopy();
        ((ObjectNode) copy.get("detail")).put("sourceVersion", version).put("title", title);
        return copy;
    }

    @Test
    void handleRequest_shouldStoreTheInitiative_whenSampleEvent() throws Exception {
        assertThat(invoke(sampleEvent())).isEqualTo("stored");

        Initiative stored = repository.find("jira#10420").orElseThrow();
        assertThat(stored.services()).containsExactly("Payments");
        assertThat(stored.demandIds()).containsExactly("Payments#recurring-incidents#category:network");
        assertThat(stored.status()).isEqualTo(InitiativeStatus.DELIVERED);
        assertThat(stored.deliveredAt()).isEqualTo(Instant.parse("2026-11-20T16:00:00Z"));
        assertThat(stored.expected().metric()).isEqualTo(OutcomeMetric.MAJOR_INCIDENTS);
        assertThat(stored.expected().targetChange()).isEqualTo(-0.3);
        assertThat(stored.expected().category()).isEqualTo("category:network");
    }

    @Test
    void handleRequest_shouldChangeNothing_whenRedeliveredOrOlder() throws Exception {
        ObjectNode event = sampleEvent();
        long version = event.get("detail").get("sourceVersion").asLong();
        invoke(event);

        assertThat(invoke(event)).isEqualTo("duplicate");
        assertThat(invoke(withVersion(event, version - 1, "an older title"))).isEqualTo("stale");
        assertThat(repository.find("jira#10420").orElseThrow().title()).isEqualTo("Payments network resilience");
        assertThat(invoke(withVersion(event, version + 1, "a newer title"))).isEqualTo("stored");
        assertThat(repository.find("jira#10420").orElseThrow().title()).isEqualTo("a newer title");
    }

    @Test
    void handleRequest_shouldThrowNamingTheProblem_whenTheDetailIsNoInitiative() throws Exception {
        ObjectNode noService = sampleEvent();
        ((ObjectNode) noService.get("detail")).putArray("services");
        assertThatThrownBy(() -> invoke(noService)).hasMessageContaining("'services'");

        ObjectNode otherType = sampleEvent();
        otherType.put("detail-type", "Ticket Received");
        assertThatThrownBy(() -> invoke(otherType)).hasMessageContaining("stores 'Initiative Received' events");
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void handleRequest_shouldStoreTheJsonSourceSample() throws Exception {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/InitiativeStoreFunction/initiative-received-json-source.json"));

        assertThat(invoke(event)).isEqualTo("stored");
        assertThat(repository.find("initiatives#ROAD-7").orElseThrow().expected().category()).isNull();
    }
}
