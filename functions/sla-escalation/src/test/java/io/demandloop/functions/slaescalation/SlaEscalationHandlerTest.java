package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.TicketState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlaEscalationHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-16T12:05:30.250Z"), ZoneOffset.UTC);

    private final InMemorySlaRepository repository = new InMemorySlaRepository();
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final SlaEscalationHandler handler = new SlaEscalationHandler(repository, bus, SlaFixtures.POLICIES, CLOCK);

    private JsonNode invoke(byte[] payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    private JsonNode invoke(String payload) throws Exception {
        return invoke(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void schedulePayload_shouldRunAsOfTheScheduledTime() throws Exception {
        new SlaTrackingService(repository, SlaFixtures.evaluator())
                .track(incident("a", 2, TicketState.IN_PROGRESS, 0, "2026-11-20T07:30:00Z", "2026-11-20T07:30:00Z"));

        JsonNode answer = invoke(ProjectFiles.read("events/SlaEscalationFunction/every-five-minutes.json"));

        assertThat(answer.get("asOf").asText()).isEqualTo("2026-11-20T08:05:00Z");
        assertThat(answer.get("published")).isEmpty();
        assertThat(answer.get("dueTickets").asInt()).isZero();
    }

    @Test
    void emptyPayload_shouldRunAsOfNow_toTheSecond() throws Exception {
        assertThat(invoke("").get("asOf").asText()).isEqualTo("2026-11-16T12:05:30Z");
        assertThat(invoke("{}").get("asOf").asText()).isEqualTo("2026-11-16T12:05:30Z");
    }

    @Test
    void replayPayload_shouldReplayThePolicyVersion() throws Exception {
        JsonNode answer = invoke(ProjectFiles.read("events/SlaEscalationFunction/replay-policy-version.json"));

        assertThat(answer.get("replayedFrom").asText()).isEqualTo("1");
        assertThat(answer.get("tickets").asInt()).isZero();
    }

    @Test
    void badPayloads_shouldFailNamingTheProblem() {
        assertThatThrownBy(() -> invoke("[1]")).isInstanceOf(InvalidTriggerException.class).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> invoke("{\"scheduledTime\": \"yesterday\"}")).isInstanceOf(InvalidTriggerException.class)
                .hasMessageContaining("scheduledTime").hasMessageContaining("\"yesterday\"");
        assertThatThrownBy(() -> invoke("{")).isInstanceOf(InvalidTriggerException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> invoke("{\"replayPolicyVersion\": 2}")).isInstanceOf(InvalidTriggerException.class)
                .hasMessageContaining("replayPolicyVersion");
    }
}
