package io.demandloop.shared.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.stats.RateRatioTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeMeasurementTest {

    private static final Instant DELIVERED = Instant.parse("2026-06-01T00:00:00Z");
    /** The after window of the default windows: [delivered + 14 d, + 84 d). */
    private static final Instant AFTER_FROM = DELIVERED.plus(Duration.ofDays(14));
    private static final Instant AFTER_TO = AFTER_FROM.plus(Duration.ofDays(84));
    private static final Instant BEFORE_FROM = DELIVERED.minus(Duration.ofDays(84));
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final ExpectedOutcome FEWER_MAJORS = new ExpectedOutcome(OutcomeMetric.MAJOR_INCIDENTS, -0.30, null);

    @Test
    void measure_shouldBeTooEarly_withDaysRemaining_whenTheAfterWindowIsNotComplete() {
        // GIVEN the after window ends on 2026-09-07 and it is 2026-07-01
        Instant asOf = Instant.parse("2026-07-01T00:00:00Z");
        ServiceHistory payments = history("Payments", LONG_AGO, spread(BEFORE_FROM, DELIVERED, 40));

        // WHEN
        MetricOutcome outcome = OutcomeMeasurement.measure(input(payments, asOf, null, List.of()));

        // THEN
        assertThat(outcome.verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(outcome.daysRemaining()).isEqualTo(68);
        assertThat(outcome.change()).isNull();
        assertThat(outcome.before().count()).isEqualTo(40);
        assertThat(outcome.after().exposureDays()).isEqualTo(16.0);
        assertThat(outcome.sentence()).contains("too early").contains("2026-09-07").contains("in 68 days");
    }

    @Test
    void measure_shouldBeTooEarly_whenDeliveryIsInTheFuture() {
        Instant asOf = DELIVERED.minus(Duration.ofDays(10));
        ServiceHistory payments = history("Payments", LONG_AGO, spread(BEFORE_FROM, asOf, 30));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(payments, asOf, null, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(outcome.daysRemaining()).isEqualTo(10 + 14 + 84);
        assertThat(outcome.after()).isNull();
        assertThat(outcome.sentence()).contains("delivery on 2026-06-01 is still ahead");
    }

    @Test
    void measure_shouldBeInconclusiveWithoutNaN_whenTheServiceHasNoTicketsAtAll() {
        ServiceHistory quiet = history("Quiet", LONG_AGO, List.of());

        MetricOutcome outcome = OutcomeMeasurement.measure(input(quiet, AFTER_TO, null, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcome.sentence()).isEqualTo("No P1-P2 incidents on Quiet in either window (84 days before, 84 days"
                + " after): no data to judge a change: inconclusive.");
        assertThat(outcome.before().ratePerWeek()).isEqualTo(0.0);
        assertThat(outcome.after().ratePerWeek()).isEqualTo(0.0);
        assertThat(outcome.weeksToDecide()).isNull();
    }

    @Test
    void measure_shouldBeInconclusive_whenTheBaselineLiesBeforeTheDataStart() {
        // GIVEN the service's source starts sending after the before window
        ServiceHistory late = history("Late", DELIVERED, spread(AFTER_FROM, AFTER_TO, 12));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(late, AFTER_TO, null, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcome.before().exposureDays()).isEqualTo(0.0);
        assertThat(outcome.before().ratePerWeek()).isEqualTo(0.0);
        assertThat(outcome.sentence()).contains("no data in the before window").contains("2026-06-01");
    }

    @Test
    void measure_shouldSayImproved_whenTheIntervalLiesWhollyOnTheExpectedSide() {
        // GIVEN 4 a week before, 1 a week after
        ServiceHistory payments = history("Payments", LONG_AGO,
                concat(spread(BEFORE_FROM, DELIVERED, 48), spread(AFTER_FROM, AFTER_TO, 12)));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, List.of()));

        IntervalEstimate exact = RateRatioTest.test(12, 84, 48, 84, 0.95);
        assertThat(outcome.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(outcome.method()).isEqualTo("exact rate ratio");
        assertThat(outcome.change().estimate()).isEqualTo(-0.75, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(outcome.change().upper()).isEqualTo(exact.upper() - 1);
        assertThat(outcome.sentence()).isEqualTo("P1-P2 incidents on Payments fell from 4.0 to 1.0 a week (-75 %, 95 %"
                + " interval -88 % to -52 %): improved.");
        assertThat(outcome.weekly()).hasSize(24);
        assertThat(outcome.weekly().get(0).value()).isEqualTo(4.0);
        assertThat(outcome.weekly().get(23).value()).isEqualTo(1.0);
    }

    @Test
    void measure_shouldSayWorse_whenTheIntervalLiesWhollyOnTheOtherSide() {
        ServiceHistory payments = history("Payments", LONG_AGO,
                concat(spread(BEFORE_FROM, DELIVERED, 24), spread(AFTER_FROM, AFTER_TO, 72)));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(outcome.sentence()).contains("rose from 2.0 to 6.0 a week (+200 %").endsWith(": worse.");
    }

    @Test
    void measure_shouldSayNoClearChange_whenTheIntervalIncludesNoChangeButRulesOutTheTarget() {
        // GIVEN 20 a week before and after: the interval is about 0.86 to 1.16, which excludes the expected 0.70
        ServiceHistory busy = history("Busy", LONG_AGO,
                concat(spread(BEFORE_FROM, DELIVERED, 240), spread(AFTER_FROM, AFTER_TO, 240)));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(busy, AFTER_TO, null, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.NO_CLEAR_CHANGE);
        assertThat(outcome.change().lower()).isGreaterThan(-0.30).isLessThan(0);
        assertThat(outcome.sentence()).contains("stayed at 20.0 to 20.0 a week")
                .endsWith("which rules out the expected -30 %: no clear change.");
    }

    @Test
    void measure_shouldBeInconclusive_withWeeksToDecide_whenTheIntervalIncludesBoth() {
        // GIVEN 10 before, 6 after: interval from about 0.2 to 1.7
        ServiceHistory payments = history("Payments", LONG_AGO,
                concat(spread(BEFORE_FROM, DELIVERED, 10), spread(AFTER_FROM, AFTER_TO, 6)));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcome.weeksToDecide()).isNotNull().isPositive();
        // with both windows that many weeks longer at their rates it is decided, and with fewer it is not
        int weeks = outcome.weeksToDecide();
        assertThat(decided(10, 6, weeks)).isTrue();
        for (int fewer = 0; fewer < weeks; fewer++) {
            assertThat(decided(10, 6, fewer)).as("decided after %d weeks", fewer).isFalse();
        }
        assertThat(outcome.sentence()).endsWith("inconclusive, about " + weeks + " more weeks at these rates would"
                + " decide it.");
    }

    @Test
    void measure_shouldNotTakeTheSpikeThatRaisedTheDemandAsBaseline() {
        // GIVEN 2 a week all along, and a spike of 20 in the 30 days before the demand was raised, 30 days before delivery
        Instant raised = DELIVERED.minus(Duration.ofDays(30));
        List<MetricEvent> events = concat(spread(DELIVERED.minus(Duration.ofDays(400)), AFTER_TO, 2 * (400 + 14 + 84) / 7),
                spread(raised.minus(Duration.ofDays(30)), raised, 20));
        ServiceHistory payments = history("Payments", LONG_AGO, events);

        // WHEN measured naively (baseline ending at delivery) and with the demand's raise
        MetricOutcome naive = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, List.of()));
        MetricOutcome guarded = OutcomeMeasurement.measure(input(payments, AFTER_TO, raised, List.of()));

        // THEN the naive baseline holds the spike and sees an improvement; ours ends 90 days before the raise
        assertThat(naive.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(guarded.before().to()).isEqualTo(raised.minus(Duration.ofDays(90)));
        assertThat(guarded.before().from()).isEqualTo(raised.minus(Duration.ofDays(90 + 84)));
        assertThat(guarded.before().ratePerWeek()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(guarded.verdict()).isIn(Verdict.INCONCLUSIVE, Verdict.NO_CLEAR_CHANGE);
    }

    @Test
    void measure_shouldNotCountExposureBeforeTheDataStart() {
        // GIVEN the source started half-way through the before window; 2 a week throughout what it saw
        Instant dataStart = BEFORE_FROM.plus(Duration.ofDays(42));
        ServiceHistory payments = history("Payments", dataStart,
                concat(spread(dataStart, DELIVERED, 12), spread(AFTER_FROM, AFTER_TO, 24)));

        MetricOutcome outcome = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, List.of()));

        // THEN the baseline is 42 days at 2 a week, not 84 days at 1 a week (which would read "worse")
        assertThat(outcome.before().exposureDays()).isEqualTo(42.0);
        assertThat(outcome.before().ratePerWeek()).isEqualTo(2.0);
        assertThat(outcome.change().estimate()).isEqualTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcome.weekly()).hasSize(6 + 12);
    }

    @Test
    void measure_shouldUseDifferenceInDifferences_withThreeOrMoreControls() {
        // GIVEN the target halves, and so does every comparable service: a common trend, not the initiative
        ServiceHistory payments = history("Payments", LONG_AGO,
                concat(spread(BEFORE_FROM, DELIVERED, 60), spread(AFTER_FROM, AFTER_TO, 30)));
        List<ServiceHistory> controls = List.of(
                history("Billing", LONG_AGO, concat(spread(BEFORE_FROM, DELIVERED, 50), spread(AFTER_FROM, AFTER_TO, 25))),
                history("Ledger", LONG_AGO, concat(spread(BEFORE_FROM, DELIVERED, 40), spread(AFTER_FROM, AFTER_TO, 20))),
                history("Cards", LONG_AGO, concat(spread(BEFORE_FROM, DELIVERED, 70), spread(AFTER_FROM, AFTER_TO, 35))));

        MetricOutcome withTwo = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, controls.subList(0, 2)));
        MetricOutcome withThree = OutcomeMeasurement.measure(input(payments, AFTER_TO, null, controls));

        // THEN two controls are not enough: the exact before/after ratio says improved
        assertThat(withTwo.method()).isEqualTo("exact rate ratio");
        assertThat(withTwo.controls()).isEmpty();
        assertThat(withTwo.verdict()).isEqualTo(Verdict.IMPROVED);
        // and three switch to the ratio of rate ratios, which sees no effect of the initiative
        assertThat(withThree.method()).isEqualTo("difference-in-differences (Poisson, 3 controls)");
        assertThat(withThree.controls()).containsExactly("Billing", "Ledger", "Cards");
        assertThat(withThree.change().estimate()).isEqualTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(withThree.verdict()).isNotEqualTo(Verdict.IMPROVED);
        assertThat(withThree.sentence()).startsWith("P1-P2 incidents on Payments fell from 5.0 to 2.5 a week while 3"
                + " comparable services fell by 50 % (0 % against them, 95 % interval -40 % to +67 %): inconclusive");
    }

    @Test
    void measure_shouldCompareResolutionTimes_withCensoredTicketsAtTheWindowEnd() {
        // GIVEN 40 incidents before taking 20 h each (one still open), 40 after taking 8 h
        List<MetricEvent> events = new ArrayList<>();
        for (MetricEvent e : spread(BEFORE_FROM, DELIVERED, 40)) {
            events.add(new MetricEvent(e.at(), 1, e.at().plus(Duration.ofHours(20 + events.size() % 5))));
        }
        events.set(39, new MetricEvent(events.get(39).at(), 1, null));
        for (MetricEvent e : spread(AFTER_FROM, AFTER_TO, 40)) {
            events.add(new MetricEvent(e.at(), 1, e.at().plus(Duration.ofHours(8 + events.size() % 3))));
        }
        ServiceHistory payments = history("Payments", LONG_AGO, events);
        ExpectedOutcome faster = new ExpectedOutcome(OutcomeMetric.RESOLUTION_TIME, -0.30, null);

        MetricOutcome outcome = OutcomeMeasurement.measure(new MeasurementInput(OutcomeMetric.RESOLUTION_TIME, faster,
                DELIVERED, AFTER_TO, null, OutcomeWindows.DEFAULT, payments, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(outcome.method()).contains("Kaplan-Meier").contains("Hodges-Lehmann");
        assertThat(outcome.before().count()).isEqualTo(40);
        assertThat(outcome.before().median().estimate()).isEqualTo(22.0);
        assertThat(outcome.after().median().estimate()).isEqualTo(9.0);
        assertThat(outcome.change().estimate()).isLessThan(-0.5);
        assertThat(outcome.sentence()).startsWith("Resolution time of incidents on Payments fell from a median of 22.0"
                + " to 9.0 hours (shift -").endsWith(": improved.");
    }

    @Test
    void measure_shouldTreatASecondaryMetricAsExpectedToFallByThirtyPercent() {
        // GIVEN the initiative expects +50 % requests (self-service); alert episodes are a secondary metric
        ServiceHistory payments = history("Payments", LONG_AGO,
                concat(spread(BEFORE_FROM, DELIVERED, 48), spread(AFTER_FROM, AFTER_TO, 12)));
        ExpectedOutcome moreRequests = new ExpectedOutcome(OutcomeMetric.REQUESTS, 0.5, null);

        MetricOutcome outcome = OutcomeMeasurement.measure(new MeasurementInput(OutcomeMetric.ALERT_EPISODES,
                moreRequests, DELIVERED, AFTER_TO, null, OutcomeWindows.DEFAULT, payments, List.of()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void measure_shouldRejectBadInput_withTheFieldNamed() {
        ServiceHistory payments = history("Payments", LONG_AGO, List.of());
        assertThatThrownBy(() -> OutcomeMeasurement.measure(new MeasurementInput(OutcomeMetric.INCIDENTS, FEWER_MAJORS,
                null, AFTER_TO, null, OutcomeWindows.DEFAULT, payments, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deliveredAt: missing");
        ServiceHistory broken = history("Payments", LONG_AGO, List.of(new MetricEvent(DELIVERED, 1,
                DELIVERED.minusSeconds(60))));
        assertThatThrownBy(() -> OutcomeMeasurement.measure(new MeasurementInput(OutcomeMetric.RESOLUTION_TIME,
                FEWER_MAJORS, DELIVERED, AFTER_TO, null, OutcomeWindows.DEFAULT, broken, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target.events[0].endedAt:");
    }

    /** Whether the exact test decides (not inconclusive against 0.70) with both windows {@code weeks} weeks longer. */
    private static boolean decided(long before, long after, int weeks) {
        double factor = 1 + 7.0 * weeks / 84;
        IntervalEstimate r = RateRatioTest.test(Math.round(after * factor), 84 * factor, Math.round(before * factor),
                84 * factor, 0.95);
        boolean includesNoChange = !(r.upper() != null && r.upper() < 1) && !(r.lower() > 1);
        boolean includesTarget = r.lower() <= 0.7;
        return !(includesNoChange && includesTarget);
    }

    private static MeasurementInput input(ServiceHistory target, Instant asOf, Instant baselineEnd,
                                          List<ServiceHistory> controls) {
        return new MeasurementInput(OutcomeMetric.MAJOR_INCIDENTS, FEWER_MAJORS, DELIVERED, asOf, baselineEnd,
                OutcomeWindows.DEFAULT, target, controls);
    }

    private static ServiceHistory history(String service, Instant dataStart, List<MetricEvent> events) {
        return new ServiceHistory(service, dataStart, events);
    }

    /** {@code n} occurrences evenly spread over [from, to): the middle of n equal slots. */
    static List<MetricEvent> spread(Instant from, Instant to, int n) {
        long span = Duration.between(from, to).toMillis();
        List<MetricEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new MetricEvent(from.plusMillis((long) ((i + 0.5) * span / n)), 1, null));
        }
        return events;
    }

    private static List<MetricEvent> concat(List<MetricEvent> a, List<MetricEvent> b) {
        List<MetricEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
