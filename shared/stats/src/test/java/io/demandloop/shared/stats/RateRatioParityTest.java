package io.demandloop.shared.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RateRatioTest} against R's {@code poisson.test} (reference.R, rate_ratio.csv). */
class RateRatioParityTest {

    private static final double EXACT_TOLERANCE = 1e-9;

    @Test
    void test_shouldMatchR_onTheGridOfCountsAndExposures() {
        // GIVEN R's answers on 0..1,000 counts, equal and unequal exposures, two confidence levels
        List<ReferenceCsv.Row> rows = ReferenceCsv.read("rate_ratio.csv");
        assertThat(rows).hasSizeGreaterThan(3000);
        Parity parity = new Parity();
        for (ReferenceCsv.Row row : rows) {
            // WHEN
            IntervalEstimate result = RateRatioTest.test(row.integer("x1"), row.number("t1"), row.integer("x2"),
                    row.number("t2"), row.number("conf"));
            // THEN
            String what = row.cells().toString();
            parity.check(what + " estimate", result.estimate(), row.number("estimate"), EXACT_TOLERANCE);
            parity.check(what + " lower", result.lower(), row.number("lower"), EXACT_TOLERANCE);
            parity.check(what + " upper", result.upper(), row.number("upper"), EXACT_TOLERANCE);
            parity.check(what + " p", result.pValue(), row.number("p"), EXACT_TOLERANCE);
        }
        parity.assertAllMatched();
        System.out.printf("RateRatioTest against R: %d rows, max relative error %.3g%n", rows.size(),
                parity.maxRelativeError());
    }

    @Test
    void test_shouldAnswerNoData_whenBothCountsAreZero() {
        IntervalEstimate result = RateRatioTest.test(0, 84, 0, 84, 0.95);

        assertThat(result.estimate()).isNull();
        assertThat(result.lower()).isEqualTo(0.0);
        assertThat(result.upper()).isNull();
        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.whollyBelow(1)).isFalse();
        assertThat(result.whollyAbove(1)).isFalse();
    }

    @Test
    void test_shouldLeaveEstimateAndUpperBoundUndefined_whenTheSecondCountIsZero() {
        IntervalEstimate result = RateRatioTest.test(3, 1, 0, 2, 0.95);

        assertThat(result.estimate()).isNull();
        assertThat(result.upper()).isNull();
        assertThat(result.lower()).isGreaterThan(0.8).isLessThan(0.83);
        assertThat(result.whollyAbove(0.5)).isTrue();
    }

    @Test
    void test_shouldRejectBadInput_withTheFieldNamed() {
        assertThatThrownBy(() -> RateRatioTest.test(-1, 84, 0, 84, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x1:");
        assertThatThrownBy(() -> RateRatioTest.test(1, 0, 0, 84, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t1:");
        assertThatThrownBy(() -> RateRatioTest.test(1, 84, 0, Double.NaN, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t2:");
        assertThatThrownBy(() -> RateRatioTest.test(1, 84, 0, 84, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("confLevel:");
    }
}
