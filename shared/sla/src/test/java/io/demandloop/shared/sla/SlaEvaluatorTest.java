package io.demandloop.shared.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clocks of a ticket from its history, with the default policies (P1/P2 24x7, P3 business hours UTC). */
class SlaEvaluatorTest {

    private final SlaEvaluator evaluator = new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults()));
    private final List<TicketVersion> history = new ArrayList<>();
    private static final String OPENED = "2026-11-16T08:00:00Z"; // a Monday

    private void version(int priority, TicketState state, String at) {
        history.add(new TicketVersion("servicenow#incident#1", "servicenow", TicketKind.INCIDENT, "INC1", "Email", priority,
                state, Instant.parse(OPENED), Instant.parse(at), history.size(), "https://example/1"));
    }

    private SlaCycle cycle(SlaMetric metric, int index) {
        return evaluator.evaluate(history).stream().filter(c -> c.metric() == metric && c.index() == index).findFirst().orElseThrow();
    }

    private static Instant due(SlaCycle cycle, int percent) {
        return cycle.thresholds().stream().filter(d -> d.percent() == percent).findFirst().orElseThrow().dueAt();
    }

    private static Instant breach(SlaCycle cycle) {
        return cycle.breachAt();
    }

    @Test
    void openTicket_shouldHaveEveryThresholdDue_fromItsOpening() {
        version(2, TicketState.OPEN, OPENED);

        SlaCycle resolution = cycle(SlaMetric.RESOLUTION, 0);
        assertThat(resolution.policy().name()).isEqualTo("incident-p2");
        assertThat(resolution.status()).isEqualTo(SlaCycle.Status.RUNNING);
        assertThat(due(resolution, 50)).isEqualTo("2026-11-16T12:00:00Z");
        assertThat(due(resolution, 75)).isEqualTo("2026-11-16T14:00:00Z");
        assertThat(due(resolution, 100)).isEqualTo("2026-11-16T16:00:00Z");
        assertThat(due(cycle(SlaMetric.RESPONSE, 0), 100)).isEqualTo("2026-11-16T08:30:00Z");
    }

    @Test
    void onHold_shouldPauseTheResolutionClock_andInProgressResumeIt() {
        version(2, TicketState.OPEN, OPENED);
        version(2, TicketState.ON_HOLD, "2026-11-16T09:00:00Z");
        version(2, TicketState.IN_PROGRESS, "2026-11-16T11:00:00Z");

        SlaCycle resolution = cycle(SlaMetric.RESOLUTION, 0);
        // 1 h before the hold, 2 h paused: 8 h target reached 2 h later than without the hold
        assertThat(due(resolution, 100)).isEqualTo("2026-11-16T18:00:00Z");
        assertThat(resolution.elapsedAt(Instant.parse("2026-11-16T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
        // the response clock stopped at the hold: responded after an hour, past its 30 min target
        SlaCycle response = cycle(SlaMetric.RESPONSE, 0);
        assertThat(response.status()).isEqualTo(SlaCycle.Status.STOPPED);
        assertThat(response.stoppedAt()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(due(response, 100)).isEqualTo("2026-11-16T08:30:00Z");
    }

    @Test
    void resolvedTicket_shouldHaveNoDueThresholdBeyondItsResolution() {
        version(2, TicketState.OPEN, OPENED);
        version(2, TicketState.RESOLVED, "2026-11-16T13:00:00Z");

        SlaCycle resolution = cycle(SlaMetric.RESOLUTION, 0);
        assertThat(resolution.status()).isEqualTo(SlaCycle.Status.STOPPED);
        assertThat(due(resolution, 50)).isEqualTo("2026-11-16T12:00:00Z");
        assertThat(due(resolution, 75)).isNull();
        assertThat(resolution.breachAt()).isNull();
    }

    @Test
    void reopen_shouldResumeTheSameCycle_keepingTheElapsedTime_byDefault() {
        version(2, TicketState.OPEN, OPENED);
        version(2, TicketState.RESOLVED, "2026-11-16T10:00:00Z");
        version(2, TicketState.IN_PROGRESS, "2026-11-16T12:00:00Z");

        List<SlaCycle> cycles = evaluator.evaluate(history).stream().filter(c -> c.metric() == SlaMetric.RESOLUTION).toList();
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).status()).isEqualTo(SlaCycle.Status.RUNNING);
        // 2 h before the resolution, then from 12:00 the remaining 6 h
        assertThat(due(cycles.get(0), 100)).isEqualTo("2026-11-16T18:00:00Z");
    }

    @Test
    void reopen_shouldStartANewCycleFromZero_whenConfiguredToReset() {
        SlaEvaluator resetting = new SlaEvaluator(SlaPolicies.from(DemandloopConfig.fromYaml("""
                sla:
                  clocks: {resolution: {onReopen: reset}}
                """)));
        version(2, TicketState.OPEN, OPENED);
        version(2, TicketState.RESOLVED, "2026-11-16T10:00:00Z");
        version(2, TicketState.IN_PROGRESS, "2026-11-16T12:00:00Z");

        List<SlaCycle> cycles = resetting.evaluate(history).stream().filter(c -> c.metric() == SlaMetric.RESOLUTION).toList();
        assertThat(cycles).extracting(SlaCycle::index).containsExactly(0, 1);
        assertThat(cycles.get(0).status()).isEqualTo(SlaCycle.Status.STOPPED);
        assertThat(cycles.get(1).startedAt()).isEqualTo("2026-11-16T12:00:00Z");
        assertThat(due(cycles.get(1), 100)).isEqualTo("2026-11-16T20:00:00Z");
        assertThat(cycles.get(1).thresholdId(100)).isEqualTo("resolution#1#100");
    }

    @Test
    void raisedPriority_shouldRetargetFromTheStart_keepingTheElapsedTime() {
        // GIVEN a P3 (business hours, 24 h) opened Monday 09:00, raised to P1 (24x7, 4 h) at 12:00
        history.clear();
        history.add(new TicketVersion("k", "s", TicketKind.INCIDENT, null, "Email", 3, TicketState.OPEN,
                Instant.parse("2026-11-16T09:00:00Z"), Instant.parse("2026-11-16T09:00:00Z"), 0, null));
        history.add(new TicketVersion("k", "s", TicketKind.INCIDENT, null, "Email", 1, TicketState.IN_PROGRESS,
                Instant.parse("2026-11-16T09:00:00Z"), Instant.parse("2026-11-16T12:00:00Z"), 1, null));

        SlaCycle resolution = cycle(SlaMetric.RESOLUTION, 0);

        // THEN the P1 target counts from 09:00: 3 h are already used, so the 50 % mark lies in the past
        assertThat(resolution.policy().name()).isEqualTo("incident-p1");
        assertThat(resolution.startedAt()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(due(resolution, 50)).isEqualTo("2026-11-16T11:00:00Z");
        assertThat(due(resolution, 100)).isEqualTo("2026-11-16T13:00:00Z");
        assertThat(resolution.elapsedAt(Instant.parse("2026-11-16T12:00:00Z"))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void loweredPriority_shouldRetargetInTheNewPolicysCalendar() {
        history.add(new TicketVersion("k", "s", TicketKind.INCIDENT, null, "Email", 1, TicketState.OPEN,
                Instant.parse("2026-11-16T09:00:00Z"), Instant.parse("2026-11-16T09:00:00Z"), 0, null));
        history.add(new TicketVersion("k", "s", TicketKind.INCIDENT, null, "Email", 3, TicketState.IN_PROGRESS,
                Instant.parse("2026-11-16T09:00:00Z"), Instant.parse("2026-11-16T10:00:00Z"), 1, null));

        SlaCycle resolution = cycle(SlaMetric.RESOLUTION, 0);

        // 24 business hours from Monday 09:00: Monday, Tuesday, Wednesday 09:00-17:00
        assertThat(resolution.policy().name()).isEqualTo("incident-p3");
        assertThat(due(resolution, 100)).isEqualTo("2026-11-18T17:00:00Z");
    }

    @Test
    void ticketOpenedOnASaturday_shouldStartItsBusinessClockOnMonday() {
        history.add(new TicketVersion("k", "s", TicketKind.INCIDENT, null, "Email", 3, TicketState.OPEN,
                Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:00:00Z"), 0, null));

        assertThat(due(cycle(SlaMetric.RESPONSE, 0), 100)).isEqualTo("2026-11-23T11:00:00Z");
    }

    @Test
    void versionsInAnyOrder_shouldGiveTheSameCycles() {
        version(2, TicketState.OPEN, OPENED);
        version(2, TicketState.ON_HOLD, "2026-11-16T09:00:00Z");
        version(1, TicketState.IN_PROGRESS, "2026-11-16T11:00:00Z");
        version(1, TicketState.RESOLVED, "2026-11-16T12:00:00Z");
        List<SlaCycle> inOrder = evaluator.evaluate(history);

        List<TicketVersion> shuffled = new ArrayList<>(history);
        Collections.reverse(shuffled);
        shuffled.add(history.get(1)); // a redelivery

        assertThat(evaluator.evaluate(shuffled)).isEqualTo(inOrder);
    }

    @Test
    void cancelledTicket_shouldEndItsClocksWithoutAResult() {
        version(2, TicketState.OPEN, OPENED);
        version(2, TicketState.CANCELLED, "2026-11-16T08:10:00Z");

        SlaCycle resolution = cycle(SlaMetric.RESOLUTION, 0);
        assertThat(resolution.status()).isEqualTo(SlaCycle.Status.CANCELLED);
        SlaState state = SlaState.of(history.get(1), "1", 1, evaluator.evaluate(history), java.util.Set.of());
        assertThat(state.outcome(SlaMetric.RESOLUTION, Instant.parse("2026-11-17T00:00:00Z"))).isEqualTo(SlaOutcome.CANCELLED);
        assertThat(state.nextDue()).isNull();
        assertThat(state.active()).isFalse();
    }

    @Test
    void ticketWithoutPolicy_shouldHaveNoCycles() {
        history.add(new TicketVersion("k", "s", TicketKind.CHANGE, null, "Email", 3, TicketState.OPEN,
                Instant.parse(OPENED), Instant.parse(OPENED), 0, null));

        assertThat(evaluator.evaluate(history)).isEmpty();
    }
}
