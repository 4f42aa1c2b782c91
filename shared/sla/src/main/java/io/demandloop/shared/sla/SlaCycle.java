package io.demandloop.shared.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One cycle of one metric's clock of one ticket, as its history gives it: when it ran, under which policy (the
 * one of the priority the ticket had last in the cycle, applied from the cycle's start), and when each threshold
 * falls due. A running cycle's open interval extends without end, so its future thresholds have due instants too.
 *
 * @param metric     response or resolution
 * @param index      0 for the first cycle; a reopen with {@link ReopenRule#RESET} starts the next
 * @param policy     the policy that applies
 * @param priority   the priority the policy was chosen by
 * @param startedAt  when the cycle started
 * @param status     where the clock stands after the last version
 * @param stoppedAt  when it stopped or was cancelled; null while running or paused
 * @param running    the intervals in which the clock ran; the last one has a null end while running
 * @param thresholds every threshold with its due instant, null when the clock stopped short of it
 */
public record SlaCycle(SlaMetric metric, int index, SlaPolicies.Policy policy, int priority, Instant startedAt,
                       Status status, Instant stoppedAt, List<Interval> running, List<Due> thresholds) {

    /** Where the clock stands. */
    public enum Status { RUNNING, PAUSED, STOPPED, CANCELLED }

    public SlaCycle {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(policy, "policy");
        running = List.copyOf(running);
        thresholds = List.copyOf(thresholds);
    }

    /** The cycle's target. */
    public Duration target() {
        return policy.targets().get(metric);
    }

    /** The working time the clock ran up to {@code instant}. */
    public Duration elapsedAt(Instant instant) {
        Duration total = Duration.ZERO;
        for (Interval interval : running) {
            Instant end = interval.end() == null || interval.end().isAfter(instant) ? instant : interval.end();
            total = total.plus(policy.calendar().workingTimeBetween(interval.start(), end));
        }
        return total;
    }

    /** When the clock last started running, if it runs now; else null. */
    public Instant runningSince() {
        if (status != Status.RUNNING || running.isEmpty()) {
            return null;
        }
        return running.get(running.size() - 1).start();
    }

    /** The breach's due instant, or null when the clock stopped short of it. */
    public Instant breachAt() {
        for (Due due : thresholds) {
            if (due.percent() == SlaThreshold.BREACH) {
                return due.dueAt();
            }
        }
        return null;
    }

    /** Whether the cycle had stopped or been cancelled at {@code instant}. */
    public boolean endedBy(Instant instant) {
        return stoppedAt != null && !stoppedAt.isAfter(instant);
    }

    /** {@link SlaThreshold#id} of one of this cycle's thresholds. */
    public String thresholdId(int percent) {
        return SlaThreshold.id(metric, index, percent);
    }

    /**
     * An interval in which the clock ran.
     *
     * @param start its start
     * @param end   its end; null while the clock runs
     */
    public record Interval(Instant start, Instant end) {
    }

    /**
     * A threshold and when it falls due.
     *
     * @param percent the percentage of the target; 100 is the breach
     * @param dueAt   when the clock reaches it; null if it never does (the cycle ended first)
     */
    public record Due(int percent, Instant dueAt) {
    }
}
