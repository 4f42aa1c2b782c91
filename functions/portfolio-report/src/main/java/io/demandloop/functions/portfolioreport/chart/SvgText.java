package io.demandloop.functions.portfolioreport.chart;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping, number formatting and checks shared by the charts. */
final class SvgText {

    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private SvgText() {
    }

    /**
     * Text and attribute values: {@code & < > " '} as entities, and control characters (which XML cannot carry)
     * as U+FFFD, so a label from a ticket can neither close an element nor leave an attribute.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? "\uFFFD" : null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** At most {@code max} characters, an ellipsis marking the cut. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /** A coordinate with one decimal, the same bytes for the same number on every machine (no locale). */
    static String coordinate(double value) {
        long tenths = Math.round(value * 10);
        long whole = tenths / 10;
        long fraction = Math.abs(tenths % 10);
        String sign = tenths < 0 && whole == 0 ? "-" : "";
        return fraction == 0 ? sign + whole : sign + whole + "." + fraction;
    }

    /** A value as a reader sees it: whole numbers plain, others with up to two decimals. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        long hundredths = Math.round(value * 100);
        String text = String.format(Locale.ROOT, "%.2f", hundredths / 100.0);
        text = text.contains(".") ? text.replaceAll("0+$", "") : text;
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    static String shortDate(LocalDate date) {
        return SHORT_DATE.format(date);
    }

    /** Refuses NaN and infinities with a message naming the value, instead of drawing outside the view box. */
    static double finite(double value, String what) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, was " + value);
        }
        return value;
    }

    /** Refuses a negative value: every chart here draws counts, rates or hours from zero. */
    static double finiteNonNegative(double value, String what) {
        finite(value, what);
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
        return value;
    }

    /** A round upper bound of the axis at or above {@code max}: 1, 2, 2.5 or 5 times a power of ten. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Opens the root element: its view box, its size and its text alternative ({@code <title>}, {@code <desc>}). */
    static void open(StringBuilder svg, String cssClass, int width, int height, String title, String description) {
        svg.append("<svg class=\"").append(cssClass)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\"><title>").append(escape(title)).append("</title>");
        if (description != null && !description.isBlank()) {
            svg.append("<desc>").append(escape(description)).append("</desc>");
        }
    }
}
