package io.demandloop.shared.outcome;

import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.stats.RateRatioTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Calibration of {@link OutcomeMeasurement} by simulation (docs/outcomes.md, "Calibration"): seeded worlds with a
 * known truth, measured by the real code, and the shares of each verdict compared with what they should be.
 *
 * <p>Run it (from the repository root; the figures in docs/outcomes.md come from the default 2,000 worlds, seed 11):
 * <pre>
 * mvn -q -o -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=target/calibration.classpath \
 *     -Dmdep.includeScope=test
 * java -cp "shared/target/test-classes:shared/target/classes:$(cat shared/target/calibration.classpath)" \
 *     io.demandloop.shared.outcome.CalibrationHarness 2000 11
 * </pre>
 *
 * <p>The worlds, each with default windows (84 days before, 14 settling, 84 after) and Poisson occurrences:
 * <ol>
 *   <li><b>No effect</b>: a rate drawn from 1 to 20 a week, unchanged by the delivery; with no control, and with three
 *       controls that share a random common trend (x0.7 to x1.3). A false "improved" should be at most 5 %.</li>
 *   <li><b>Regression to the mean</b>: a low pattern rate (1.5 to 3.5 per 30 days) and no effect; the demand
 *       evaluation's repeated-disruption rule (docs/demand.md: in a 30- or 90-day window at least 4 per 30 days, or
 *       rising: at least 3 per 30 days and twice the window before, which had at least one; thresholds scaled and
 *       rounded up as {@code DemandConfig.scaledCount}) is evaluated every night from the second year on, the
 *       demand is raised on the first night it holds, and the initiative is delivered 4 to 12 weeks later. Measured
 *       with the demand's raise (our baseline), naively (baseline ending at delivery), and with a baseline ending at
 *       the raise.</li>
 *   <li><b>Power</b>: 10 and 5 a week before, 40 % fewer after; the 5-a-week power is compared with the exact test's
 *       theoretical power, computed from the Poisson and binomial distributions of the conditional test.</li>
 *   <li><b>Coverage</b>: the 95 % interval of the change against the planted ratio 0.6, without controls (exact
 *       rate ratio) and with three controls and a common trend (difference-in-differences).</li>
 * </ol>
 */
