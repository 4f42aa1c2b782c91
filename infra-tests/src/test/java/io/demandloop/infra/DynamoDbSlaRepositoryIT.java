package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaClaim;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.SlaTicketRecord;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SLA adapter against DynamoDB Local, on the table template.yaml defines: the conditions that make history
 * idempotent, state writes optimistic, claims exclusive and breaches one per ticket, metric and cycle. Each test uses
 * its own policy version or service, so the indexes hold only its own tickets whatever else the shared stack stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbSlaRepositoryIT {

    private static final Instant NOW = Instant.parse("2031-05-05T10:00:00Z");

    private DynamoDbSlaRepository repository;
    private final SlaEvaluator evaluator = new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults()));
    private final ExecutorService threads = Executors.newFixedThreadPool(10);

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        repository = DynamoDbSlaRepository.create(stack.template().physicalName("SlaTable"));
    }

    @AfterAll
    void stop() {
        threads.shutdownNow();
    }

    private static TicketVersion version(String key, long version, TicketState state, String at) {
        return new TicketVersion(key, "it", TicketKind.INCIDENT, "INC-IT", "Email", 2, state,
                Instant.parse("2031-05-05T08:00:00Z"), Instant.parse(at), version, "https://example/it");
    }

    private SlaState stateOf(String key, String policyVersion, long revision) {
        SlaTicketRecord record = repository.load(key, policyVersion);
        return SlaState.of(record.latest().orElseThrow(), policyVersion, revision, evaluator.evaluate(record.versions()),
                record.handled());
    }

    @Test
    void recordVersion_shouldKeepEachVersionOnce_andLoadReturnsThemAll() {
        String key = "it#incident#" + UUID.randomUUID();

        assertThat(repository.recordVersion(version(key, 0, TicketState.OPEN, "2031-05-05T08:00:00Z"))).isTrue();
        assertThat(repository.recordVersion(version(key, 0, TicketState.OPEN, "2031-05-05T08:00:00Z"))).isFalse();
        assertThat(repository.recordVersion(version(key, 3, TicketState.ON_HOLD, "2031-05-05T09:00:00Z"))).isTrue();

        SlaTicketRecord record = repository.load(key, "1");
        assertThat(record.versions()).extracting(TicketVersion::sourceVersion).containsExactlyInAnyOrder(0L, 3L);
        assertThat(record.latest().orElseThrow().state()).isEqualTo(TicketState.ON_HOLD);
        assertThat(record.versions()).allSatisfy(v -> assertThat(v.link()).isEqualTo("https://example/it"));
    }

    @Test
    void saveState_shouldRefuseAStaleRevision_andFindDueSeesOnlyWhatIsDue() {
        String policy = "it-" + UUID.randomUUID();
        String due = "it#incident#" + UUID.randomUUID();
        String later = "it#incident#" + UUID.randomUUID();
        repository.recordVersion(version(due, 0, TicketState.OPEN, "2031-05-05T08:00:00Z"));
        repository.recordVersion(new TicketVersion(later, "it", TicketKind.INCIDENT, null, "Email", 2, TicketState.OPEN,
                Instant.parse("2031-05-05T09:50:00Z"), Instant.parse("2031-05-05T09:50:00Z"), 0, null));

        assertThat(repository.saveState(stateOf(due, policy, 1), 0)).isTrue();
        assertThat(repository.saveState(stateOf(due, policy, 1), 0)).as("a second first write").isFalse();
        assertThat(repository.saveState(stateOf(due, policy, 2), 1)).isTrue();
        assertThat(repository.saveState(stateOf(due, policy, 2), 1)).as("a write from an outdated read").isFalse();
        assertThat(repository.saveState(stateOf(later, policy, 1), 0)).isTrue();

        // the first ticket's response was due at 08:15; the second's at 10:05
        assertThat(repository.findDue(policy, NOW)).containsExactly(due);
        assertThat(repository.findDue(policy, Instant.parse("2031-05-05T10:05:00Z"))).containsExactly(due, later);
        assertThat(repository.findTracked(policy)).containsExactlyInAnyOrder(due, later);
        assertThat(repository.load(due, policy).state().orElseThrow().revision()).isEqualTo(2);
        assertThat(repository.findStates(policy, List.of(due, later, "it#incident#missing"))).containsOnlyKeys(due, later);
    }

    @Test
    void longestTicketKey_shouldBeTrackedAndFoundDue() {
        // GIVEN the longest source id a ticket may have, in 3-byte characters: 1 536 bytes, more than a sort key holds
        String policy = "it-" + UUID.randomUUID();
        String key = "it#incident#" + UUID.randomUUID() + "\u20ac".repeat(Ticket.MAX_ID_LENGTH - 36);
        repository.recordVersion(version(key, 0, TicketState.OPEN, "2031-05-05T08:00:00Z"));

        // WHEN / THEN
        assertThat(repository.saveState(stateOf(key, policy, 1), 0)).isTrue();
        assertThat(repository.findDue(policy, NOW)).containsExactly(key);
    }

    @Test
    void claim_shouldGoToExactlyOneOfTenConcurrentRuns() throws Exception {
        String key = "it#incident#" + UUID.randomUUID();
        List<Callable<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String owner = "run-" + i;
            runs.add(() -> repository.claim(key, "resolution#0#50", "1", owner, NOW, NOW.plusSeconds(300)));
        }

        int winners = 0;
        for (Future<Boolean> result : threads.invokeAll(runs)) {
            winners += result.get() ? 1 : 0;
        }

        assertThat(winners).isEqualTo(1);
    }

    @Test
    void claim_shouldBeTakenOverOnlyAfterItsLease_andNeverOnceCompleted() {
        String key = "it#incident#" + UUID.randomUUID();
        assertThat(repository.claim(key, "resolution#0#100", "1", "crashed", NOW, NOW.plusSeconds(300))).isTrue();

        assertThat(repository.claim(key, "resolution#0#100", "1", "early", NOW.plusSeconds(299), NOW.plusSeconds(599))).isFalse();
        assertThat(repository.claim(key, "resolution#0#100", "1", "late", NOW.plusSeconds(301), NOW.plusSeconds(601))).isTrue();
        // the crashed run's late confirmation does not overwrite the new owner's claim
        repository.complete(key, "resolution#0#100", "crashed", SlaClaim.Status.PUBLISHED);
        assertThat(repository.load(key, "1").claims().get("resolution#0#100").owner()).isEqualTo("late");
        repository.complete(key, "resolution#0#100", "late", SlaClaim.Status.PUBLISHED);

        assertThat(repository.claim(key, "resolution#0#100", "1", "much-later", NOW.plusSeconds(9999), NOW.plusSeconds(99999))).isFalse();
        assertThat(repository.load(key, "1").handled()).isEqualTo(Set.of("resolution#0#100"));
    }

    @Test
    void release_shouldLetTheNextRunClaimAtOnce() {
        String key = "it#incident#" + UUID.randomUUID();
        repository.claim(key, "response#0#50", "1", "refused", NOW, NOW.plusSeconds(300));

        repository.release(key, "response#0#50", "refused");

        assertThat(repository.claim(key, "response#0#50", "1", "retry", NOW.plusSeconds(1), NOW.plusSeconds(301))).isTrue();
    }

    private static SlaBreach breach(String key, SlaMetric metric, int cycle, String service, String at) {
        return new SlaBreach(key, metric, cycle, service, Instant.parse(at));
    }

    @Test
    void recordBreach_shouldKeepOneBreachPerTicketMetricAndCycle_andLoadReturnsIt() {
        // GIVEN
        String key = "it#incident#" + UUID.randomUUID();
        String service = "it-" + UUID.randomUUID();
        SlaBreach resolution = breach(key, SlaMetric.RESOLUTION, 0, service, "2031-05-05T16:00:00.123456Z");

        // WHEN the same breach is recorded twice, the second time with another instant (a replay under other targets)
        boolean first = repository.recordBreach(resolution);
        boolean again = repository.recordBreach(breach(key, SlaMetric.RESOLUTION, 0, service, "2031-05-05T12:00:00Z"));
        boolean response = repository.recordBreach(breach(key, SlaMetric.RESPONSE, 0, service, "2031-05-05T08:30:00Z"));
        boolean nextCycle = repository.recordBreach(breach(key, SlaMetric.RESOLUTION, 1, service, "2031-05-07T16:00:00Z"));

        // THEN the first one stays; another metric or cycle is another breach
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(response).isTrue();
        assertThat(nextCycle).isTrue();
        assertThat(repository.load(key, "1").breaches()).containsOnlyKeys("resolution#0", "response#0", "resolution#1")
                .containsEntry("resolution#0", resolution);
        assertThat(resolution.breachedAt()).isEqualTo("2031-05-05T16:00:00.123Z");
    }

    @Test
    void recordBreach_shouldGoToExactlyOneOfTenConcurrentWriters() throws Exception {
        String key = "it#incident#" + UUID.randomUUID();
        String service = "it-" + UUID.randomUUID();
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String at = "2031-05-05T16:00:0" + i + "Z";
            writers.add(() -> repository.recordBreach(breach(key, SlaMetric.RESOLUTION, 0, service, at)));
        }

        int written = 0;
        for (Future<Boolean> result : threads.invokeAll(writers)) {
            written += result.get() ? 1 : 0;
        }

        assertThat(written).isEqualTo(1);
        assertThat(repository.breachesBetween(service, NOW.minusSeconds(86_400), NOW.plusSeconds(86_400))).hasSize(1);
    }

    @Test
    void breachesBetween_shouldReadOneServiceFromInclusiveToExclusive_byTheIndex() {
        // GIVEN breaches of two services around a day
        String service = "it-" + UUID.randomUUID();
        String other = "it-" + UUID.randomUUID();
        String a = "it#incident#" + UUID.randomUUID();
        String b = "it#incident#" + UUID.randomUUID();
        String c = "it#incident#" + UUID.randomUUID();
        repository.recordBreach(breach(a, SlaMetric.RESOLUTION, 0, service, "2031-05-04T23:59:59.999Z"));
        repository.recordBreach(breach(a, SlaMetric.RESPONSE, 0, service, "2031-05-05T00:00:00Z"));
        repository.recordBreach(breach(b, SlaMetric.RESOLUTION, 0, service, "2031-05-05T23:59:59.999Z"));
        repository.recordBreach(breach(c, SlaMetric.RESOLUTION, 0, service, "2031-05-06T00:00:00Z"));
        repository.recordBreach(breach(c, SlaMetric.RESPONSE, 0, other, "2031-05-05T12:00:00Z"));

        // WHEN
        List<SlaBreach> day = repository.breachesBetween(service, Instant.parse("2031-05-05T00:00:00Z"),
                Instant.parse("2031-05-06T00:00:00Z"));

        // THEN (the index is eventually consistent: DynamoDB Local applies it at once)
        assertThat(day).containsExactly(breach(a, SlaMetric.RESPONSE, 0, service, "2031-05-05T00:00:00Z"),
                breach(b, SlaMetric.RESOLUTION, 0, service, "2031-05-05T23:59:59.999Z"));
        assertThat(repository.breachesBetween(service, Instant.parse("2031-05-05T00:00:00.0005Z"),
                Instant.parse("2031-05-05T23:59:59.9995Z"))).as("bounds finer than the stored milliseconds")
                .extracting(SlaBreach::ticketKey).containsExactly(b);
        assertThat(repository.breachesBetween(service, Instant.parse("2031-05-05T12:00:00Z"),
                Instant.parse("2031-05-05T12:00:00Z"))).isEmpty();
    }

    @Test
    void replaceAndRemoveBreach_shouldApplyOnlyToTheBreachAsRead() {
        // GIVEN a recorded breach
        String key = "it#incident#" + UUID.randomUUID();
        String service = "it-" + UUID.randomUUID();
        String moved = "it-" + UUID.randomUUID();
        SlaBreach recorded = breach(key, SlaMetric.RESOLUTION, 0, service, "2031-05-05T16:00:00Z");
        repository.recordBreach(recorded);
        SlaBreach elsewhere = breach(key, SlaMetric.RESOLUTION, 0, moved, "2031-05-05T15:00:00Z");
        Instant from = Instant.parse("2031-05-05T00:00:00Z");
        Instant to = Instant.parse("2031-05-06T00:00:00Z");

        // WHEN / THEN a writer that read something else changes nothing
        assertThat(repository.replaceBreach(breach(key, SlaMetric.RESOLUTION, 0, service, "2031-05-05T16:00:01Z"), elsewhere)).isFalse();
        assertThat(repository.removeBreach(breach(key, SlaMetric.RESOLUTION, 0, moved, "2031-05-05T16:00:00Z"))).isFalse();
        // and one that read it moves it to the other service's index partition
        assertThat(repository.replaceBreach(recorded, elsewhere)).isTrue();
        assertThat(repository.breachesBetween(service, from, to)).isEmpty();
        assertThat(repository.breachesBetween(moved, from, to)).containsExactly(elsewhere);
        assertThat(repository.removeBreach(recorded)).as("no longer as read").isFalse();
        assertThat(repository.removeBreach(elsewhere)).isTrue();
        assertThat(repository.breachesBetween(moved, from, to)).isEmpty();
        assertThat(repository.load(key, "1").breaches()).isEmpty();
        assertThat(repository.removeBreach(elsewhere)).as("already removed").isFalse();
    }

    @Test
    void longestTicketKey_shouldHaveItsBreachFound() {
        String key = "it#incident#" + UUID.randomUUID() + "\u20ac".repeat(Ticket.MAX_ID_LENGTH - 36);
        String service = "it-" + UUID.randomUUID();
        SlaBreach breach = breach(key, SlaMetric.RESOLUTION, 0, service, "2031-05-05T16:00:00Z");

        assertThat(repository.recordBreach(breach)).isTrue();
        assertThat(repository.breachesBetween(service, NOW, NOW.plusSeconds(86_400))).containsExactly(breach);
    }
}
