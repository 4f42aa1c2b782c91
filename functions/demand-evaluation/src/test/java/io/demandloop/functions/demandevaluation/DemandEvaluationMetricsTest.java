package io.demandloop.functions.demandevaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.fixtures.StoredHistory;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class DemandEvaluationMetricsTest {

    @Test
    void evaluation_shouldCountEachRaisedDemandByTier_andTheJobsSuccessAndDuration() throws Exception {
        // GIVEN the seeded generator's history (planted patterns) and a handler with recorded metrics
        DemandConfig config = DemandConfig.from(DemandloopConfig.defaults());
        History history = new DemandHistoryGenerator(1).generate();
        RecordingMetricsSink sink = new RecordingMetricsSink();
        DemandEvaluationHandler handler = new DemandEvaluationHandler(new DemandEvaluationService(
                StoredHistory.of(history).reader(config), new DemandEvaluator(config, history.catalog()),
                new InMemoryDemandRepository(), new RecordingEventPublisher(), 1.0),
                Clock.fixed(history.inputs().asOf(), ZoneOffset.UTC)).withMetrics(new PipelineMetrics(sink));

        // WHEN the night is evaluated
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(new byte[0]), out, null);
        JsonNode result = Json.mapper().readTree(out.toByteArray());

        // THEN one DemandsRaised per escalated demand, under its tier, and the run once
        List<String> tiers = StreamSupport.stream(result.get("escalatedTiers").spliterator(), false).map(JsonNode::asText).toList();
        assertThat(tiers).isNotEmpty();
        for (String tier : tiers.stream().distinct().toList()) {
            assertThat(sink.sum(PipelineMetrics.DEMANDS_RAISED, Map.of("Tier", tier)))
                    .as(tier).isEqualTo(tiers.stream().filter(tier::equals).count());
        }
        assertThat(sink.sum(PipelineMetrics.JOB_SUCCEEDED, Map.of("Job", DemandEvaluationHandler.JOB))).isEqualTo(1);
        assertThat(sink.recorded()).filteredOn(r -> r.name().equals(PipelineMetrics.JOB_DURATION)).hasSize(1);
    }
}
