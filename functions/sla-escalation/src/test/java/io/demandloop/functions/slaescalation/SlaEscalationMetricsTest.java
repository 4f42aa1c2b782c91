package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.TicketState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaEscalationMetricsTest {

    @Test
    void run_shouldCountItsSlaEventsByKind_andTheJobsSuccessAndDuration() throws Exception {
        // GIVEN an incident opened long before the run, so that its thresholds are due
        InMemorySlaRepository repository = new InMemorySlaRepository();
        RecordingEventPublisher bus = new RecordingEventPublisher();
        RecordingMetricsSink sink = new RecordingMetricsSink();
        new SlaTrackingService(repository, SlaFixtures.evaluator())
                .track(incident("a", 2, TicketState.IN_PROGRESS, 0, "2026-11-20T07:30:00Z", "2026-11-20T07:30:00Z"));
        SlaEscalationHandler handler = new SlaEscalationHandler(repository, bus, SlaFixtures.POLICIES,
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)).withMetrics(new PipelineMetrics(sink));

        // WHEN the schedule fires weeks later
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{\"scheduledTime\": \"2026-12-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode answer = Json.mapper().readTree(out.toByteArray());

        // THEN each published event is counted under its kind, and the run once
        int published = answer.get("published").size();
        assertThat(published).isPositive();
        double breached = sink.sum(PipelineMetrics.SLA_EVENTS, Map.of("Kind", EventNames.SLA_BREACHED));
        double atRisk = sink.sum(PipelineMetrics.SLA_EVENTS, Map.of("Kind", EventNames.SLA_AT_RISK));
        assertThat(breached).isPositive();
        assertThat(breached + atRisk).isEqualTo(published);
        assertThat(sink.sum(PipelineMetrics.JOB_SUCCEEDED, Map.of("Job", SlaEscalationHandler.JOB))).isEqualTo(1);
        assertThat(sink.recorded()).filteredOn(r -> r.name().equals(PipelineMetrics.JOB_DURATION))
                .singleElement().satisfies(r -> assertThat(r.dimensions()).isEqualTo(Map.of("Job", SlaEscalationHandler.JOB)));
    }
}
