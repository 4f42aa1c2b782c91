package io.demandloop.shared.demand.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.CapacitySnapshot.Load;
import io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad;
import io.demandloop.shared.demand.CapacitySnapshot.TeamLoad;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
        StoredDemand demand = StoredDemand.builder().record(record).contentHash(StoredDemand.contentHash(record))
                .evaluatedAt(at).firstRaisedAt(at).status(DemandStatus.NEW).statusBy("demand-evaluation").statusAt(at)
                .pendingEscalation(StoredDemand.NEW).build()
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

    @Test
    void capacityItem_shouldRoundTrip_inItsOwnPartition_keyedByAsOf() {
        // GIVEN the generator's catalog (teams with capacities) and year
        History history = new DemandHistoryGenerator(1).generate();
        CapacitySnapshot snapshot = new DemandEvaluator(DemandConfig.from(DemandloopConfig.defaults()), history.catalog())
                .capacity(history.inputs());

        // WHEN
        Map<String, AttributeValue> item = DynamoDbDemandRepository.capacityItem(snapshot);

        // THEN
        assertThat(item.get("pk").s()).isEqualTo("#capacity");
        assertThat(item.get("sk").s()).isEqualTo("snapshot#" + io.demandloop.shared.time.SortableInstant.format(snapshot.asOf()));
        assertThat(item).doesNotContainKeys("tierKey", "tierSort");
        assertThat(item.get("window").s()).isEqualTo("30d");
        assertThat(DynamoDbDemandRepository.fromCapacityItem(item)).isEqualTo(snapshot);
        assertThat(snapshot.teams()).isNotEmpty();
    }

    /** {@code teams} teams of 20 services, every name 60 characters, every number with its full digits. */
    private static CapacitySnapshot large(int teamCount) {
        List<TeamLoad> teams = new ArrayList<>();
        Load load = new Load(123.45, 67.89, 45.67, 9.89);
        for (int t = 0; t < teamCount; t++) {
            String team = String.format("team-%03d-", t) + "x".repeat(21);
            List<ServiceLoad> services = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                services.add(new ServiceLoad(String.format("service-%03d-%02d-", t, s) + "y".repeat(45), load, 0.1234));
            }
            teams.add(new TeamLoad(team, 1234.5, load, 1.2345, services));
        }
        Instant asOf = DemandHistoryGenerator.AS_OF;
        return new CapacitySnapshot(asOf, "30d", asOf.minus(Duration.ofDays(30)), teams, List.of());
    }

    @Test
    void capacityItem_shouldStayWellUnderTheItemLimit_forFiveHundredServicesWithLongNames() {
        // GIVEN
        CapacitySnapshot snapshot = large(25);

        // WHEN
        int size = DynamoDbItemSize.of(DynamoDbDemandRepository.capacityItem(snapshot));

        // THEN under 200 bytes a service: under a quarter of the 400 KB limit
        assertThat(snapshot.serviceCount()).isEqualTo(500);
        assertThat(size).isLessThan(DynamoDbItemSize.MAX_ITEM_BYTES / 4);
    }

    @Test
    void saveCapacity_shouldFailNamingTheSize_beforeSendingAnItemOverTheLimit() {
        // GIVEN 3,000 services, and a client whose endpoint nothing listens on: the check comes first
        try (DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(AwsClients.httpClient()).build()) {
            DynamoDbDemandRepository repository = new DynamoDbDemandRepository(client, "demand");

            // WHEN / THEN
            assertThatThrownBy(() -> repository.saveCapacity(large(150)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("over DynamoDB's item limit of 409600 (3000 services)");
        }
    }
}
