package io.demandloop.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.MetricsSink.MetricUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsSinkTest {

    @Test
    void put_shouldWriteOneEmbeddedMetricFormatLine_withExactlyTheGivenDimensions() throws Exception {
        // GIVEN
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Source", "servicenow");
        dimensions.put("Reason", "unauthenticated");
        // WHEN
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            new EmfMetricsSink("demandloop/test").put("DeliveryRefused", 1, MetricUnit.COUNT, dimensions);
        } finally {
            System.setOut(original);
        }
        // THEN
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode emf = Json.mapper().readTree(lines[0]);
        JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("demandloop/test");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Source\",\"Reason\"]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("DeliveryRefused");
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
        assertThat(emf.get("DeliveryRefused").asDouble()).isEqualTo(1.0);
        assertThat(emf.get("Source").asText()).isEqualTo("servicenow");
        assertThat(emf.get("_aws").get("Timestamp").asLong()).isPositive();
    }

    @Test
    void warmUp_shouldSerialiseAMetricLine_withoutWritingAnything() throws Exception {
        // GIVEN
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String line;
        // WHEN
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            line = EmfMetricsSink.warmUp();
        } finally {
            System.setOut(original);
        }
        // THEN
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        JsonNode emf = Json.mapper().readTree(line);
        assertThat(emf.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Name").asText())
                .isEqualTo("Warmup");
    }
}
