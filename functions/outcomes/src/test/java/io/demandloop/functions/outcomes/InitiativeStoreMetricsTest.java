package io.demandloop.functions.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingMetricsSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitiativeStoreMetricsTest {

    private static Initiative sample(long version) throws Exception {
        ObjectNode detail = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/InitiativeStoreFunction/initiative-received.json")).get("detail");
        return Json.mapper().treeToValue(detail.put("sourceVersion", version), Initiative.class);
    }

    @Test
    void store_shouldCountEachInitiativeByOutcome_asTheTicketStoreDoes() throws Exception {
        // GIVEN
        RecordingMetricsSink sink = new RecordingMetricsSink();
        InitiativeStoreService service = new InitiativeStoreService(new InMemoryInitiativeRepository(), new PipelineMetrics(sink));

        // WHEN version 2 arrives, again, then version 1
        service.store(sample(2));
        service.store(sample(2));
        service.store(sample(1));

        // THEN one of each, under the store "initiatives"
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "initiatives", "Outcome", "stored"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "initiatives", "Outcome", "duplicate"))).isEqualTo(1);
        assertThat(sink.sum(PipelineMetrics.RECORDS_STORED, Map.of("Store", "initiatives", "Outcome", "stale"))).isEqualTo(1);
    }
}
