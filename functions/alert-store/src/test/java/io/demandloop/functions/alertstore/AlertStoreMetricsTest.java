package io.demandloop.functions.alertstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertStoreMetricsTest {

    private static final Instant T0 = Instant.parse("2030-09-01T12:00:00Z");

    private static MonitoringEvent alert(AlertStatus status, int version) {
        return new MonitoringEvent("alertmanager", "f1@" + T0, "f1", "Payroll", Severity.WARNING, status, T0,
                status == AlertStatus.RESOLVED ? T0.plusSeconds(180) : null, "disk full", Map.of(), version, T0, null);
    }

    @Test
    void store_shouldCountEachAlertByOutcome_asTheTicketStoreDoes() {
        // GIVEN
        RecordingMetricsSink sink = new RecordingMetricsSink();
        AlertStoreService service = new AlertStoreService(new InMemoryAlertRepository(), new InMemoryTicketRepository(),
                EpisodeRules.defaults(), new PipelineMetrics(sink));

        // WHEN the resolved version arrives, again, then the older firing one
        service.store(alert(AlertStatus.RESOLVED, 2));
        service.store(alert(AlertStatus.RESOLVED, 2));
        service.store(alert(AlertStatus.FIRING, 1));

        // THEN one of each, under the store "alerts"
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "alerts", "Outcome", "stored"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "alerts", "Outcome", "duplicate"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "alerts", "Outcome", "stale"))).isEqualTo(1);
    }
}
