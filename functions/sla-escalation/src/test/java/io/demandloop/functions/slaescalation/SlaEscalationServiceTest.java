package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.incident;
import static io.demandloop.functions.slaescalation.SlaFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaClaim;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaEventDetail;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.TicketState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlaEscalationServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);

    private final InMemorySlaRepository repository = new InMemorySlaRepository();
    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final SlaTrackingService tracking = new SlaTrackingService(repository, SlaFixtures.evaluator());
    private final SlaEscalationService escalation = new SlaEscalationService(repository, bus, SlaFixtures.evaluator(), CLOCK);

    private static List<String> ids(List<BusEvent> events) {
        return events.stream().map(e -> detail(e).get("id").asText()).toList();
    }

    private static JsonNode detail(BusEvent event) {
        try {
            return Json.mapper().readTree(event.detailJson());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void run_shouldPublishEachDueThresholdOnce_andARerunNothing() {
        // GIVEN a P2 incident (8 h resolution, 30 min response, 24x7) open since 08:00
        tracking.track(incident("a", 2, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));

        // WHEN the escalation runs at 12:05 (50 % of the resolution target was due at 12:00)
        SlaEscalationService.EscalationRun run = escalation.run(Instant.parse("2026-11-16T12:05:00Z"), "run-1");

        // THEN the response thresholds and the resolution's 50 % went out, each once, in due order
        String k = key("a");
        assertThat(ids(bus.published())).containsExactly(k + "#response#0#50", k + "#response#0#75",
                k + "#response#0#100", k + "#resolution#0#50");
        assertThat(bus.published()).extracting(BusEvent::source).containsOnly(EventNames.SLA_SOURCE);
        assertThat(bus.published()).extracting(BusEvent::detailType).containsExactly(EventNames.SLA_AT_RISK,
                EventNames.SLA_AT_RISK, EventNames.SLA_BREACHED, EventNames.SLA_AT_RISK);
        assertThat(run.published()).hasSize(4);

        // and the same run again, or a later one before the next threshold, publishes nothing
        escalation.run(Instant.parse("2026-11-16T12:05:00Z"), "run-2");
        escalation.run(Instant.parse("2026-11-16T13:59:00Z"), "run-3");
        assertThat(bus.published()).hasSize(4);
        // and the state points at the next threshold
        assertThat(repository.state(k, "1").orElseThrow().nextDue()).isEqualTo("2026-11-16T14:00:00Z");
    }

    @Test
    void event_shouldCarryWhatAResponderNeeds() {
        tracking.track(incident("b", 1, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        tracking.track(incident("b", 1, TicketState.IN_PROGRESS, 1, "2026-11-16T08:00:00Z", "2026-11-16T08:05:00Z"));

        escalation.run(Instant.parse("2026-11-16T12:10:00Z"), "run-1");

        BusEvent breach = bus.published().stream().filter(e -> e.detailType().equals(EventNames.SLA_BREACHED)).findFirst().orElseThrow();
        JsonNode detail = detail(breach);
        assertThat(detail.get("ticket").asText()).isEqualTo(key("b"));
        assertThat(detail.get("number").asText()).isEqualTo("INCb");
        assertThat(detail.get("service").asText()).isEqualTo("Email");
        assertThat(detail.get("priority").asInt()).isEqualTo(1);
        assertThat(detail.get("policy").asText()).isEqualTo("incident-p1");
        assertThat(detail.get("policyVersion").asText()).isEqualTo("1");
        assertThat(detail.get("metric").asText()).isEqualTo("resolution");
        assertThat(detail.get("threshold").asInt()).isEqualTo(100);
        assertThat(detail.get("dueAt").asText()).isEqualTo("2026-11-16T12:00:00Z");
        assertThat(detail.get("target").asText()).isEqualTo("PT4H");
        assertThat(detail.get("elapsed").asText()).isEqualTo("PT4H10M");
        assertThat(detail.get("elapsedPercent").asInt()).isEqualTo(104);
        assertThat(detail.get("link").asText()).isEqualTo("https://example.service-now.com/incident.do?sys_id=b");
    }

    @Test
    void pausedTicket_shouldNotEscalate_untilItResumes() {
        // GIVEN a P2 put on hold after an hour
        tracking.track(incident("c", 2, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        tracking.track(incident("c", 2, TicketState.ON_HOLD, 1, "2026-11-16T08:00:00Z", "2026-11-16T08:10:00Z"));
        escalation.run(Instant.parse("2026-11-16T08:10:00Z"), "run-0");
        int before = bus.published().size();

        // WHEN runs go by during the hold, far beyond when it would have breached
        escalation.run(Instant.parse("2026-11-17T09:00:00Z"), "run-1");

        // THEN nothing about the resolution went out
        assertThat(bus.published()).hasSize(before);
        assertThat(repository.state(key("c"), "1").orElseThrow().nextDue()).isNull();

        // WHEN it resumes the next day at 09:00: 10 minutes used, 50 % (4 h) due at 12:50
        tracking.track(incident("c", 2, TicketState.IN_PROGRESS, 2, "2026-11-16T08:00:00Z", "2026-11-17T09:00:00Z"));
        escalation.run(Instant.parse("2026-11-17T12:49:00Z"), "run-2");
        assertThat(bus.published()).hasSize(before);
        escalation.run(Instant.parse("2026-11-17T12:50:00Z"), "run-3");
        assertThat(ids(bus.published().subList(before, bus.published().size()))).containsExactly(key("c") + "#resolution#0#50");
    }

    @Test
    void raisedPriority_shouldEscalateAtOnce_whenTheNewTargetIsAlreadyUsedUp() {
        // GIVEN a P4 (business hours) in progress since Monday 09:00; nothing due by noon under P4
        tracking.track(incident("d", 4, TicketState.IN_PROGRESS, 0, "2026-11-16T09:00:00Z", "2026-11-16T09:00:00Z"));
        escalation.run(Instant.parse("2026-11-16T12:00:00Z"), "run-1");
        assertThat(bus.published()).isEmpty();

        // WHEN it is raised to P1 (4 h around the clock) at 12:30: retargeted from 09:00, 3.5 h are used
        tracking.track(incident("d", 1, TicketState.IN_PROGRESS, 1, "2026-11-16T09:00:00Z", "2026-11-16T12:30:00Z"));
        escalation.run(Instant.parse("2026-11-16T12:35:00Z"), "run-2");

        // THEN the P1 warnings that fell due at 11:00 and 12:00 go out now, and the breach at 13:00 later
        assertThat(ids(bus.published())).containsExactly(key("d") + "#resolution#0#50", key("d") + "#resolution#0#75");
        assertThat(detail(bus.published().get(0)).get("policy").asText()).isEqualTo("incident-p1");
        assertThat(repository.state(key("d"), "1").orElseThrow().nextDue()).isEqualTo("2026-11-16T13:00:00Z");
    }

    @Test
    void reopenedTicket_shouldEscalateTheResumedClock_once() {
        // GIVEN a P2 resolved after 3 h, then reopened 2 h later (resolution resumes by default)
        tracking.track(incident("e", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        tracking.track(incident("e", 2, TicketState.RESOLVED, 1, "2026-11-16T08:00:00Z", "2026-11-16T11:00:00Z"));
        escalation.run(Instant.parse("2026-11-16T12:00:00Z"), "run-1");
        assertThat(bus.published()).isEmpty();
        tracking.track(incident("e", 2, TicketState.IN_PROGRESS, 2, "2026-11-16T08:00:00Z", "2026-11-16T13:00:00Z"));

        // WHEN runs go on: 50 % (4 h) falls due an hour after the reopen
        escalation.run(Instant.parse("2026-11-16T14:00:00Z"), "run-2");
        escalation.run(Instant.parse("2026-11-16T14:05:00Z"), "run-3");

        // THEN once
        assertThat(ids(bus.published())).containsExactly(key("e") + "#resolution#0#50");
    }

    @Test
    void twoOverlappingRuns_shouldPublishEveryEventOnce() throws Exception {
        // GIVEN three open P1 incidents with thresholds due
        for (String id : List.of("f1", "f2", "f3")) {
            tracking.track(incident(id, 1, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        }
        // and a first run that stalls inside its first publish
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        EventPublisher stalling = events -> {
            if (stalled.getCount() > 0) {
                stalled.countDown();
                await(goOn);
            }
            return bus.publish(events);
        };
        SlaEscalationService first = new SlaEscalationService(repository, stalling, SlaFixtures.evaluator(), CLOCK);
        CompletableFuture<SlaEscalationService.EscalationRun> firstRun =
                CompletableFuture.supplyAsync(() -> first.run(Instant.parse("2026-11-16T13:00:00Z"), "run-A"));
        assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

        // WHEN a second run for the same instant runs to its end meanwhile, then the first one finishes
        SlaEscalationService.EscalationRun secondRun = escalation.run(Instant.parse("2026-11-16T13:00:00Z"), "run-B");
        goOn.countDown();
        SlaEscalationService.EscalationRun firstResult = firstRun.get(10, TimeUnit.SECONDS);

        // THEN every threshold went out exactly once, split between the runs (6 per ticket: 3 response, 3 resolution)
        List<String> published = ids(bus.published());
        assertThat(published).hasSize(18).doesNotHaveDuplicates();
        assertThat(firstResult.published()).isNotEmpty();
        assertThat(firstResult.published().size() + secondRun.published().size()).isEqualTo(18);
        assertThat(repository.claims()).allMatch(c -> c.status() == SlaClaim.Status.PUBLISHED);
    }

    @Test
    void runAfterAThreeDayOutage_shouldCatchUpOnEverythingThatFellDue() {
        // GIVEN tickets that crossed thresholds while no run happened from Monday 08:00 to Thursday 08:00
        escalation.run(Instant.parse("2026-11-16T08:00:00Z"), "before-outage");
        tracking.track(incident("g1", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T09:00:00Z", "2026-11-16T09:00:00Z"));
        // resolved within its target, but after its 50 % and 75 % marks
        tracking.track(incident("g2", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T09:00:00Z", "2026-11-16T09:00:00Z"));
        tracking.track(incident("g2", 2, TicketState.RESOLVED, 1, "2026-11-16T09:00:00Z", "2026-11-16T16:00:00Z"));
        // resolved after its breach
        tracking.track(incident("g3", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T09:00:00Z", "2026-11-16T09:00:00Z"));
        tracking.track(incident("g3", 2, TicketState.RESOLVED, 1, "2026-11-16T09:00:00Z", "2026-11-17T09:00:00Z"));
        // a P3 on business hours opened Wednesday 15:00: 2 working hours used by Thursday 08:00 (of 24)
        tracking.track(incident("g4", 3, TicketState.IN_PROGRESS, 0, "2026-11-18T15:00:00Z", "2026-11-18T15:00:00Z"));

        // WHEN the first run after the outage happens
        SlaEscalationService.EscalationRun run = escalation.run(Instant.parse("2026-11-19T08:00:00Z"), "after-outage");

        // THEN the still-open ticket gets all three, in order; the one resolved after its breach gets the breach;
        // the warnings of both resolved ones are recorded as skipped, not sent; the P3 has nothing due yet
        assertThat(ids(bus.published())).containsExactly(
                key("g1") + "#resolution#0#50", key("g1") + "#resolution#0#75", key("g1") + "#resolution#0#100",
                key("g3") + "#resolution#0#100");
        assertThat(run.skipped()).isEqualTo(4);
        assertThat(repository.claims()).filteredOn(c -> c.ticketKey().equals(key("g2")))
                .extracting(SlaClaim::status).containsOnly(SlaClaim.Status.SKIPPED);
        // (its 50 %, 12 working hours: Wednesday 2, Thursday 8, Friday 2, falls due on Friday at 11:00)
        assertThat(repository.state(key("g4"), "1").orElseThrow().nextDue()).isEqualTo("2026-11-20T11:00:00Z");

        // and the next regular run publishes nothing again
        escalation.run(Instant.parse("2026-11-19T08:05:00Z"), "next");
        assertThat(bus.published()).hasSize(4);
    }

    @Test
    void claimLeftUnconfirmedByACrashedRun_shouldBePublishedOnlyAfterItsLease() {
        // GIVEN a run that died after claiming (and perhaps publishing) its first threshold
        tracking.track(incident("h", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        String thresholdId = "resolution#0#50";
        Instant crashTime = CLOCK.instant();
        assertThat(repository.claim(key("h"), thresholdId, "1", "crashed-run", crashTime, crashTime.plus(SlaEscalationService.LEASE))).isTrue();

        // WHEN another run comes within the lease: it leaves the claim alone
        escalation.run(Instant.parse("2026-11-16T12:05:00Z"), "run-1");
        assertThat(bus.published()).isEmpty();

        // WHEN a run comes after the lease ran out
        Clock later = Clock.offset(CLOCK, SlaEscalationService.LEASE.plusSeconds(1));
        new SlaEscalationService(repository, bus, SlaFixtures.evaluator(), later).run(Instant.parse("2026-11-16T12:10:00Z"), "run-2");

        // THEN it publishes the unconfirmed threshold, once
        assertThat(ids(bus.published())).containsExactly(key("h") + "#resolution#0#50");
        escalation.run(Instant.parse("2026-11-16T12:15:00Z"), "run-3");
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void refusedPublish_shouldFailTheRun_andBePublishedByTheRetry() {
        tracking.track(incident("i", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        RecordingEventPublisher refusing = new RecordingEventPublisher();
        refusing.refuseEverything();

        assertThatThrownBy(() -> new SlaEscalationService(repository, refusing, SlaFixtures.evaluator(), CLOCK)
                .run(Instant.parse("2026-11-16T12:05:00Z"), "run-1"))
                .isInstanceOf(PublishException.class).hasMessageContaining("1 SLA event(s) were refused");

        escalation.run(Instant.parse("2026-11-16T12:05:00Z"), "retry");
        assertThat(ids(bus.published())).containsExactly(key("i") + "#resolution#0#50");
    }

    @Test
    void replay_shouldBuildStateUnderTheNewPolicyVersion_keepingTheOldOne_andNotRepublishing() {
        // GIVEN a P2 escalated at 50 % under policy version 1
        tracking.track(incident("j", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        escalation.run(Instant.parse("2026-11-16T12:05:00Z"), "run-1");
        assertThat(bus.published()).hasSize(1);

        // WHEN version 2 halves the P2 target (4 h) and the old version's tickets are replayed under it
        SlaPolicies v2 = SlaPolicies.from(DemandloopConfig.fromYaml("""
                sla:
                  policyVersion: "2"
                  policies:
                    - {name: incident-p2-v2, kinds: [incident], priorities: [2], calendar: 24x7, resolution: PT4H}
                """));
        SlaEscalationService underV2 = new SlaEscalationService(repository, bus, new SlaEvaluator(v2), CLOCK);
        assertThat(underV2.replay("1")).isEqualTo(1);

        // THEN the state under version 2 exists next to the untouched one of version 1
        assertThat(repository.state(key("j"), "2").orElseThrow().cycles().get(0).policy()).isEqualTo("incident-p2-v2");
        assertThat(repository.state(key("j"), "1").orElseThrow().cycles()).extracting(c -> c.policy())
                .containsOnly("incident-p2");
        // and a run under version 2 sends the 75 % and the breach, but not the 50 % again
        underV2.run(Instant.parse("2026-11-16T12:10:00Z"), "run-2");
        assertThat(ids(bus.published())).containsExactly(key("j") + "#resolution#0#50",
                key("j") + "#resolution#0#75", key("j") + "#resolution#0#100");
        SlaEventDetail last = Json.mapper().convertValue(detail(bus.published().get(2)), SlaEventDetail.class);
        assertThat(last.policyVersion()).isEqualTo("2");
        assertThat(last.elapsed()).isEqualTo(Duration.ofMinutes(250).toString());
    }

    @Test
    void breachOfARunningClock_shouldBeRecordedByTheRunThatClaimsIt_once() {
        // GIVEN a P2 (response 30 min, resolution 8 h) open since 08:00 with no version since: only a run can tell
        // that its due instants have passed
        tracking.track(incident("k", 2, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        assertThat(repository.breaches()).isEmpty();

        // WHEN a run passes the response's due instant (08:30)
        escalation.run(Instant.parse("2026-11-16T08:35:00Z"), "run-1");

        // THEN that run records the response breach
        SlaBreach response = new SlaBreach(key("k"), SlaMetric.RESPONSE, 0, "Email", Instant.parse("2026-11-16T08:30:00Z"));
        assertThat(repository.breaches()).containsExactly(response);

        // WHEN later runs pass the resolution's (16:00), one of them twice
        escalation.run(Instant.parse("2026-11-16T16:05:00Z"), "run-2");
        escalation.run(Instant.parse("2026-11-16T16:05:00Z"), "run-3");
        escalation.run(Instant.parse("2026-11-16T16:10:00Z"), "run-4");

        // THEN each breach is recorded once, at its due instant
        assertThat(repository.breaches()).containsExactlyInAnyOrder(response,
                new SlaBreach(key("k"), SlaMetric.RESOLUTION, 0, "Email", Instant.parse("2026-11-16T16:00:00Z")));
        assertThat(repository.breachWrites()).isEqualTo(2);
    }

    @Test
    void lateResolutionBeforeAnyRun_shouldBeRecordedByTheTracker_andNotAgainByTheRunThatPublishesIt() {
        // GIVEN a P1 (resolution 4 h) resolved at 13:00, an hour after its due instant, before any run saw it
        tracking.track(incident("l", 1, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        tracking.track(incident("l", 1, TicketState.RESOLVED, 1, "2026-11-16T08:00:00Z", "2026-11-16T13:00:00Z"));
        assertThat(repository.breaches()).containsExactly(
                new SlaBreach(key("l"), SlaMetric.RESOLUTION, 0, "Email", Instant.parse("2026-11-16T12:00:00Z")));
        int writes = repository.breachWrites();

        // WHEN the next run comes
        escalation.run(Instant.parse("2026-11-16T13:05:00Z"), "run-1");

        // THEN it publishes the breach (late warnings are skipped) and records nothing more
        assertThat(ids(bus.published())).containsExactly(key("l") + "#resolution#0#100");
        assertThat(repository.breachWrites()).isEqualTo(writes);
    }

    @Test
    void replay_shouldKeepOneBreachPerTicketMetricAndCycle_atTheCurrentPolicysInstant() {
        // GIVEN a P2 (resolution 8 h: due 16:00) resolved at 17:00 under policy version 1, its breach published
        tracking.track(incident("m", 2, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        tracking.track(incident("m", 2, TicketState.RESOLVED, 1, "2026-11-16T08:00:00Z", "2026-11-16T17:00:00Z"));
        escalation.run(Instant.parse("2026-11-16T17:05:00Z"), "run-1");

        // WHEN version 2 halves the target (due 12:00), the tickets are replayed under it twice, and a run follows
        SlaPolicies v2 = SlaPolicies.from(DemandloopConfig.fromYaml("""
                sla:
                  policyVersion: "2"
                  policies:
                    - {name: incident-p2-v2, kinds: [incident], priorities: [2], calendar: 24x7, resolution: PT4H}
                """));
        SlaEscalationService underV2 = new SlaEscalationService(repository, bus, new SlaEvaluator(v2), CLOCK);
        underV2.replay("1");
        underV2.replay("1");
        underV2.run(Instant.parse("2026-11-16T17:10:00Z"), "run-2");

        // THEN the cycle still has one breach, at the instant the current policies give; its event went out once
        assertThat(repository.breaches()).containsExactly(
                new SlaBreach(key("m"), SlaMetric.RESOLUTION, 0, "Email", Instant.parse("2026-11-16T12:00:00Z")));
        assertThat(ids(bus.published())).containsExactly(key("m") + "#resolution#0#100");
    }

    @Test
    void replayOfTheCurrentVersion_shouldRecordTheBreachesOfTicketsTrackedBeforeBreachesWere() {
        // GIVEN a ticket resolved late and one whose running clock's breach a run published, as tracked before
        // breaches were recorded (simulated: their breach items removed)
        tracking.track(incident("n1", 1, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        tracking.track(incident("n1", 1, TicketState.RESOLVED, 1, "2026-11-16T08:00:00Z", "2026-11-16T13:00:00Z"));
        tracking.track(incident("n2", 1, TicketState.IN_PROGRESS, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"));
        escalation.run(Instant.parse("2026-11-16T13:05:00Z"), "run-1");
        List<SlaBreach> recorded = repository.breaches();
        assertThat(recorded).hasSize(2);
        recorded.forEach(repository::removeBreach);

        // WHEN the tickets of the current policy version are replayed (the backfill of docs/sla.md)
        escalation.replay("1");

        // THEN both breaches are back, once
        assertThat(repository.breaches()).containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(ids(bus.published())).filteredOn(id -> id.endsWith("#100"))
                .containsExactlyInAnyOrder(key("n1") + "#resolution#0#100", key("n2") + "#resolution#0#100");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not release the stalled run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
