package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.KnownDemands;
import io.demandloop.shared.decision.aws.DynamoDbKnownDemands;
import io.demandloop.shared.demand.CapacitySnapshot.Load;
import io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad;
import io.demandloop.shared.demand.CapacitySnapshot.TeamLoad;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demand adapter against DynamoDB Local, on the table template.yaml defines: the intake's lookup
 * ({@link DynamoDbKnownDemands}) agrees with what the repository stores; capacity snapshots are kept once per
 * night, the newest at or before an instant found by one Query, beside the demand items without meeting them. Each
 * run uses instants of a random far-off year, so that a persistent endpoint's earlier runs stay out of the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbDemandRepositoryIT {

    private DynamoDbDemandRepository repository;
    private Instant base;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        repository = DynamoDbDemandRepository.create(stack.template().physicalName("DemandTable"));
        int year = 3000 + ThreadLocalRandom.current().nextInt(5000);
        base = Instant.parse(year + "-03-01T05:00:00Z");
    }

    private static CapacitySnapshot snapshot(Instant asOf, double paymentsHours) {
        return new CapacitySnapshot(asOf, "30d", asOf.minus(Duration.ofDays(30)), List.of(
                new TeamLoad("payments", 120, new Load(paymentsHours, paymentsHours, 0, 0), paymentsHours / 120,
                        List.of(new ServiceLoad("Payments", new Load(paymentsHours, paymentsHours, 0, 0), paymentsHours / 120)))),
                List.of(new ServiceLoad("VPN", new Load(1.4, 1.4, 0, 0), null)));
    }

    @Test
    void saveCapacity_shouldKeepEachNightOnce_andNeverChangeIt() {
        // GIVEN
        CapacitySnapshot night = snapshot(base, 21);

        // WHEN
        boolean first = repository.saveCapacity(night);
        boolean again = repository.saveCapacity(night);
        boolean changed = repository.saveCapacity(snapshot(base, 99));

        // THEN
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(changed).as("a re-run with other figures").isFalse();
        assertThat(repository.latestCapacity(base)).contains(night);
    }

    @Test
    void latestCapacity_shouldFindTheNewestAtOrBeforeTheInstant() {
        // GIVEN three nights, saved out of order
        Instant start = base.plus(Duration.ofDays(100));
        List<CapacitySnapshot> nights = List.of(snapshot(start, 1), snapshot(start.plus(Duration.ofDays(1)), 2),
                snapshot(start.plus(Duration.ofDays(2)), 3));
        repository.saveCapacity(nights.get(2));
        repository.saveCapacity(nights.get(0));
        repository.saveCapacity(nights.get(1));

        // WHEN / THEN: exactly at a night, just after it, just before the next, long after the last
        assertThat(repository.latestCapacity(start)).contains(nights.get(0));
        assertThat(repository.latestCapacity(start.plus(Duration.ofMinutes(30)))).contains(nights.get(0));
        assertThat(repository.latestCapacity(start.plus(Duration.ofDays(2)).minusMillis(1))).contains(nights.get(1));
        assertThat(repository.latestCapacity(start.plus(Duration.ofDays(30)))).contains(nights.get(2));
        // before the first: not one of these (an earlier run's, on a persistent endpoint, would be older still)
        java.util.Optional<Instant> before = repository.latestCapacity(start.minusMillis(1)).map(CapacitySnapshot::asOf);
        assertThat(before.isEmpty() || before.get().isBefore(start)).as("found %s", before).isTrue();
    }

    @Test
    void saveCapacity_shouldStoreAndReadBack_fiveHundredServicesWithLongNames() {
        // GIVEN 25 teams of 20 services whose names are 60 characters
        Instant asOf = base.plus(Duration.ofDays(200));
        List<TeamLoad> teams = new ArrayList<>();
        Load load = new Load(123.45, 67.89, 45.67, 9.89);
        for (int t = 0; t < 25; t++) {
            String team = String.format("team-%02d-", t) + "x".repeat(22);
            List<ServiceLoad> services = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                services.add(new ServiceLoad(String.format("service-%02d-%02d-", t, s) + "y".repeat(46), load, 0.1234));
            }
            teams.add(new TeamLoad(team, 1234.5, load, 1.2345, services));
        }
        CapacitySnapshot large = new CapacitySnapshot(asOf, "30d", asOf.minus(Duration.ofDays(30)), teams, List.of());

        // WHEN
        boolean saved = repository.saveCapacity(large);

        // THEN
        assertThat(saved).isTrue();
        assertThat(repository.latestCapacity(asOf)).contains(large);
    }

    @Test
    void capacitySnapshots_shouldNotMeetTheDemands_ofAServiceNamedLikeTheirPartition() {
        // GIVEN a demand of a service called "#capacity", and a snapshot
        History history = new DemandHistoryGenerator(3).generate();
        DemandRecord r = new DemandEvaluator(DemandConfig.from(DemandloopConfig.defaults()), history.catalog())
                .evaluate(history.inputs()).get(0);
        String service = DynamoDbDemandRepository.CAPACITY_PARTITION;
        DemandRecord record = new DemandRecord(DemandRecord.id(service, r.pattern()), service, r.pattern(), r.tier(),
                r.rule(), r.score(), r.wsjf(), r.scores(), r.criteria(), r.observations(), r.evidence(), r.explanation());
        Instant at = base.plus(Duration.ofDays(300));
        if (repository.find(record.id()).isEmpty()) {
            assertThat(repository.save(StoredDemand.builder().record(record)
                    .contentHash(StoredDemand.contentHash(record)).evaluatedAt(at).firstRaisedAt(at)
                    .status(io.demandloop.shared.decision.DemandStatus.NEW).statusBy("it").statusAt(at).build(), null))
                    .isTrue();
        }
        CapacitySnapshot night = snapshot(at, 7);
        repository.saveCapacity(night);

        // WHEN / THEN each reads only its own items
        assertThat(repository.findByService(service)).extracting(StoredDemand::id).containsExactly(record.id());
        assertThat(repository.history(record.id())).isNotEmpty();
        assertThat(repository.latestCapacity(at)).contains(night);
    }

    @Test
    void knownDemands_shouldFindWhatTheRepositoryStored_andNothingElse() {
        // GIVEN a demand the repository stores, in a service of this run's own
        History history = new DemandHistoryGenerator(5).generate();
        DemandRecord r = new DemandEvaluator(DemandConfig.from(DemandloopConfig.defaults()), history.catalog())
                .evaluate(history.inputs()).get(0);
        String service = "known-" + base.toEpochMilli();
        DemandRecord record = new DemandRecord(DemandRecord.id(service, r.pattern()), service, r.pattern(), r.tier(),
                r.rule(), r.score(), r.wsjf(), r.scores(), r.criteria(), r.observations(), r.evidence(), r.explanation());
        Instant at = base.plus(Duration.ofDays(400));
        assertThat(repository.save(StoredDemand.builder().record(record)
                .contentHash(StoredDemand.contentHash(record)).evaluatedAt(at).firstRaisedAt(at)
                .status(io.demandloop.shared.decision.DemandStatus.NEW).statusBy("it").statusAt(at).build(), null))
                .isTrue();
        LocalStack stack = EmbeddedStack.shared();
        KnownDemands known = new DynamoDbKnownDemands(DynamoDbClients.lean(),
                stack.template().physicalName("DemandTable"));

        // WHEN / THEN the intake's lookup, on its own key layout, agrees with the repository
        assertThat(known.contains(record.id())).isTrue();
        assertThat(known.contains(DemandRecord.id(service, "alert-noise"))).as("another pattern of the service")
                .isEqualTo(repository.find(DemandRecord.id(service, "alert-noise")).isPresent()).isFalse();
        assertThat(known.contains(DemandRecord.id(service + "-other", r.pattern()))).as("another service").isFalse();
        assertThatThrownBy(() -> known.contains("not-a-demand-id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-a-demand-id");
    }
}
