package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.template.RuleDef;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/**
 * Contract between {@code events/} and {@code template.yaml}: each bus event in {@code events/<Function>/}
 * matches a rule of that function, checked with event-ruler (the matcher EventBridge uses), and a
 * counterfeit of it does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventContractTest {

    private final SamTemplate template = SamTemplate.load(ProjectFiles.path("template.yaml"), "demandloop", Map.of());

    Stream<Path> busSamples() throws IOException {
        List<Path> samples = new ArrayList<>();
        for (RuleDef rule : template.rules()) {
            Path dir = ProjectFiles.path("events/" + rule.functionLogicalId());
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".json")).forEach(samples::add);
            }
        }
        return samples.stream().distinct();
    }

    private Machine machineFor(String functionId) throws Exception {
        Machine machine = new Machine();
        for (RuleDef rule : template.rules()) {
            if (rule.functionLogicalId().equals(functionId)) {
                machine.addRule(rule.ruleName(), rule.patternJson());
            }
        }
        return machine;
    }

    @Test
    void everyRuleTarget_shouldHaveSampleEvents() {
        for (RuleDef rule : template.rules()) {
            Path dir = ProjectFiles.path("events/" + rule.functionLogicalId());
            assertThat(dir).as("samples for %s", rule.functionLogicalId()).isDirectory();
        }
        assertThat(template.rules()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("busSamples")
    void sample_shouldMatchItsFunctionsRule(Path sample) throws Exception {
        // GIVEN the sample and the rules of the function it is filed under
        String functionId = sample.getParent().getFileName().toString();
        String event = Files.readString(sample);

        // WHEN / THEN
        assertThat(machineFor(functionId).rulesForJSONEvent(event)).as(sample.toString()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("busSamples")
    void counterfeitOfSample_shouldMatchNoRule(Path sample) throws Exception {
        String functionId = sample.getParent().getFileName().toString();
        ObjectNode wrongSource = (ObjectNode) Json.mapper().readTree(sample.toFile());
        wrongSource.put("source", "counterfeit.source");
        ObjectNode wrongType = (ObjectNode) Json.mapper().readTree(sample.toFile());
        wrongType.put("detail-type", "Ticket Deleted");

        assertThat(machineFor(functionId).rulesForJSONEvent(wrongSource.toString())).isEmpty();
        assertThat(machineFor(functionId).rulesForJSONEvent(wrongType.toString())).isEmpty();
    }

    @Test
    void ticketStoreRule_shouldMatchWhatTheIntakePublishes() throws Exception {
        // The intake's source and detail-type constants, in an envelope as EventBridge builds it.
        ObjectNode envelope = (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/TicketStoreFunction/ticket-received.json"));
        envelope.put("source", EventNames.INTAKE_SOURCE);
        envelope.put("detail-type", EventNames.TICKET_RECEIVED);

        assertThat(machineFor("TicketStoreFunction").rulesForJSONEvent(envelope.toString())).isNotEmpty();
    }
}
