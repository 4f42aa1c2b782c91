package io.demandloop.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandStatus;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.DemandHistoryGenerator;
import io.demandloop.shared.demand.DemandHistoryGenerator.History;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbDemandRepositoryItemTest {

    @Test
    void currentItem_shouldRoundTrip_withItsKeysAndTierIndexKeys() {
        // GIVEN
        History history = new DemandHistoryGenerator(1).generate();
        DemandRecord record = new DemandEvaluator(DemandConfig.from(DemandloopConfig.defaults()), history.catalog())
                .evaluate(history.inputs()).stream().filter(r -> r.service().equals(DemandHistoryGenerator.OUTAGES))
                .findFirst().orElseThrow();
        Instant at = DemandHistoryGenerator.AS_OF;
        StoredDemand demand = new StoredDemand(record, StoredDemand.contentHash(record), at, at, DemandStatus.NEW,
                "demand-evaluation", null, at, null, null, StoredDemand.NEW)
                .withStatus(DemandStatus.REJECTED, "alice", "known, budgeted next year", at.plusSeconds(60));

        // WHEN
        Map<String, AttributeValue> item = DynamoDbDemandRepository.currentItem(demand);

        // THEN
        assertThat(item.get("pk").s()).isEqualTo("Payments");
        assertThat(item.get("sk").s()).isEqualTo("current#" + record.pattern());
        assertThat(item.get("tierKey").s()).isEqualTo("initiative");
        assertThat(item.get("tierSort").s()).startsWith(String.format(java.util.Locale.ROOT, "%06.2f#", record.score()))
                .endsWith(record.id());
        assertThat(DynamoDbDemandRepository.fromItem(item)).isEqualTo(demand);
        assertThat(demand.rejectedScore()).isEqualTo(record.score());
        assertThat(DynamoDbItemSize.of(item)).isLessThan(16 * 1024);
    }
}
