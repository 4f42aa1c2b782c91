package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.ticket.StoreOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The initiative adapter against DynamoDB Local, on the table template.yaml defines: newest source version wins,
 * delivered initiatives by delivery instant, every initiative newest first, by demand. The table is shared with the
 * other tests of the run, so each test uses ids and instants of its own (a random run key, a far-off year).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbInitiativeRepositoryIT {

    private DynamoDbInitiativeRepository repository;
    private String run;
    private Instant base;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        repository = DynamoDbInitiativeRepository.create(stack.template().physicalName("InitiativesTable"));
        run = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        base = Instant.parse((3000 + ThreadLocalRandom.current().nextInt(5000)) + "-03-01T05:00:00Z");
    }

    private Initiative.Builder initiative(String sourceId, long version) {
        return Initiative.builder().source("it").sourceId(run + "-" + sourceId).title("Initiative " + sourceId)
                .services(List.of("Payments", "Checkout"))
                .expected(new ExpectedOutcome(OutcomeMetric.MAJOR_INCIDENTS, -0.3, "category:network"))
                .status(InitiativeStatus.APPROVED).team("Payments Platform").link("https://example.com/" + sourceId)
                .sourceVersion(version).sourceUpdatedAt(base.plus(Duration.ofMinutes(version)));
    }

    @Test
    void store_shouldKeepTheNewestVersion_andTellDuplicateFromStale() {
        // GIVEN version 2 stored
        Initiative second = initiative("a", 2).title("second").build();
        assertThat(repository.store(second)).isEqualTo(StoreOutcome.STORED);

        // WHEN the same, an older and a newer version arrive
        StoreOutcome again = repository.store(second);
        StoreOutcome older = repository.store(initiative("a", 1).title("first").build());
        Initiative third = initiative("a", 3).title("third").status(InitiativeStatus.DELIVERED)
                .deliveredAt(base.plus(Duration.ofDays(3))).build();
        StoreOutcome newer = repository.store(third);

        // THEN
        assertThat(again).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(older).isEqualTo(StoreOutcome.STALE);
        assertThat(newer).isEqualTo(StoreOutcome.STORED);
        assertThat(repository.find(third.id())).contains(third);
        assertThat(repository.find("it#" + run + "-none")).isEmpty();
    }

    @Test
    void findDeliveredBetween_shouldReadOnlyDeliveredOnesInTheRange_oldestFirst() {
        // GIVEN three delivered (one on each bound, one outside) and one approved
        Instant from = base.plus(Duration.ofDays(100));
        Instant to = from.plus(Duration.ofDays(10));
        Initiative onFrom = initiative("d1", 1).status(InitiativeStatus.DELIVERED).deliveredAt(from).build();
        Initiative onTo = initiative("d2", 1).status(InitiativeStatus.DELIVERED).deliveredAt(to).build();
        Initiative after = initiative("d3", 1).status(InitiativeStatus.DELIVERED)
                .deliveredAt(to.plus(Duration.ofMillis(1))).build();
        Initiative approved = initiative("d4", 1).build();
        List.of(after, onTo, approved, onFrom).forEach(repository::store);

        // WHEN
        List<Initiative> found = repository.findDeliveredBetween(from, to);

        // THEN
        assertThat(found).containsExactly(onFrom, onTo);
        assertThat(repository.findDeliveredBetween(to, from)).isEmpty();
    }

    @Test
    void findDeliveredBetween_shouldDropAnInitiative_whenANewerVersionIsNoLongerDelivered() {
        Instant at = base.plus(Duration.ofDays(200));
        Initiative delivered = initiative("r", 1).status(InitiativeStatus.DELIVERED).deliveredAt(at).build();
        repository.store(delivered);
        assertThat(repository.findDeliveredBetween(at, at)).containsExactly(delivered);

        repository.store(initiative("r", 2).status(InitiativeStatus.CANCELLED).build());

        assertThat(repository.findDeliveredBetween(at, at)).isEmpty();
    }

    @Test
    void findAll_shouldListNewestChangeFirst_andFindByDemandOnlyTheLinkedOnes() {
        // GIVEN two initiatives of this run naming demands, one naming none
        String demand = "Payments#recurring-incidents#category:" + run;
        Initiative linked = initiative("l1", 5).demandIds(List.of(demand, "Payments#service-risk")).build();
        Initiative alsoLinked = initiative("l2", 7).demandIds(List.of(demand)).build();
        Initiative unlinked = initiative("l3", 6).build();
        List.of(linked, alsoLinked, unlinked).forEach(repository::store);

        // WHEN
        List<Initiative> all = repository.findAll().stream().filter(i -> i.sourceId().startsWith(run + "-l")).toList();
        List<Initiative> byDemand = repository.findByDemand(demand);

        // THEN
        assertThat(all).containsExactly(alsoLinked, unlinked, linked);
        assertThat(byDemand).containsExactly(linked, alsoLinked);
        assertThat(byDemand.get(0).demandIds()).containsExactly(demand, "Payments#service-risk");
    }
}
