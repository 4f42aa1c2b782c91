package io.demandloop.shared.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HodgesLehmann} against R's {@code wilcox.test(conf.int = TRUE)} (reference.R, hodges_lehmann.csv). */
class HodgesLehmannParityTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void shift_shouldMatchR_exactAndNormalApproximation() {
        // GIVEN R's estimates, intervals and p-values: exact cases without ties, normal approximation with ties or n >= 50
        List<ReferenceCsv.Row> rows = ReferenceCsv.read("hodges_lehmann.csv");
        assertThat(rows).extracting(row -> row.text("method")).contains("Wilcoxon rank sum exact test",
                "Wilcoxon rank sum test with continuity correction");
        Parity parity = new Parity();
        for (ReferenceCsv.Row row : rows) {
            // WHEN
            IntervalEstimate shift = HodgesLehmann.shift(row.numbers("x"), row.numbers("y"), row.number("conf"));
            // THEN
            String what = row.text("name") + " conf=" + row.text("conf");
            parity.check(what + " estimate", shift.estimate(), row.number("estimate"), TOLERANCE);
            parity.check(what + " lower", shift.lower(), row.number("lower"), TOLERANCE);
            parity.check(what + " upper", shift.upper(), row.number("upper"), TOLERANCE);
            parity.check(what + " p", shift.pValue(), row.number("p"), TOLERANCE);
        }
        parity.assertAllMatched();
        System.out.printf("HodgesLehmann against R: %d cases, max relative error %.3g%n", rows.size(),
                parity.maxRelativeError());
    }

    @Test
    void shift_shouldBePositive_whenXLiesHigher() {
        IntervalEstimate shift = HodgesLehmann.shift(new double[] {11, 12, 13, 14, 15}, new double[] {1, 2, 3, 4, 5},
                0.95);

        assertThat(shift.estimate()).isEqualTo(10.0);
        assertThat(shift.whollyAbove(0)).isTrue();
    }

    @Test
    void shift_shouldHaveNoInterval_whenEveryObservationIsEqual() {
        IntervalEstimate shift = HodgesLehmann.shift(new double[] {2, 2, 2}, new double[] {2, 2}, 0.95);

        assertThat(shift).isEqualTo(new IntervalEstimate(null, null, null, null));
    }

    @Test
    void shift_shouldRejectBadInput_withTheFieldNamed() {
        assertThatThrownBy(() -> HodgesLehmann.shift(new double[0], new double[] {1}, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x:");
        assertThatThrownBy(() -> HodgesLehmann.shift(new double[] {1}, new double[] {Double.NaN}, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("y[0]:");
    }
}
