package io.demandloop.shared.sla;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.demandloop.shared.ticket.TicketKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The SLA state of one ticket under one policy version, as stored: a summary of its cycles and the next due
 * instant of a threshold not yet handled (published or skipped). Derived entirely from the ticket's history,
 * the policies and the set of handled thresholds, so it can always be rebuilt.
 *
 * @param ticketKey     the ticket
 * @param policyVersion the policy version it was computed under
 * @param revision      increases with every write; writes are conditional on it
 * @param source        the ticket's tool
 * @param kind          its kind
 * @param number        its number; may be null
 * @param service       its service
 * @param priority      its latest priority
 * @param nextDue       the earliest due instant of a threshold not handled yet; null when none is pending
 * @param cycles        the cycles, in metric and cycle order
 */
public record SlaState(String ticketKey, String policyVersion, long revision, String source, TicketKind kind,
                       String number, String service, int priority, Instant nextDue, List<CycleState> cycles) {

    public SlaState {
        Objects.requireNonNull(ticketKey, "ticketKey");
        Objects.requireNonNull(policyVersion, "policyVersion");
        cycles = cycles == null ? List.of() : List.copyOf(cycles);
    }

    /**
     * The state of a ticket from its evaluation.
     *
     * @param latest  the ticket's newest version
     * @param cycles  its cycles ({@link SlaEvaluator#evaluate})
     * @param handled the ids ({@link SlaThreshold#id}) of thresholds already published or skipped
     */
    public static SlaState of(TicketVersion latest, String policyVersion, long revision, List<SlaCycle> cycles,
                              Set<String> handled) {
        Instant nextDue = null;
        List<CycleState> states = new ArrayList<>();
        for (SlaCycle cycle : cycles) {
            for (SlaCycle.Due due : cycle.thresholds()) {
                if (due.dueAt() != null && !handled.contains(cycle.thresholdId(due.percent()))
                        && (nextDue == null || due.dueAt().isBefore(nextDue))) {
                    nextDue = due.dueAt();
                }
            }
            states.add(CycleState.of(cycle));
        }
        return new SlaState(latest.ticketKey(), policyVersion, revision, latest.source(), latest.kind(), latest.number(),
                latest.service(), latest.priority(), nextDue, states);
    }

    /** Whether a clock of the ticket still runs or is paused, or a threshold is pending. */
    public boolean active() {
        return nextDue != null || cycles.stream().anyMatch(c -> c.stoppedAt() == null);
    }

    /** The same state with another revision. */
    public SlaState withRevision(long newRevision) {
        return new SlaState(ticketKey, policyVersion, newRevision, source, kind, number, service, priority, nextDue, cycles);
    }

    /**
     * How one metric stands at {@code asOf}: breached if any cycle had breached by then, else the outcome of the
     * latest cycle started by then; null when no cycle of the metric had started.
     */
    public SlaOutcome outcome(SlaMetric metric, Instant asOf) {
        SlaOutcome latest = null;
        for (CycleState cycle : cycles.stream().filter(c -> c.metric() == metric)
                .sorted(Comparator.comparingInt(CycleState::cycle)).toList()) {
            SlaOutcome outcome = cycle.outcomeAt(asOf);
            if (outcome == SlaOutcome.BREACHED) {
                return outcome;
            }
            if (outcome != null) {
                latest = outcome;
            }
        }
        return latest;
    }

    /**
     * One cycle, summarised.
     *
     * @param metric       response or resolution
     * @param cycle        its index
     * @param policy       the policy's name
     * @param priority     the priority the policy was chosen by
     * @param target       the target
     * @param calendar     the calendar's name
     * @param startedAt    when the cycle started
     * @param status       running, paused, stopped or cancelled
     * @param stoppedAt    when it stopped; null while running or paused
     * @param elapsed      working time on the clock, up to {@code runningSince} while running
     * @param runningSince while running, since when; else null
     * @param breachAt     when it breaches or breached; null when it stopped short
     */
    public record CycleState(SlaMetric metric, int cycle, String policy, int priority,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Duration target, String calendar,
                             Instant startedAt, SlaCycle.Status status, Instant stoppedAt,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Duration elapsed,
                             Instant runningSince, Instant breachAt) {

        static CycleState of(SlaCycle cycle) {
            Duration closed = Duration.ZERO;
            for (SlaCycle.Interval interval : cycle.running()) {
                if (interval.end() != null) {
                    closed = closed.plus(cycle.policy().calendar().workingTimeBetween(interval.start(), interval.end()));
                }
            }
            return new CycleState(cycle.metric(), cycle.index(), cycle.policy().name(), cycle.priority(), cycle.target(),
                    cycle.policy().calendar().name(), cycle.startedAt(), cycle.status(), cycle.stoppedAt(), closed,
                    cycle.runningSince(), cycle.breachAt());
        }

        /** The cycle's outcome at {@code asOf}; null if it had not started. */
        public SlaOutcome outcomeAt(Instant asOf) {
            if (startedAt.isAfter(asOf)) {
                return null;
            }
            if (breachAt != null && !breachAt.isAfter(asOf)) {
                return SlaOutcome.BREACHED;
            }
            if (stoppedAt != null && !stoppedAt.isAfter(asOf)) {
                return status == SlaCycle.Status.CANCELLED ? SlaOutcome.CANCELLED : SlaOutcome.MET;
            }
            return SlaOutcome.IN_PROGRESS;
        }
    }
}
