package io.demandloop.functions.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.ServiceTier;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.testing.InMemoryOutcomeRepository;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeMeasurementMetricsTest {

    private static final Instant AS_OF = Instant.parse("2026-11-01T05:15:00Z");

    @Test
    void measurement_shouldCountEachPublishedOutcomeByVerdict_andTheJobsSuccessAndDuration() throws Exception {
        // GIVEN an initiative delivered 30 days ago (too early to tell), and a handler with recorded metrics
        InMemoryInitiativeRepository initiatives = new InMemoryInitiativeRepository();
        Instant delivered = AS_OF.minus(Duration.ofDays(30));
        initiatives.store(Initiative.builder().source("jira").sourceId("1").title("Fix Payments")
                .services(List.of("Payments")).expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null))
                .status(InitiativeStatus.DELIVERED).deliveredAt(delivered).sourceVersion(1).sourceUpdatedAt(delivered).build());
        RecordingMetricsSink sink = new RecordingMetricsSink();
        OutcomeMeasurementHandler handler = new OutcomeMeasurementHandler(new OutcomeMeasurementService(
                new OutcomeFactsReader(new InMemoryTicketRepository(), new InMemoryAlertRepository(), new InMemorySlaRepository(),
                        new InMemoryDemandRepository(), new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, Map.of(), Map.of()),
                        DemandConfig.from(DemandloopConfig.defaults())),
                initiatives, new InMemoryOutcomeRepository(), new RecordingEventPublisher(), OutcomeWindows.DEFAULT),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).withMetrics(new PipelineMetrics(sink));

        // WHEN the night is measured
        handler.handleRequest(new ByteArrayInputStream("{\"scheduledTime\": \"2026-11-01T05:15:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);

        // THEN its published outcome is counted under its verdict, and the run once
        assertThat(sink.sum(PipelineMetrics.OUTCOMES, Map.of("Verdict", "too-early"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.JOB_SUCCEEDED, Map.of("Job", OutcomeMeasurementHandler.JOB))).isEqualTo(1);
        assertThat(sink.recorded()).filteredOn(r -> r.name().equals(PipelineMetrics.JOB_DURATION)).hasSize(1);
    }
}
