package io.demandloop.shared.outcome;

import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.outcome.MetricOutcome.WeekPoint;
import io.demandloop.shared.outcome.MetricOutcome.WindowFigures;
import io.demandloop.shared.stats.HodgesLehmann;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.stats.KaplanMeier;
import io.demandloop.shared.stats.PoissonDifferenceInDifferences;
import io.demandloop.shared.stats.RateRatioTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The pure measurement of one metric around one intervention: windows, exposure, the statistics and the verdict
 * (docs/outcomes.md). No I/O: the caller reads the occurrences; the same code serves the nightly function, the
 * {@code measure} command and the calibration harness.
 *
 * <p>In short (docs/outcomes.md, "Method", says why):
 * <ul>
 *   <li>The after window is {@code [deliveredAt + settle, + after)}; until {@code asOf} reaches its end the verdict is
 *       too early. The baseline is the {@code before} days ending at delivery or, when the initiative came from a
 *       demand, ending {@link #DEMAND_WINDOW_DAYS} days before the demand was first raised, so that the spike that
 *       raised it is not the baseline (regression to the mean). Exposure is counted in days, from the history's data
 *       start on.</li>
 *   <li>Counts: the exact conditional rate ratio after/before; with {@link #MIN_CONTROLS} or more controls with
 *       exposure in both windows, the difference-in-differences ratio of rate ratios instead.</li>
 *   <li>Durations: Kaplan-Meier median and p90 per window (a ticket still open at its window's end is censored
 *       there); the change is the Hodges-Lehmann shift of the resolved durations. Effort: the Hodges-Lehmann shift of
 *       the hours per ticket.</li>
 *   <li>The verdict compares the 95 % interval with no change and with the expected target.</li>
 * </ul>
 */
public final class OutcomeMeasurement {

    /** The confidence level of every interval. */
    public static final double CONFIDENCE = 0.95;
    /**
     * When the initiative came from a demand, the baseline ends this many days before the demand was first raised:
     * the longest of the demand evaluation's default windows (P90D), so that whichever window raised it, and the
     * 30-day window before it that the "rising" rule compares with, lie outside the baseline.
     */
    public static final int DEMAND_WINDOW_DAYS = 90;
    /** With this many usable controls or more, counts are judged by difference-in-differences. */
    public static final int MIN_CONTROLS = 3;
    /** weeksToDecide looks this far ahead (five years) and is null beyond. */
    static final int MAX_WEEKS_TO_DECIDE = 260;
    /** A relative change of controls within this is said "did not change" in the sentence. */
    private static final double STEADY = 0.05;

    private static final double DAY_SECONDS = 86_400;

    private OutcomeMeasurement() {
    }

    /**
     * Measures one metric.
     *
     * @throws IllegalArgumentException when a field of the input is missing or an occurrence is invalid (the message
     *                                  names the field)
     */
    public static MetricOutcome measure(MeasurementInput input) {
        validate(input);
        Windows windows = Windows.of(input);
        return switch (input.metric().kind()) {
            case COUNT -> new CountMeasurement(input, windows).measure();
            case DURATION, EFFORT -> new ShiftMeasurement(input, windows).measure();
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // windows and exposure

    /**
     * Where the baseline ends (exclusive): at delivery, or {@link #DEMAND_WINDOW_DAYS} days before the linked demand
     * was first raised when that is sooner. The reader of the facts starts its span a baseline before this instant.
     *
     * @param deliveredAt  the intervention instant
     * @param demandRaised when the linked demand was first raised, or null
     */
    public static Instant baselineEnd(Instant deliveredAt, Instant demandRaised) {
        if (demandRaised != null) {
            Instant beforeSpike = demandRaised.minus(Duration.ofDays(DEMAND_WINDOW_DAYS));
            if (beforeSpike.isBefore(deliveredAt)) {
                return beforeSpike;
            }
        }
        return deliveredAt;
    }

    /** The nominal windows, and what of them is known at asOf. */
    record Windows(Instant beforeFrom, Instant beforeTo, Instant afterFrom, Instant afterTo, Instant asOf) {

        static Windows of(MeasurementInput input) {
            OutcomeWindows w = input.windows();
            Instant beforeTo = baselineEnd(input.deliveredAt(), input.baselineEnd());
            Instant afterFrom = input.deliveredAt().plus(Duration.ofDays(w.settleDays()));
            return new Windows(beforeTo.minus(Duration.ofDays(w.beforeDays())), beforeTo, afterFrom,
                    afterFrom.plus(Duration.ofDays(w.afterDays())), input.asOf());
        }

        boolean complete() {
            return !asOf.isBefore(afterTo);
        }

        /** Whole days until the after window is complete (rounded up). */
        int daysRemaining() {
            long seconds = Duration.between(asOf, afterTo).getSeconds();
            return (int) Math.max(0, (seconds + 86_399) / 86_400);
        }
    }

    /** The span of {@code [from, to)} that counts for a history: from its data start on, up to asOf. */
    record Span(Instant from, Instant to) {
        static Span of(ServiceHistory history, Instant from, Instant to, Instant asOf) {
            Instant start = history.dataStart() != null && history.dataStart().isAfter(from) ? history.dataStart() : from;
            Instant end = asOf.isBefore(to) ? asOf : to;
            return new Span(start, end.isBefore(start) ? start : end);
        }

        double days() {
            return Duration.between(from, to).toMillis() / 1000.0 / DAY_SECONDS;
        }

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }

        List<MetricEvent> events(ServiceHistory history) {
            return history.events().stream().filter(e -> contains(e.at())).toList();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // counts

    private static final class CountMeasurement {
        private final MeasurementInput input;
        private final Windows w;

        CountMeasurement(MeasurementInput input, Windows windows) {
            this.input = input;
            this.w = windows;
        }

        MetricOutcome measure() {
            ServiceHistory target = input.target();
            Span before = Span.of(target, w.beforeFrom(), w.beforeTo(), w.asOf());
            Span after = Span.of(target, w.afterFrom(), w.afterTo(), w.asOf());
            long x0 = before.events(target).size();
            long x1 = after.events(target).size();
            WindowFigures beforeFigures = figures(w.beforeFrom(), w.beforeTo(), before.days(), x0, null, null);
            WindowFigures afterFigures = w.asOf().isAfter(w.afterFrom())
                    ? figures(w.afterFrom(), w.afterTo(), after.days(), x1, null, null) : null;
            List<WeekPoint> weekly = weekly(input, w, this::weekCount);
            String subject = subject(input);
            if (!w.complete()) {
                return tooEarly(input, w, subject, "exact rate ratio", beforeFigures, afterFigures, weekly);
            }
            if (before.days() <= 0 || after.days() <= 0) {
                return noExposure(input, w, subject, "exact rate ratio", beforeFigures, afterFigures, weekly,
                        before.days() <= 0);
            }
            if (x0 + x1 == 0) {
                String sentence = String.format(Locale.ROOT,
                        "No %s in either window (%s days before, %s days after): no data to judge a change: "
                                + "inconclusive.", lowerFirst(subject), days(before.days()), days(after.days()));
                return new MetricOutcome(input.metric(), Verdict.INCONCLUSIVE, sentence, "exact rate ratio",
                        beforeFigures, afterFigures, null, List.of(), null, null, weekly);
            }
            Target goal = Target.of(input);

            List<ControlCounts> controls = new ArrayList<>();
            for (ServiceHistory control : input.controls()) {
                Span cb = Span.of(control, w.beforeFrom(), w.beforeTo(), w.asOf());
                Span ca = Span.of(control, w.afterFrom(), w.afterTo(), w.asOf());
                if (cb.days() > 0 && ca.days() > 0) {
                    controls.add(new ControlCounts(control.service(), cb.events(control).size(), cb.days(),
                            ca.events(control).size(), ca.days()));
                }
            }
            // projection(w): the interval with both windows w weeks longer at their current rates (w = 0: as measured)
            IntFunction<IntervalEstimate> projection;
            String method;
            List<String> controlNames = List.of();
            boolean did = false;
            if (controls.size() >= MIN_CONTROLS) {
                IntFunction<IntervalEstimate> didAt = weeks -> PoissonDifferenceInDifferences.fit(
                        rows(x0, before.days(), x1, after.days(), controls, weeks), CONFIDENCE);
                if (didAt.apply(0).estimate() != null) {
                    projection = didAt;
                    method = "difference-in-differences (Poisson, " + controls.size() + " controls)";
                    controlNames = controls.stream().map(ControlCounts::service).toList();
                    did = true;
                } else {
                    // A window without events leaves the ratio of rate ratios undefined; the exact test still holds.
                    projection = exact(x0, before.days(), x1, after.days());
                    method = "exact rate ratio (difference-in-differences undefined: a window without events)";
                }
            } else {
                projection = exact(x0, before.days(), x1, after.days());
                method = "exact rate ratio";
            }
            IntervalEstimate ratio = projection.apply(0);
            Verdict verdict = goal.verdict(ratio.lower(), ratio.upper(), 1.0, goal.ratio());
            Integer weeks = verdict == Verdict.INCONCLUSIVE
                    ? weeksToDecide(more -> {
                        IntervalEstimate projected = projection.apply(more);
                        return goal.verdict(projected.lower(), projected.upper(), 1.0, goal.ratio());
                    }) : null;
            IntervalEstimate change = new IntervalEstimate(minusOne(ratio.estimate()), minusOne(ratio.lower()),
                    minusOne(ratio.upper()), ratio.pValue());

            StringBuilder sentence = new StringBuilder();
            double rate0 = x0 / before.days() * 7;
            double rate1 = x1 / after.days() * 7;
            sentence.append(subject).append(' ').append(movement(rate0, rate1)).append(' ')
                    .append(rate(rate0)).append(" to ").append(rate(rate1)).append(" a week");
            if (did) {
                long c0 = controls.stream().mapToLong(ControlCounts::before).sum();
                long c1 = controls.stream().mapToLong(ControlCounts::after).sum();
                double cd0 = controls.stream().mapToDouble(ControlCounts::beforeDays).sum();
                double cd1 = controls.stream().mapToDouble(ControlCounts::afterDays).sum();
                double controlChange = (c1 / cd1) / (c0 / cd0) - 1;
                String controlMove = Math.abs(controlChange) < STEADY ? "did not change"
                        : (controlChange < 0 ? "fell by " : "rose by ") + percent(Math.abs(controlChange)).substring(1);
                sentence.append(" while ").append(controls.size()).append(" comparable services ").append(controlMove)
                        .append(" (").append(changeText(change).replaceFirst(", 95", " against them, 95")).append(')');
            } else {
                sentence.append(" (").append(changeText(change)).append(')');
            }
            sentence.append(verdictText(verdict, goal, weeks));
            return new MetricOutcome(input.metric(), verdict, sentence.toString(), method, beforeFigures, afterFigures,
                    change, controlNames, null, weeks, weekly);
        }

        private double weekCount(List<MetricEvent> events, Instant windowEnd) {
            return events.size();
        }

        private static IntFunction<IntervalEstimate> exact(long x0, double e0, long x1, double e1) {
            return weeks -> RateRatioTest.test(grow(x1, e1, weeks), e1 + 7.0 * weeks, grow(x0, e0, weeks),
                    e0 + 7.0 * weeks, CONFIDENCE);
        }

        private static List<PoissonDifferenceInDifferences.Row> rows(long x0, double e0, long x1, double e1,
                                                                    List<ControlCounts> controls, int weeks) {
            List<PoissonDifferenceInDifferences.Row> rows = new ArrayList<>();
            rows.add(new PoissonDifferenceInDifferences.Row(true, false, grow(x0, e0, weeks), e0 + 7.0 * weeks));
            rows.add(new PoissonDifferenceInDifferences.Row(true, true, grow(x1, e1, weeks), e1 + 7.0 * weeks));
            for (ControlCounts c : controls) {
                rows.add(new PoissonDifferenceInDifferences.Row(false, false, grow(c.before(), c.beforeDays(), weeks),
                        c.beforeDays() + 7.0 * weeks));
                rows.add(new PoissonDifferenceInDifferences.Row(false, true, grow(c.after(), c.afterDays(), weeks),
                        c.afterDays() + 7.0 * weeks));
            }
            return rows;
        }

        /** The count of a window {@code weeks} longer at its current rate, rounded. */
        private static long grow(long count, double days, int weeks) {
            return weeks == 0 ? count : Math.round(count * (days + 7.0 * weeks) / days);
        }
    }

    private record ControlCounts(String service, long before, double beforeDays, long after, double afterDays) {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // durations and effort

    private static final class ShiftMeasurement {
        private final MeasurementInput input;
        private final Windows w;
        private final boolean duration;

        ShiftMeasurement(MeasurementInput input, Windows windows) {
            this.input = input;
            this.w = windows;
            this.duration = input.metric().kind() == OutcomeMetric.Kind.DURATION;
        }

        MetricOutcome measure() {
            ServiceHistory target = input.target();
            Span before = Span.of(target, w.beforeFrom(), w.beforeTo(), w.asOf());
            Span after = Span.of(target, w.afterFrom(), w.afterTo(), w.asOf());
            Sample s0 = sample(before.events(target), before.to());
            Sample s1 = sample(after.events(target), after.to());
            String method = duration ? "Kaplan-Meier median and p90, Hodges-Lehmann shift of resolved durations"
                    : "Hodges-Lehmann shift of hours per ticket";
            WindowFigures beforeFigures = figures(w.beforeFrom(), w.beforeTo(), before.days(), s0.total(duration),
                    s0.median(duration), s0.p90(duration));
            WindowFigures afterFigures = w.asOf().isAfter(w.afterFrom())
                    ? figures(w.afterFrom(), w.afterTo(), after.days(), s1.total(duration), s1.median(duration),
                    s1.p90(duration)) : null;
            List<WeekPoint> weekly = weekly(input, w, this::weekValue);
            String subject = subject(input);
            if (!w.complete()) {
                return tooEarly(input, w, subject, method, beforeFigures, afterFigures, weekly);
            }
            if (before.days() <= 0 || after.days() <= 0) {
                return noExposure(input, w, subject, method, beforeFigures, afterFigures, weekly, before.days() <= 0);
            }
            String unit = duration ? "resolved tickets" : "tickets with effort";
            if (s0.values().length == 0 || s1.values().length == 0) {
                String which = s0.values().length == 0 && s1.values().length == 0 ? "either window"
                        : s0.values().length == 0 ? "the before window" : "the after window";
                String sentence = String.format(Locale.ROOT, "%s: no %s in %s, nothing to compare: inconclusive.",
                        subject, unit, which);
                return new MetricOutcome(input.metric(), Verdict.INCONCLUSIVE, sentence, method, beforeFigures,
                        afterFigures, null, List.of(), null, null, weekly);
            }
            Target goal = Target.of(input);
            IntervalEstimate shift = HodgesLehmann.shift(s1.values(), s0.values(), CONFIDENCE);
            if (shift.estimate() == null) {
                String sentence = String.format(Locale.ROOT, "%s: every ticket took the same %s hours in both"
                        + " windows, no spread to judge a change by: inconclusive.", subject, hours(s0.values()[0]));
                return new MetricOutcome(input.metric(), Verdict.INCONCLUSIVE, sentence, method, beforeFigures,
                        afterFigures, null, List.of(), null, null, weekly);
            }
            // The typical baseline value, to state the shift relative to it and to size the expected effect.
            double scale = s0.scale(duration);
            double targetShift = (goal.ratio() - 1) * scale;
            Verdict verdict = goal.verdict(shift.lower(), shift.upper(), 0.0, targetShift);
            Integer weeks = null;
            if (verdict == Verdict.INCONCLUSIVE) {
                // The interval's half-widths shrink as sqrt(1/n0 + 1/n1); both samples grow with the weeks.
                double n0 = s0.values().length;
                double n1 = s1.values().length;
                double now = Math.sqrt(1 / n0 + 1 / n1);
                double estimate = shift.estimate();
                weeks = weeksToDecide(k -> {
                    double grown0 = n0 * (1 + 7.0 * k / before.days());
                    double grown1 = n1 * (1 + 7.0 * k / after.days());
                    double factor = Math.sqrt(1 / grown0 + 1 / grown1) / now;
                    return goal.verdict(estimate - (estimate - shift.lower()) * factor,
                            estimate + (shift.upper() - estimate) * factor, 0.0, targetShift);
                });
            }
            IntervalEstimate change = scale > 0 ? new IntervalEstimate(shift.estimate() / scale,
                    shift.lower() / scale, shift.upper() / scale, shift.pValue()) : null;

            StringBuilder sentence = new StringBuilder(subject);
            if (duration) {
                sentence.append(' ').append(movement(scale, s1.scale(true))).append(" a median of ")
                        .append(hours(scale)).append(" to ").append(hours(s1.scale(true))).append(" hours");
            } else {
                sentence.append(' ').append(movement(scale, s1.scale(false))).append(' ')
                        .append(hours(scale)).append(" to ").append(hours(s1.scale(false)))
                        .append(" hours a ticket (median)");
            }
            sentence.append(String.format(Locale.ROOT, " (shift %s hours, 95 %% interval %s to %s hours)",
                    signedHours(shift.estimate()), signedHours(shift.lower()), signedHours(shift.upper())));
            sentence.append(verdictText(verdict, goal, weeks));
            return new MetricOutcome(input.metric(), verdict, sentence.toString(), method, beforeFigures, afterFigures,
                    change, List.of(), null, weeks, weekly);
        }

        /** Effort: the week's hours; durations: the Kaplan-Meier median of the week's tickets, censored as their window's. */
        private Double weekValue(List<MetricEvent> events, Instant windowEnd) {
            if (!duration) {
                return events.stream().mapToDouble(MetricEvent::weight).sum();
            }
            return events.isEmpty() ? null : sample(events, windowEnd).median(true).estimate();
        }

        /** The window's tickets: durations censored at the window's end (cut-off), or effort hours. */
        private Sample sample(List<MetricEvent> events, Instant cutoff) {
            double[] times = new double[events.size()];
            boolean[] ended = new boolean[events.size()];
            List<Double> resolved = new ArrayList<>();
            double[] weights = new double[events.size()];
            for (int i = 0; i < events.size(); i++) {
                MetricEvent e = events.get(i);
                weights[i] = e.weight();
                boolean done = e.endedAt() != null && !e.endedAt().isAfter(cutoff);
                Instant end = done ? e.endedAt() : cutoff;
                times[i] = Duration.between(e.at(), end).toMillis() / 3_600_000.0;
                ended[i] = done;
                if (done) {
                    resolved.add(times[i]);
                }
            }
            double[] values = duration ? resolved.stream().mapToDouble(Double::doubleValue).toArray() : weights;
            return new Sample(times, ended, values);
        }
    }

    /** One window's tickets for a duration or effort metric. */
    private record Sample(double[] times, boolean[] ended, double[] values) {
        double total(boolean duration) {
            return duration ? times.length : Arrays.stream(values).sum();
        }

        IntervalEstimate median(boolean duration) {
            return duration ? KaplanMeier.fit(times, ended).quantile(0.5, CONFIDENCE) : null;
        }

        IntervalEstimate p90(boolean duration) {
            return duration ? KaplanMeier.fit(times, ended).quantile(0.9, CONFIDENCE) : null;
        }

        /** The typical value: the Kaplan-Meier median for durations (else the resolved ones' median), else hours. */
        double scale(boolean duration) {
            if (duration) {
                IntervalEstimate median = median(true);
                if (median.estimate() != null) {
                    return median.estimate();
                }
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // verdict

    /** The expected direction and size of the change for the metric measured. */
    record Target(boolean decrease, double ratio, double change) {

        /** The expected outcome for its own metric; a secondary metric is expected to fall by the default 30 %. */
        static Target of(MeasurementInput input) {
            ExpectedOutcome expected = input.expected();
            double change = expected.metric() == input.metric() ? expected.targetChange()
                    : ExpectedOutcome.DEFAULT_TARGET_CHANGE;
            return new Target(change < 0, 1 + change, change);
        }

        /**
         * The verdict of an interval [lower, upper] (null: unbounded) against no change at {@code none} and the
         * expected effect at {@code expected}, on the same scale.
         */
        Verdict verdict(Double lower, Double upper, double none, double expected) {
            boolean below = upper != null && upper < none;
            boolean above = lower != null && lower > none;
            if (below) {
                return decrease ? Verdict.IMPROVED : Verdict.WORSE;
            }
            if (above) {
                return decrease ? Verdict.WORSE : Verdict.IMPROVED;
            }
            boolean rulesOutTarget = decrease ? lower != null && lower > expected : upper != null && upper < expected;
            return rulesOutTarget ? Verdict.NO_CLEAR_CHANGE : Verdict.INCONCLUSIVE;
        }
    }

    /**
     * The smallest number of further weeks at which the projected verdict is no longer inconclusive, or null when
     * even {@link #MAX_WEEKS_TO_DECIDE} would not decide it. A linear scan: projected counts are rounded, so the
     * verdict need not change monotonically with the weeks, and the first deciding week is the honest answer.
     */
    private static Integer weeksToDecide(IntFunction<Verdict> verdictAfterWeeks) {
        if (verdictAfterWeeks.apply(MAX_WEEKS_TO_DECIDE) == Verdict.INCONCLUSIVE) {
            return null;
        }
        for (int weeks = 1; weeks < MAX_WEEKS_TO_DECIDE; weeks++) {
            if (verdictAfterWeeks.apply(weeks) != Verdict.INCONCLUSIVE) {
                return weeks;
            }
        }
        return MAX_WEEKS_TO_DECIDE;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // outcomes before a verdict

    private static MetricOutcome tooEarly(MeasurementInput input, Windows w, String subject, String method,
                                          WindowFigures before, WindowFigures after, List<WeekPoint> weekly) {
        int days = w.daysRemaining();
        String sentence;
        if (input.deliveredAt().isAfter(input.asOf())) {
            sentence = String.format(Locale.ROOT, "%s: too early, delivery on %s is still ahead; the after window"
                            + " completes on %s, in %d days.", subject, date(input.deliveredAt()), date(w.afterTo()),
                    days);
        } else {
            sentence = String.format(Locale.ROOT, "%s: too early, the after window (%d days from %s) completes on %s,"
                            + " in %d days.", subject, input.windows().afterDays(), date(w.afterFrom()),
                    date(w.afterTo()), days);
        }
        return new MetricOutcome(input.metric(), Verdict.TOO_EARLY, sentence, method, before, after, null, List.of(),
                days, null, weekly);
    }

    private static MetricOutcome noExposure(MeasurementInput input, Windows w, String subject, String method,
                                            WindowFigures before, WindowFigures after, List<WeekPoint> weekly,
                                            boolean beforeMissing) {
        String dataStart = input.target().dataStart() == null ? "" : ", whose data start on "
                + date(input.target().dataStart());
        String sentence = String.format(Locale.ROOT, "%s: no data in the %s window (%s to %s) of %s%s: inconclusive.",
                subject, beforeMissing ? "before" : "after",
                date(beforeMissing ? w.beforeFrom() : w.afterFrom()), date(beforeMissing ? w.beforeTo() : w.afterTo()),
                input.target().service(), dataStart);
        return new MetricOutcome(input.metric(), Verdict.INCONCLUSIVE, sentence, method, before, after, null, List.of(),
                null, null, weekly);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // figures and weekly points

    private static WindowFigures figures(Instant from, Instant to, double exposureDays, double count,
                                         IntervalEstimate median, IntervalEstimate p90) {
        double rate = exposureDays > 0 ? count / exposureDays * 7 : 0;
        return new WindowFigures(from, to, exposureDays, count, rate, median, p90);
    }

    /** The metric per week of each window (weeks from the window's start), leaving out weeks with no exposure. */
    private static List<WeekPoint> weekly(MeasurementInput input, Windows w,
                                          BiFunction<List<MetricEvent>, Instant, ? extends Number> value) {
        List<WeekPoint> points = new ArrayList<>();
        for (Instant[] window : new Instant[][] {{w.beforeFrom(), w.beforeTo()}, {w.afterFrom(), w.afterTo()}}) {
            for (Instant start = window[0]; start.isBefore(window[1]); start = start.plus(Duration.ofDays(7))) {
                Instant end = minInstant(start.plus(Duration.ofDays(7)), window[1]);
                Span span = Span.of(input.target(), start, end, w.asOf());
                if (span.days() <= 0) {
                    continue;
                }
                Number v = value.apply(span.events(input.target()), minInstant(window[1], w.asOf()));
                if (v != null) {
                    points.add(new WeekPoint(LocalDate.ofInstant(start, ZoneOffset.UTC), v.doubleValue()));
                }
            }
        }
        return points;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // words and numbers (Locale.ROOT)

    private static String subject(MeasurementInput input) {
        String label = switch (input.metric()) {
            case INCIDENTS -> "Incidents";
            case MAJOR_INCIDENTS -> "P1-P2 incidents";
            case REQUESTS -> "Requests";
            case RESOLUTION_TIME -> "Resolution time of incidents";
            case FULFILMENT_TIME -> "Fulfilment time of requests";
            case EFFORT_HOURS -> "Effort";
            case ALERT_EPISODES -> "Alert episodes";
            case SLA_BREACHES -> "SLA breaches";
        };
        String category = input.expected().metric() == input.metric() ? input.expected().category() : null;
        if (category != null && !category.isBlank()) {
            label += " (" + category.replace(':', ' ') + ")";
        }
        return label + " on " + input.target().service();
    }

    private static String verdictText(Verdict verdict, Target goal, Integer weeks) {
        return switch (verdict) {
            case IMPROVED -> ": improved.";
            case WORSE -> ": worse.";
            case NO_CLEAR_CHANGE -> ", which rules out the expected " + percent(goal.change()) + ": no clear change.";
            case INCONCLUSIVE -> weeks == null
                    ? ": inconclusive, too little data, and more weeks at these rates would not decide it soon."
                    : ": inconclusive, about " + weeks + " more " + (weeks == 1 ? "week" : "weeks")
                    + " at these rates would decide it.";
            case TOO_EARLY -> ": too early.";
        };
    }

    private static String changeText(IntervalEstimate change) {
        String interval;
        if (change.upper() == null) {
            interval = "95 % interval above " + percent(change.lower());
        } else {
            interval = "95 % interval " + percent(change.lower()) + " to " + percent(change.upper());
        }
        return change.estimate() == null ? interval : percent(change.estimate()) + ", " + interval;
    }

    private static String movement(double from, double to) {
        return to < from ? "fell from" : to > from ? "rose from" : "stayed at";
    }

    /** A relative change as a signed whole percent, e.g. {@code -71 %}, {@code +5 %}. */
    static String percent(double change) {
        long rounded = Math.round(change * 100);
        return (rounded > 0 ? "+" : rounded < 0 ? "-" : "") + Math.abs(rounded) + " %";
    }

    /** A weekly rate: one decimal, two below 1, none from 100. */
    static String rate(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 1 || value == 0 ? "%.1f" : "%.2f", value);
    }

    private static String hours(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String signedHours(double value) {
        String text = hours(Math.abs(value));
        return text.equals("0.0") ? text : (value < 0 ? "-" : "+") + text;
    }

    private static String days(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String lowerFirst(String text) {
        return text.startsWith("P1") || text.startsWith("SLA") ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static Double minusOne(Double value) {
        return value == null ? null : value - 1;
    }

    private static Instant minInstant(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // validation

    private static void validate(MeasurementInput input) {
        if (input == null) {
            throw new IllegalArgumentException("input: missing");
        }
        require(input.metric() != null, "metric", "missing");
        require(input.expected() != null, "expected", "missing");
        require(input.deliveredAt() != null, "deliveredAt", "missing");
        require(input.asOf() != null, "asOf", "missing");
        require(input.windows() != null, "windows", "missing");
        require(input.target() != null, "target", "missing");
        validate("target", input.target(), input.metric());
        for (int i = 0; i < input.controls().size(); i++) {
            require(input.controls().get(i) != null, "controls[" + i + "]", "missing");
            validate("controls[" + i + "]", input.controls().get(i), input.metric());
        }
    }

    private static void validate(String field, ServiceHistory history, OutcomeMetric metric) {
        require(history.service() != null && !history.service().isBlank(), field + ".service", "missing");
        for (int i = 0; i < history.events().size(); i++) {
            MetricEvent e = history.events().get(i);
            String name = field + ".events[" + i + "]";
            require(e != null, name, "missing");
            require(e.at() != null, name + ".at", "missing");
            if (metric.kind() == OutcomeMetric.Kind.EFFORT) {
                require(Double.isFinite(e.weight()) && e.weight() >= 0, name + ".weight",
                        "effort hours must be finite and not negative, was " + e.weight());
            }
            if (metric.kind() == OutcomeMetric.Kind.DURATION && e.endedAt() != null) {
                require(!e.endedAt().isBefore(e.at()), name + ".endedAt", "before its start " + e.at());
            }
        }
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }
}
