package io.demandloop.shared.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KaplanMeier} against R's {@code survfit} and {@code quantile.survfit} (reference.R, kaplan_meier.csv). */
class KaplanMeierParityTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void quantile_shouldMatchR_onEveryCase() {
        // GIVEN R's medians and p90s with their intervals: ties, heavy censoring, NA medians, flat stretches
        List<ReferenceCsv.Row> rows = ReferenceCsv.read("kaplan_meier.csv");
        assertThat(rows).hasSizeGreaterThan(80);
        Parity parity = new Parity();
        for (ReferenceCsv.Row row : rows) {
            // WHEN
            KaplanMeier fit = KaplanMeier.fit(row.numbers("time"), row.flags("event"));
            IntervalEstimate q = fit.quantile(row.number("p"), row.number("conf"));
            // THEN
            String what = row.text("name") + " p=" + row.text("p") + " conf=" + row.text("conf");
            parity.check(what + " quantile", q.estimate(), row.number("quantile"), TOLERANCE);
            parity.check(what + " lower", q.lower(), row.number("lower"), TOLERANCE);
            parity.check(what + " upper", q.upper(), row.number("upper"), TOLERANCE);
            assertThat(q.pValue()).isNull();
        }
        parity.assertAllMatched();
        System.out.printf("KaplanMeier against R: %d quantiles, max relative error %.3g%n", rows.size(),
                parity.maxRelativeError());
    }

    @Test
    void quantile_shouldTakeTheMidpoint_whenTheCurveIsFlatExactlyAtTheQuantile() {
        // S = 0.5 from 2 to 3: survival's rule gives the middle of the flat stretch
        IntervalEstimate median = KaplanMeier.fit(new double[] {1, 2, 3, 4}, new boolean[] {true, true, true, true})
                .quantile(0.5, 0.95);

        assertThat(median.estimate()).isEqualTo(2.5);
    }

    @Test
    void quantile_shouldBeNull_whenTheCurveNeverReachesIt() {
        IntervalEstimate median = KaplanMeier.fit(new double[] {1, 2, 3, 8, 8, 8},
                new boolean[] {true, false, false, false, false, false}).quantile(0.5, 0.95);

        assertThat(median).isEqualTo(new IntervalEstimate(null, null, null, null));
    }

    @Test
    void quantile_shouldBeNull_whenThereAreNoObservations() {
        assertThat(KaplanMeier.fit(new double[0], new boolean[0]).quantile(0.5, 0.95).estimate()).isNull();
    }

    @Test
    void fit_shouldRejectBadInput_withTheFieldNamed() {
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, -2}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("times[1]:");
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, Double.NaN}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("times[1]:");
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("events:");
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1}, new boolean[] {true}).quantile(1.5, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("p:");
    }
}
