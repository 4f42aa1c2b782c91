package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.testing.StdoutLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeCorrelationTest {

    @Test
    void handleRequest_shouldLogTheDeliveryIdWithTheBusEventIdsOfItsRecords() throws Exception {
        // GIVEN the sample Function URL event
        IntakeHandler handler = new IntakeHandler(new IntakeService(
                Map.of("servicenow", new ServiceNowSource(new ServiceNowNormaliser())),
                source -> List.of("sample-secret"), new RecordingEventPublisher(), new InMemoryDemandRepository(),
                Clock.systemUTC()));
        JsonNode event = Json.mapper().readTree(ProjectFiles.read("events/IntakeFunction/servicenow-incident.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN
        List<String> lines = StdoutLines.of(() -> handler.handleRequest(
                new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null));

        // THEN the line that says the delivery was published carries its delivery id (MDC) and the event ids
        JsonNode answer = Json.mapper().readTree(Json.mapper().readTree(out.toByteArray()).get("body").asText());
        String eventId = answer.get("eventIds").get(0).asText();
        String deliveryId = event.get("requestContext").get("requestId").asText();
        assertThat(lines).filteredOn(line -> line.contains("published as event(s)")).singleElement().satisfies(line -> {
            JsonNode json = Json.mapper().readTree(line);
            assertThat(json.get("deliveryId").asText()).isEqualTo(deliveryId);
            assertThat(json.get("message").asText()).contains(deliveryId).contains(eventId);
        });
    }
}
