package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaEventDetail;
import io.demandloop.shared.testing.ProjectFiles;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * The example routing of SLA breaches in template.yaml ({@code SlaBreachedRule}, an {@code AWS::Events::Rule}, not a
 * function's event, so {@link EventContractTest} does not see it) matches what the escalation publishes: the sample
 * in {@code events/SlaBreachedRule/} matches its pattern, an at-risk event does not, and the sample's detail is a
 * {@link SlaEventDetail}.
 */
class SlaEventContractTest {

    @Test
    void slaBreachedRule_shouldMatchBreaches_andNotWarnings() throws Exception {
        // GIVEN the rule's pattern as the template has it
        Machine machine = new Machine();
        machine.addRule("SlaBreachedRule", Json.mapper().writeValueAsString(rulePattern()));
        String breach = Files.readString(ProjectFiles.path("events/SlaBreachedRule/sla-breached.json"));
        ObjectNode warning = (ObjectNode) Json.mapper().readTree(breach);
        warning.put("detail-type", EventNames.SLA_AT_RISK);

        // WHEN / THEN
        assertThat(machine.rulesForJSONEvent(breach)).containsExactly("SlaBreachedRule");
        assertThat(machine.rulesForJSONEvent(warning.toString())).isEmpty();
        JsonNode sample = Json.mapper().readTree(breach);
        assertThat(sample.get("source").asText()).isEqualTo(EventNames.SLA_SOURCE);
        assertThat(sample.get("detail-type").asText()).isEqualTo(EventNames.SLA_BREACHED);
        SlaEventDetail detail = Json.mapper().treeToValue(sample.get("detail"), SlaEventDetail.class);
        // every field of the sample is one the escalation writes, with the same value
        JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsString(detail));
        assertThat(written).isEqualTo(sample.get("detail"));
    }

    @SuppressWarnings("unchecked")
    private static Object rulePattern() {
        Map<String, Object> template = SamTemplate.document(ProjectFiles.path("template.yaml"));
        Map<String, Object> rule = (Map<String, Object>) ((Map<String, Object>) template.get("Resources"))
                .get("SlaBreachedRule");
        assertThat(rule.get("Type")).isEqualTo("AWS::Events::Rule");
        return ((Map<String, Object>) rule.get("Properties")).get("EventPattern");
    }
}
