package io.demandloop.shared.demand;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One measured value beside the threshold it is judged against, e.g. {@code incidents 5 >= 3}.
 *
 * @param name       what is measured, e.g. {@code incidents}, {@code effort hours}
 * @param value      the measured value, formatted ({@link #format})
 * @param comparator how it is compared: {@code >=} or {@code in}
 * @param threshold  the threshold (scaled to the window), formatted
 * @param met        whether the value meets the threshold
 */
public record Measure(String name, String value, String comparator, String threshold, boolean met) {

    public Measure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(threshold, "threshold");
    }

    /** {@code value >= threshold}. */
    public static Measure atLeast(String name, double value, double threshold) {
        return new Measure(name, format(value), ">=", format(threshold), value >= threshold - 1e-9);
    }

    /** Reads e.g. {@code incidents 5 >= 3 (met)}. */
    @Override
    public String toString() {
        return name + " " + value + " " + comparator + " " + threshold + (met ? " (met)" : " (not met)");
    }

    /** A number with at most two decimals, half up, no trailing zeros, no exponent: the same text every run. */
    public static String format(double value) {
        return round(value).stripTrailingZeros().toPlainString();
    }

    /** A number rounded to two decimals, half up; records hold their numbers rounded this way. */
    public static double round2(double value) {
        return round(value).doubleValue();
    }

    private static BigDecimal round(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
    }
}
