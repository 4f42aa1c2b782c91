package io.demandloop.shared.sla;

import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The SLA clocks of a ticket as a pure function of its history (its versions) and the policies: the same
 * history gives the same cycles, whatever order the versions arrived in and whenever it is computed.
 *
 * <p>The timeline: the ticket is open from {@code openedAt}; each version's state holds from its {@link
 * TicketVersion#at} (clamped so that time never runs backwards in version order) until the next version's.
 * Versions in between that were never delivered are unknown and cannot count.
 *
 * <p>Priority changes re-target retroactively: a cycle is measured against the policy of the priority the
 * ticket had last within the cycle, from the cycle's start, with the working time already elapsed kept (and
 * counted in that policy's calendar).
 */
public final class SlaEvaluator {

    private final SlaPolicies policies;

    public SlaEvaluator(SlaPolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** The policies this evaluator applies. */
    public SlaPolicies policies() {
        return policies;
    }

    /**
     * Every cycle of every metric of the ticket whose versions are given, in metric and cycle order. Empty when
     * there are no versions or no policy applies.
     */
    public List<SlaCycle> evaluate(List<TicketVersion> history) {
        if (history.isEmpty()) {
            return List.of();
        }
        // One entry per source version (a duplicate delivery is the same version), in version order.
        Map<Long, TicketVersion> byVersion = new TreeMap<>();
        for (TicketVersion version : history) {
            byVersion.putIfAbsent(version.sourceVersion(), version);
        }
        List<TicketVersion> versions = new ArrayList<>(byVersion.values());
        TicketVersion latest = versions.get(versions.size() - 1);
        List<Step> steps = new ArrayList<>();
        Instant openedAt = latest.openedAt();
        // The ticket was open, at the first known priority, from its opening until the first version we have.
        steps.add(new Step(openedAt, TicketState.OPEN, versions.get(0).priority()));
        Instant previous = openedAt;
        for (TicketVersion version : versions) {
            Instant at = version.at().isBefore(previous) ? previous : version.at();
            steps.add(new Step(at, version.state(), version.priority()));
            previous = at;
        }
        List<SlaCycle> cycles = new ArrayList<>();
        for (SlaMetric metric : SlaMetric.values()) {
            for (CycleBuilder cycle : run(policies.clock(metric), steps)) {
                SlaPolicies.Policy policy = policies.policyFor(latest.kind(), cycle.priority, latest.service()).orElse(null);
                if (policy == null || !policy.targets().containsKey(metric)) {
                    continue;
                }
                cycles.add(cycle.build(metric, policy));
            }
        }
        cycles.sort(Comparator.comparing(SlaCycle::metric).thenComparingInt(SlaCycle::index));
        return cycles;
    }

    private static List<CycleBuilder> run(ClockConditions clock, List<Step> steps) {
        List<CycleBuilder> cycles = new ArrayList<>();
        CycleBuilder current = null;
        for (Step step : steps) {
            ClockConditions.Effect effect = clock.effect(step.state());
            if (current == null) {
                current = new CycleBuilder(0, step.at());
                cycles.add(current);
                current.apply(effect, step);
            } else if (current.ended()) {
                boolean reopened = effect == ClockConditions.Effect.RUN || effect == ClockConditions.Effect.PAUSE;
                if (!reopened || clock.onReopen() == ReopenRule.NONE) {
                    continue;
                }
                if (clock.onReopen() == ReopenRule.RESET) {
                    current = new CycleBuilder(current.index + 1, step.at());
                    cycles.add(current);
                } else {
                    current.resume();
                }
                current.apply(effect, step);
            } else {
                current.apply(effect, step);
            }
        }
        return cycles;
    }

    private record Step(Instant at, TicketState state, int priority) {
    }

    private static final class CycleBuilder {
        final int index;
        final Instant startedAt;
        final List<SlaCycle.Interval> running = new ArrayList<>();
        Instant runningSince;
        SlaCycle.Status status = SlaCycle.Status.PAUSED;
        Instant stoppedAt;
        int priority;

        CycleBuilder(int index, Instant startedAt) {
            this.index = index;
            this.startedAt = startedAt;
        }

        boolean ended() {
            return status == SlaCycle.Status.STOPPED || status == SlaCycle.Status.CANCELLED;
        }

        void resume() {
            status = SlaCycle.Status.PAUSED;
            stoppedAt = null;
        }

        void apply(ClockConditions.Effect effect, Step step) {
            priority = step.priority();
            switch (effect) {
                case RUN -> {
                    if (runningSince == null) {
                        runningSince = step.at();
                    }
                    status = SlaCycle.Status.RUNNING;
                }
                case PAUSE -> {
                    closeInterval(step.at());
                    status = SlaCycle.Status.PAUSED;
                }
                case STOP, CANCEL -> {
                    closeInterval(step.at());
                    status = effect == ClockConditions.Effect.STOP ? SlaCycle.Status.STOPPED : SlaCycle.Status.CANCELLED;
                    stoppedAt = step.at();
                }
            }
        }

        private void closeInterval(Instant at) {
            if (runningSince != null) {
                if (at.isAfter(runningSince)) {
                    running.add(new SlaCycle.Interval(runningSince, at));
                }
                runningSince = null;
            }
        }

        SlaCycle build(SlaMetric metric, SlaPolicies.Policy policy) {
            List<SlaCycle.Interval> intervals = new ArrayList<>(running);
            if (runningSince != null) {
                intervals.add(new SlaCycle.Interval(runningSince, null));
            }
            Duration target = policy.targets().get(metric);
            List<SlaCycle.Due> thresholds = new ArrayList<>();
            for (int percent : policy.thresholds()) {
                Duration amount = target.multipliedBy(percent).dividedBy(SlaThreshold.BREACH);
                thresholds.add(new SlaCycle.Due(percent, dueAt(policy.calendar(), intervals, amount)));
            }
            return new SlaCycle(metric, index, policy, priority, startedAt, status, stoppedAt, intervals, thresholds);
        }

        /** The instant the clock has run {@code amount} of working time, or null if it stopped short. */
        private static Instant dueAt(WorkingCalendar calendar, List<SlaCycle.Interval> intervals, Duration amount) {
            Duration used = Duration.ZERO;
            for (SlaCycle.Interval interval : intervals) {
                Duration left = amount.minus(used);
                if (interval.end() == null) {
                    return calendar.plusWorkingTime(interval.start(), left);
                }
                Duration length = calendar.workingTimeBetween(interval.start(), interval.end());
                if (length.compareTo(left) >= 0 && !length.isZero()) {
                    return calendar.plusWorkingTime(interval.start(), left);
                }
                used = used.plus(length);
            }
            return null;
        }
    }
}