public final class CalibrationHarness {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final ExpectedOutcome EXPECTED = new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.30, null);
    static final double PLANTED_RATIO = 0.6;

    private CalibrationHarness() {
    }

    /** The shares measured, each over its worlds. */
    record Report(int worlds, long seed, double falseImprovedNoEffect, double falseImprovedNoEffectControls,
                  double falseImprovedRtm, double falseWorseRtm, double falseImprovedRtmNaive,
                  double falseImprovedRtmEndingAtRaise, int rtmWorldsRaised, double pooledChangeRtm,
                  double pooledChangeRtmNaive, double pooledChangeRtmEndingAtRaise, double power10,
                  double theoreticalPower10, double power5, double theoreticalPower5, double coverage,
                  double theoreticalCoverage, double coverageControls) {

        String format() {
            return String.format(Locale.ROOT, String.join("%n",
                    "worlds per scenario: %d, seed %d",
                    "no effect, no controls: false improved %.1f %%",
                    "no effect, 3 controls with a common trend (difference-in-differences): false improved %.1f %%",
                    "regression to the mean (%d worlds raised by the demand rule), no effect:",
                    "  our baseline (ending 90 days before the raise): false improved %.1f %%, false worse %.1f %%,"
                            + " pooled change %s",
                    "  naive baseline (ending at delivery): false improved %.1f %%, pooled change %s",
                    "  baseline ending at the raise: false improved %.1f %%, pooled change %s",
                    "40 %% fewer at 10 a week: improved %.1f %% (theoretical power of the exact test %.1f %%)",
                    "40 %% fewer at 5 a week: improved %.1f %% (theoretical power of the exact test %.1f %%)",
                    "95 %% interval covers the planted ratio 0.6 at 10 a week: %.1f %% without controls (exact"
                            + " coverage of the exact interval %.2f %%), %.1f %% with 3 controls"),
                    worlds, seed, 100 * falseImprovedNoEffect, 100 * falseImprovedNoEffectControls, rtmWorldsRaised,
                    100 * falseImprovedRtm, 100 * falseWorseRtm, OutcomeMeasurement.percent(pooledChangeRtm),
                    100 * falseImprovedRtmNaive, OutcomeMeasurement.percent(pooledChangeRtmNaive),
                    100 * falseImprovedRtmEndingAtRaise, OutcomeMeasurement.percent(pooledChangeRtmEndingAtRaise),
                    100 * power10, 100 * theoreticalPower10, 100 * power5, 100 * theoreticalPower5, 100 * coverage,
                    100 * theoreticalCoverage, 100 * coverageControls);
        }
    }

    public static void main(String[] args) {
        int worlds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 11;
        System.out.println(run(worlds, seed).format());
    }

    static Report run(int worlds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant delivered = START.plus(Duration.ofDays(200));
        Instant asOf = delivered.plus(Duration.ofDays(14 + 84));

        int improved = 0;
        int improvedControls = 0;
        for (int i = 0; i < worlds; i++) {
            double perWeek = 1 + 19 * random.nextDouble();
            if (measure(history("T", random, perWeek, perWeek, delivered, asOf), delivered, asOf, null, List.of())
                    .verdict() == Verdict.IMPROVED) {
                improved++;
            }
            double trend = 0.7 + 0.6 * random.nextDouble();
            List<ServiceHistory> controls = controls(random, trend, delivered, asOf);
            if (measure(history("T", random, perWeek, perWeek * trend, delivered, asOf), delivered, asOf, null,
                    controls).verdict() == Verdict.IMPROVED) {
                improvedControls++;
            }
        }

        Rtm rtm = regressionToTheMean(worlds, random);

        int detected10 = 0;
        int detected5 = 0;
        int covered = 0;
        int coveredControls = 0;
        for (int i = 0; i < worlds; i++) {
            MetricOutcome at10 = measure(history("T", random, 10, 10 * PLANTED_RATIO, delivered, asOf), delivered, asOf,
                    null, List.of());
            detected10 += at10.verdict() == Verdict.IMPROVED ? 1 : 0;
            covered += covers(at10.change()) ? 1 : 0;
            MetricOutcome at5 = measure(history("T", random, 5, 5 * PLANTED_RATIO, delivered, asOf), delivered, asOf,
                    null, List.of());
            detected5 += at5.verdict() == Verdict.IMPROVED ? 1 : 0;
            double trend = 0.7 + 0.6 * random.nextDouble();
            List<ServiceHistory> controls = controls(random, trend, delivered, asOf);
            MetricOutcome did = measure(history("T", random, 10, 10 * trend * PLANTED_RATIO, delivered, asOf),
                    delivered, asOf, null, controls);
            coveredControls += covers(did.change()) ? 1 : 0;
        }
        return new Report(worlds, seed, share(improved, worlds), share(improvedControls, worlds),
                share(rtm.improved, rtm.raised), share(rtm.worse, rtm.raised), share(rtm.improvedNaive, rtm.raised),
                share(rtm.improvedEndingAtRaise, rtm.raised), rtm.raised, pooled(rtm.changes), pooled(rtm.changesNaive),
                pooled(rtm.changesEndingAtRaise), share(detected10, worlds), theoreticalPower(10, PLANTED_RATIO),
                share(detected5, worlds), theoreticalPower(5, PLANTED_RATIO), share(covered, worlds),
                theoreticalCoverage(10, PLANTED_RATIO), share(coveredControls, worlds));
    }

    private record Rtm(int raised, int improved, int worse, int improvedNaive, int improvedEndingAtRaise,
                       List<double[]> changes, List<double[]> changesNaive, List<double[]> changesEndingAtRaise) {
    }

    /** Worlds whose initiative starts after the demand rule raised a random high count; no true effect. */
    private static Rtm regressionToTheMean(int worlds, SplittableRandom random) {
        int raised = 0;
        int improved = 0;
        int worse = 0;
        int naive = 0;
        int atRaise = 0;
        List<double[]> changes = new ArrayList<>();
        List<double[]> changesNaive = new ArrayList<>();
        List<double[]> changesAtRaise = new ArrayList<>();
        int horizon = 1400;
        for (int i = 0; i < worlds; i++) {
            double perDay = (1.5 + 2.0 * random.nextDouble()) / 30;
            int[] daily = new int[horizon];
            List<MetricEvent> events = new ArrayList<>();
            for (double t = exponential(random, perDay); t < horizon; t += exponential(random, perDay)) {
                daily[(int) t]++;
                events.add(new MetricEvent(START.plusMillis((long) (t * 86_400_000L)), 1, null));
            }
            int[] cumulative = new int[horizon + 1];
            for (int d = 0; d < horizon; d++) {
                cumulative[d + 1] = cumulative[d] + daily[d];
            }
            Integer raisedDay = null;
            for (int d = 365; d < horizon - 200 && raisedDay == null; d++) {
                if (repeatedDisruption(cumulative, d, 30) || repeatedDisruption(cumulative, d, 90)) {
                    raisedDay = d;
                }
            }
            if (raisedDay == null) {
                continue;
            }
            raised++;
            Instant raisedAt = START.plus(Duration.ofDays(raisedDay));
            Instant delivered = raisedAt.plus(Duration.ofDays(28 + random.nextInt(57)));
            Instant asOf = delivered.plus(Duration.ofDays(14 + 84));
            ServiceHistory target = new ServiceHistory("T", START, events);
            MetricOutcome ours = measure(target, delivered, asOf, raisedAt, List.of());
            improved += ours.verdict() == Verdict.IMPROVED ? 1 : 0;
            worse += ours.verdict() == Verdict.WORSE ? 1 : 0;
            changes.add(rates(ours));
            MetricOutcome naiveOutcome = measure(target, delivered, asOf, null, List.of());
            naive += naiveOutcome.verdict() == Verdict.IMPROVED ? 1 : 0;
            changesNaive.add(rates(naiveOutcome));
            // a baseline ending at the raise: baselineEnd shifted by the 90 days the measurement takes off
            Instant endingAtRaise = raisedAt.plus(Duration.ofDays(OutcomeMeasurement.DEMAND_WINDOW_DAYS));
            MetricOutcome atRaiseOutcome = measure(target, delivered, asOf, endingAtRaise, List.of());
            atRaise += atRaiseOutcome.verdict() == Verdict.IMPROVED ? 1 : 0;
            changesAtRaise.add(rates(atRaiseOutcome));
        }
        return new Rtm(raised, improved, worse, naive, atRaise, changes, changesNaive, changesAtRaise);
    }

    /** The weekly rates before and after. */
    private static double[] rates(MetricOutcome outcome) {
        return new double[] {outcome.before().ratePerWeek(), outcome.after().ratePerWeek()};
    }

    /**
     * The pooled change over the worlds: the sum of the after rates over the sum of the before rates, minus 1. With
     * no effect and an unbiased baseline it is about 0 (a median of ratios of small counts jumps by whole events).
     */
    private static double pooled(List<double[]> rates) {
        double before = rates.stream().mapToDouble(r -> r[0]).sum();
        double after = rates.stream().mapToDouble(r -> r[1]).sum();
        return before == 0 ? Double.NaN : after / before - 1;
    }

    /**
     * The demand evaluation's repeated-disruption rule for an incident group in the window of {@code length} days
     * ending at day {@code d} (exclusive), thresholds per 30 days scaled and rounded up; the group is assumed to
     * stand out in its service (the share rule) and the service to be critical, so the demand is an initiative.
     */
    static boolean repeatedDisruption(int[] cumulative, int d, int length) {
        if (d - 2 * length < 0) {
            return false;
        }
        int n = cumulative[d] - cumulative[d - length];
        int previous = cumulative[d - length] - cumulative[d - 2 * length];
        double scale = length / 30.0;
        int minIncidents = (int) Math.ceil(4 * scale - 1e-9);
        int trendMin = (int) Math.ceil(3 * scale - 1e-9);
        boolean rising = n >= trendMin && previous > 0 && (double) n / previous >= 2.0 - 1e-9;
        return n >= minIncidents || rising;
    }

    /**
     * The exact test's power to say "improved" (upper bound below 1) with 84 + 84 days at {@code perWeek} before and
     * {@code perWeek * ratio} after: the total is Poisson, the after count given the total binomial.
     */
    static double theoreticalPower(double perWeek, double ratio) {
        double mu0 = perWeek * 12;
        double mu1 = perWeek * ratio * 12;
        PoissonDistribution total = PoissonDistribution.of(mu0 + mu1);
        double p = mu1 / (mu0 + mu1);
        double power = 0;
        int max = total.inverseSurvivalProbability(1e-15);
        for (int n = 1; n <= max; n++) {
            // the rejection region is x <= k(n): the upper bound grows with x
            int total1 = n;
            int k = largest(n, x -> {
                IntervalEstimate r = RateRatioTest.test(x, 84, total1 - x, 84, OutcomeMeasurement.CONFIDENCE);
                return r.upper() != null && r.upper() < 1;
            });
            if (k >= 0) {
                power += total.probability(n) * BinomialDistribution.of(n, p).cumulativeProbability(k);
            }
        }
        return power;
    }

    /**
     * The exact coverage of the exact test's 95 % interval for the rate ratio at the planted {@code ratio}, with
     * 84 + 84 days at {@code perWeek} before: the sum over the Poisson total and the binomial split.
     */
    static double theoreticalCoverage(double perWeek, double ratio) {
        double mu0 = perWeek * 12;
        double mu1 = perWeek * ratio * 12;
        PoissonDistribution total = PoissonDistribution.of(mu0 + mu1);
        double p = mu1 / (mu0 + mu1);
        double coverage = total.probability(0); // no events: the interval is (0, unbounded), which covers
        int max = total.inverseSurvivalProbability(1e-15);
        for (int n = 1; n <= max; n++) {
            // both bounds grow with x: the interval covers the ratio for x in [a, b]
            int count = n;
            int b = largest(n, x -> RateRatioTest.test(x, 84, count - x, 84, OutcomeMeasurement.CONFIDENCE).lower()
                    <= ratio);
            int a = largest(n, x -> {
                Double upper = RateRatioTest.test(x, 84, count - x, 84, OutcomeMeasurement.CONFIDENCE).upper();
                return upper != null && upper < ratio;
            }) + 1;
            if (a <= b) {
                BinomialDistribution split = BinomialDistribution.of(n, p);
                coverage += total.probability(n) * (split.cumulativeProbability(b) - split.cumulativeProbability(a - 1));
            }
        }
        return coverage;
    }

    /** The largest x in [0, n] for which {@code holds} is true (it holds for small x only), or -1 when none. */
    private static int largest(int n, IntPredicate holds) {
        if (!holds.test(0)) {
            return -1;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (holds.test(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static boolean covers(IntervalEstimate change) {
        double truth = PLANTED_RATIO - 1;
        return change != null && change.lower() != null && change.lower() <= truth
                && (change.upper() == null || truth <= change.upper());
    }

    private static List<ServiceHistory> controls(SplittableRandom random, double trend, Instant delivered,
                                                 Instant asOf) {
        List<ServiceHistory> controls = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double perWeek = 5 + 15 * random.nextDouble();
            controls.add(history("C" + c, random, perWeek, perWeek * trend, delivered, asOf));
        }
        return controls;
    }

    private static MetricOutcome measure(ServiceHistory target, Instant delivered, Instant asOf, Instant baselineEnd,
                                         List<ServiceHistory> controls) {
        return OutcomeMeasurement.measure(new MeasurementInput(OutcomeMetric.INCIDENTS, EXPECTED, delivered, asOf,
                baselineEnd, OutcomeWindows.DEFAULT, target, controls));
    }

    /** A Poisson process from START to asOf at {@code before} a week until delivery and {@code after} a week since. */
    static ServiceHistory history(String service, SplittableRandom random, double before, double after,
                                  Instant delivered, Instant asOf) {
        List<MetricEvent> events = new ArrayList<>();
        double deliveredDay = Duration.between(START, delivered).toMillis() / 86_400_000.0;
        double endDay = Duration.between(START, asOf).toMillis() / 86_400_000.0;
        // memorylessness: restart the process at the delivery with the new rate
        for (double t = exponential(random, before / 7); t < deliveredDay; t += exponential(random, before / 7)) {
            events.add(new MetricEvent(START.plusMillis((long) (t * 86_400_000L)), 1, null));
        }
        for (double t = deliveredDay + exponential(random, after / 7); t < endDay; t += exponential(random, after / 7)) {
            events.add(new MetricEvent(START.plusMillis((long) (t * 86_400_000L)), 1, null));
        }
        return new ServiceHistory(service, START, events);
    }

    /** A waiting time of a Poisson process (days), by inversion with the library's exponential distribution. */
    private static double exponential(SplittableRandom random, double ratePerDay) {
        return ExponentialDistribution.of(1 / ratePerDay).inverseCumulativeProbability(random.nextDouble());
    }

    private static double share(int count, int of) {
        return of == 0 ? 0 : (double) count / of;
    }
}
