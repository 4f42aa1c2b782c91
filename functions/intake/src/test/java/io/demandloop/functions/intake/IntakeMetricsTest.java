package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeMetricsTest {

    private static final String SECRET = "s3cret-for-tests";

    @Test
    void accept_shouldCountDeliveriesAcceptedPerSource_andRefusedPerSourceAndReason() {
        // GIVEN the ServiceNow source and recorded metrics
        RecordingMetricsSink sink = new RecordingMetricsSink();
        Map<String, WebhookSource> sources = Map.of("servicenow", new ServiceNowSource(new ServiceNowNormaliser()));
        IntakeService service = new IntakeService(sources, source -> List.of(SECRET), new RecordingEventPublisher(),
                new InMemoryDemandRepository(), Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                DemandloopConfig.defaults(), new PipelineMetrics(sink));
        byte[] body = ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json");
        Map<String, String> json = Map.of("Content-Type", "application/json");

        // WHEN one delivery is accepted, one has a wrong secret, one goes to no known source
        service.accept("POST", "/hooks/servicenow", with(json, "Authorization", "Bearer " + SECRET), body, "d1");
        service.accept("POST", "/hooks/servicenow", with(json, "Authorization", "Bearer wrong"), body, "d2");
        service.accept("POST", "/hooks/nosuchtool", json, body, "d3");

        // THEN
        assertThat(sink.sum(PipelineMetrics.DELIVERIES, Map.of())).isEqualTo(3);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_SERVER_ERRORS, Map.of())).isZero();
        assertThat(sink.sum(PipelineMetrics.DELIVERY_ACCEPTED, Map.of("Source", "servicenow"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_REFUSED, Map.of("Source", "servicenow", "Reason", "unauthenticated")))
                .isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.DELIVERY_REFUSED,
                Map.of("Source", PipelineMetrics.UNKNOWN_SOURCE, "Reason", "unknown_source"))).isEqualTo(1);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
