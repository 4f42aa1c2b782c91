package io.demandloop.shared.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PoissonDifferenceInDifferences} against R's Poisson {@code glm} (reference.R, did.csv). */
class PoissonDifferenceInDifferencesParityTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void fit_shouldMatchR_withAndWithoutACommonTrend() {
        // GIVEN R's fits run to convergence (glm.control(epsilon = 1e-14)): several control rows, unequal exposures,
        // two treated services, common trend or not
        List<ReferenceCsv.Row> rows = ReferenceCsv.read("did.csv");
        assertThat(rows).extracting(row -> row.text("name")).contains("common-trend", "no-common-trend");
        Parity parity = compare(rows, "converged_", TOLERANCE);
        System.out.printf("PoissonDifferenceInDifferences against R (converged): %d fits, max relative error %.3g%n",
                rows.size(), parity.maxRelativeError());
    }

    @Test
    void fit_shouldMatchRsDefaultGlm_withinItsConvergenceError() {
        // glm's default stops at a relative deviance change of 1e-8 and takes its standard errors from the weights of
        // the previous iteration: the estimates agree to 1e-6, the bounds to ~4e-6 and the p-values to ~2e-5 of the
        // maximum-likelihood fit (the test above). These bounds hold that difference, and no more, in view.
        List<ReferenceCsv.Row> rows = ReferenceCsv.read("did.csv");
        Parity estimates = new Parity();
        Parity bounds = new Parity();
        Parity pValues = new Parity();
        for (ReferenceCsv.Row row : rows) {
            if (row.integer("zero_cell") == 1) {
                continue;
            }
            IntervalEstimate result = PoissonDifferenceInDifferences.fit(rowsOf(row), row.number("conf"));
            String what = row.text("name") + " conf=" + row.text("conf");
            estimates.check(what + " estimate", result.estimate(), row.number("default_estimate"), 1e-6);
            bounds.check(what + " lower", result.lower(), row.number("default_lower"), 1e-5);
            bounds.check(what + " upper", result.upper(), row.number("default_upper"), 1e-5);
            pValues.check(what + " p", result.pValue(), row.number("default_p"), 1e-4);
        }
        estimates.assertAllMatched();
        bounds.assertAllMatched();
        pValues.assertAllMatched();
        System.out.printf("PoissonDifferenceInDifferences against R's default glm: max relative error estimate %.3g,"
                + " bounds %.3g, p %.3g%n", estimates.maxRelativeError(), bounds.maxRelativeError(),
                pValues.maxRelativeError());
    }

    private static Parity compare(List<ReferenceCsv.Row> rows, String prefix, double tolerance) {
        Parity parity = new Parity();
        for (ReferenceCsv.Row row : rows) {
            // WHEN
            IntervalEstimate result = PoissonDifferenceInDifferences.fit(rowsOf(row), row.number("conf"));
            // THEN
            String what = row.text("name") + " conf=" + row.text("conf");
            if (row.integer("zero_cell") == 1) {
                // R's estimate is a meaningless 1e-10 here; we answer undefined
                assertThat(result).as(what).isEqualTo(new IntervalEstimate(null, null, null, null));
                continue;
            }
            parity.check(what + " estimate", result.estimate(), row.number(prefix + "estimate"), tolerance);
            parity.check(what + " lower", result.lower(), row.number(prefix + "lower"), tolerance);
            parity.check(what + " upper", result.upper(), row.number(prefix + "upper"), tolerance);
            parity.check(what + " p", result.pValue(), row.number(prefix + "p"), tolerance);
        }
        parity.assertAllMatched();
        return parity;
    }

    @Test
    void fit_shouldGiveRatioOne_whenControlsFollowTheSameTrend() {
        List<PoissonDifferenceInDifferences.Row> rows = List.of(
                new PoissonDifferenceInDifferences.Row(true, false, 40, 84),
                new PoissonDifferenceInDifferences.Row(true, true, 20, 84),
                new PoissonDifferenceInDifferences.Row(false, false, 60, 84),
                new PoissonDifferenceInDifferences.Row(false, true, 30, 84));

        IntervalEstimate result = PoissonDifferenceInDifferences.fit(rows, 0.95);

        assertThat(result.estimate()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.whollyBelow(1)).isFalse();
    }

    @Test
    void fit_shouldRejectAMissingCell_withTheFieldNamed() {
        List<PoissonDifferenceInDifferences.Row> rows = List.of(
                new PoissonDifferenceInDifferences.Row(true, false, 40, 84),
                new PoissonDifferenceInDifferences.Row(true, true, 20, 84),
                new PoissonDifferenceInDifferences.Row(false, false, 60, 84));

        assertThatThrownBy(() -> PoissonDifferenceInDifferences.fit(rows, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: no control row after");
        assertThatThrownBy(() -> PoissonDifferenceInDifferences.fit(
                List.of(new PoissonDifferenceInDifferences.Row(true, false, 4, 0)), 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rows[0].exposure:");
    }

    private static List<PoissonDifferenceInDifferences.Row> rowsOf(ReferenceCsv.Row row) {
        double[] treated = row.numbers("treated");
        double[] after = row.numbers("after");
        double[] count = row.numbers("count");
        double[] days = row.numbers("days");
        List<PoissonDifferenceInDifferences.Row> rows = new ArrayList<>();
        for (int i = 0; i < treated.length; i++) {
            rows.add(new PoissonDifferenceInDifferences.Row(treated[i] == 1, after[i] == 1, (long) count[i], days[i]));
        }
        return rows;
    }
}
