package io.demandloop.shared.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares Java results with R's values at a relative tolerance, mapping R's NA / NaN / Inf to our null, and
 * collects every mismatch so that one run shows them all.
 */
final class Parity {

    /**
     * Below the smallest normal double a value has fewer than 52 significant bits (R prints 2.6e-322 where Java
     * underflows to 0): there, a difference smaller than this absolute amount counts as a match.
     */
    static final double SUBNORMAL = Double.MIN_NORMAL;

    private final List<String> mismatches = new ArrayList<>();
    private double maxRelativeError;
    private int compared;

    /** The largest relative error seen (reported by the tests, quoted in docs/outcomes.md). */
    double maxRelativeError() {
        return maxRelativeError;
    }

    int compared() {
        return compared;
    }

    /**
     * Checks {@code actual} against R's {@code expected}: where R gives NA, NaN or ±Inf we expect null (our
     * representation of undefined or unbounded); where R gives 0 we expect exactly 0; else relative {@code tolerance}.
     */
    void check(String what, Double actual, Double expected, double tolerance) {
        compared++;
        if (expected == null || expected.isNaN() || expected.isInfinite()) {
            if (actual != null) {
                mismatches.add(what + ": R gives " + expected + ", expected null, was " + actual);
            }
            return;
        }
        if (actual == null) {
            mismatches.add(what + ": R gives " + expected + ", was null");
            return;
        }
        if (Math.abs(expected) < SUBNORMAL && Math.abs(actual) < SUBNORMAL) {
            return;
        }
        if (expected == 0) {
            if (actual != 0) {
                mismatches.add(what + ": R gives 0, was " + actual);
            }
            return;
        }
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        maxRelativeError = Math.max(maxRelativeError, relative);
        if (!(relative <= tolerance)) {
            mismatches.add(what + ": " + actual + " against R's " + expected + ", relative error " + relative);
        }
    }

    /** Fails listing every mismatch. */
    void assertAllMatched() {
        assertThat(mismatches).as("mismatches against R (%d of %d values)", mismatches.size(), compared).isEmpty();
    }
}
