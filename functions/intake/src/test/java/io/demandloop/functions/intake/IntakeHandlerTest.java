package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeHandlerTest {

    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    // The sample Function URL event carries "Bearer sample-secret".
    private final IntakeHandler handler = new IntakeHandler(new IntakeService(
            Map.of("servicenow", new ServiceNowSource(new ServiceNowNormaliser())),
            source -> List.of("sample-secret"), bus, new InMemoryDemandRepository(), Clock.systemUTC()));

    private JsonNode invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void handleRequest_shouldAnswer202FunctionUrlResponse_whenSampleEvent() throws Exception {
        // GIVEN the Function URL event sam local invoke would use
        JsonNode event = Json.mapper().readTree(ProjectFiles.read("events/IntakeFunction/servicenow-incident.json"));

        // WHEN
        JsonNode response = invoke(event);

        // THEN
        assertThat(response.get("statusCode").asInt()).isEqualTo(202);
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void handleRequest_shouldDecodeBase64Bodies_beforeReadingThem() throws Exception {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/IntakeFunction/servicenow-incident.json"));
        String body = event.get("body").asText();
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        assertThat(invoke(event).get("statusCode").asInt()).isEqualTo(202);
    }

    @Test
    void handleRequest_shouldAnswer400_whenBase64FlagIsFalse() throws Exception {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/IntakeFunction/servicenow-incident.json"));
        event.put("body", "%%% not base64 %%%");
        event.put("isBase64Encoded", true);

        JsonNode response = invoke(event);

        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(response.get("body").asText()).contains("base64");
        assertThat(bus.published()).isEmpty();
    }
}
