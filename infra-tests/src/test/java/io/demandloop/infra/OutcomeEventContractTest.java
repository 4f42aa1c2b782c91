package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.functions.outcomes.OutcomeMeasuredDetail;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * The example routing of measured outcomes in template.yaml ({@code OutcomeMeasuredRule}, an {@code AWS::Events::Rule})
 * matches what the nightly measurement publishes: the sample in {@code events/OutcomeMeasuredRule/} matches its
 * pattern, a too-early verdict and another detail-type do not, and the sample's detail is exactly an
 * {@link OutcomeMeasuredDetail}.
 */
class OutcomeEventContractTest {

    @Test
    void outcomeMeasuredRule_shouldMatchVerdicts_andNotTooEarlyOrOtherEvents() throws Exception {
        // GIVEN the rule's pattern as the template has it
        Machine machine = new Machine();
        machine.addRule("OutcomeMeasuredRule", Json.mapper().writeValueAsString(rulePattern()));
        String measured = Files.readString(ProjectFiles.path("events/OutcomeMeasuredRule/outcome-measured.json"));
        ObjectNode tooEarly = (ObjectNode) Json.mapper().readTree(measured);
        ((ObjectNode) tooEarly.get("detail")).put("verdict", "too-early");
        ObjectNode other = (ObjectNode) Json.mapper().readTree(measured);
        other.put("detail-type", EventNames.DEMAND_ESCALATED);

        // WHEN / THEN
        assertThat(machine.rulesForJSONEvent(measured)).containsExactly("OutcomeMeasuredRule");
        assertThat(machine.rulesForJSONEvent(tooEarly.toString())).isEmpty();
        assertThat(machine.rulesForJSONEvent(other.toString())).isEmpty();
        JsonNode sample = Json.mapper().readTree(measured);
        assertThat(sample.get("source").asText()).isEqualTo(EventNames.OUTCOME_SOURCE);
        assertThat(sample.get("detail-type").asText()).isEqualTo(EventNames.OUTCOME_MEASURED);
        OutcomeMeasuredDetail detail = Json.mapper().treeToValue(sample.get("detail"), OutcomeMeasuredDetail.class);
        // every field of the sample is one the measurement writes, with the same value
        JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsString(detail));
        assertThat(written).isEqualTo(sample.get("detail"));
    }

    @SuppressWarnings("unchecked")
    private static Object rulePattern() {
        Map<String, Object> template = SamTemplate.document(ProjectFiles.path("template.yaml"));
        Map<String, Object> rule = (Map<String, Object>) ((Map<String, Object>) template.get("Resources"))
                .get("OutcomeMeasuredRule");
        assertThat(rule.get("Type")).isEqualTo("AWS::Events::Rule");
        return ((Map<String, Object>) rule.get("Properties")).get("EventPattern");
    }
}
