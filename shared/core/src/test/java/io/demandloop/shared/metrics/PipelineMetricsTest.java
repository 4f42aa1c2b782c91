package io.demandloop.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.RecordingMetricsSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    private final RecordingMetricsSink sink = new RecordingMetricsSink();
    private final PipelineMetrics metrics = new PipelineMetrics(sink);

    @Test
    void delivery_shouldCountAcceptedPerSource_andRefusedPerSourceAndReason_andServerErrors() {
        metrics.delivery("servicenow", 202);
        metrics.delivery("servicenow", 401);
        metrics.delivery("jira", 503);
        metrics.delivery(PipelineMetrics.UNKNOWN_SOURCE, 404);

        assertThat(sink.sum(PipelineMetrics.DELIVERIES, Map.of())).isEqualTo(4);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_SERVER_ERRORS, Map.of())).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_ACCEPTED, Map.of("Source", "servicenow"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_REFUSED, Map.of("Source", "servicenow", "Reason", "unauthenticated"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_REFUSED, Map.of("Source", "jira", "Reason", "bus_unavailable"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_REFUSED, Map.of("Source", "unknown", "Reason", "unknown_source"))).isEqualTo(1);
    }

    @Test
    void jobRun_shouldRecordTheDurationAlways_andSuccessOnlyWhenItSucceeded() {
        metrics.jobRun("portfolio-report", Duration.ofMillis(1234), true);
        metrics.jobRun("portfolio-report", Duration.ofMillis(50), false);

        assertThat(sink.sum(PipelineMetrics.JOB_SUCCEEDED, Map.of("Job", "portfolio-report"))).isEqualTo(1);
        assertThat(sink.recorded()).filteredOn(r -> r.name().equals(PipelineMetrics.JOB_DURATION))
                .extracting(RecordingMetricsSink.Recorded::value).containsExactly(1234.0, 50.0);
    }

    @Test
    void recordStored_slaEvents_demandRaised_outcomeMeasured_shouldUseTheirDimensions() {
        metrics.recordStored("tickets", "DUPLICATE");
        metrics.slaEvents("SLA Breached", 2);
        metrics.demandRaised("HIGH");
        metrics.outcomeMeasured("improved");

        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "tickets", "Outcome", "duplicate"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.SLA_EVENTS, Map.of("Kind", "SLA Breached"))).isEqualTo(2);
        assertThat(sink.sum(PipelineMetrics.DEMANDS_RAISED, Map.of("Tier", "HIGH"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.OUTCOMES, Map.of("Verdict", "improved"))).isEqualTo(1);
    }
}
