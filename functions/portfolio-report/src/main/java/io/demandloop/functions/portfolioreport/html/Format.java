package io.demandloop.functions.portfolioreport.html;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page writes dates and numbers: English, UTC, the same text for the same value on every machine. */
public final class Format {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_DATE =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What a missing figure reads as. */
    public static final String NONE = "\u2014";

    private Format() {
    }

    public static String date(Instant instant) {
        return instant == null ? NONE : DATE.format(instant);
    }

    public static String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date.atStartOfDay(ZoneOffset.UTC));
    }

    public static String shortDate(Instant instant) {
        return instant == null ? NONE : SHORT_DATE.format(instant);
    }

    public static String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant);
    }

    /** ISO-8601, for {@code <time datetime>}. */
    public static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** Up to one decimal, whole numbers plain: {@code 4}, {@code 4.5}. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NONE;
        }
        long tenths = Math.round(value * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    public static String number(Double value) {
        return value == null ? NONE : number(value.doubleValue());
    }

    /** Hours with their unit, or the dash. */
    public static String hours(Double value) {
        return value == null ? NONE : number(value) + " h";
    }

    /** A share (0.72) as per cent ({@code 72 %}). */
    public static String share(Double share) {
        return share == null ? NONE : number(share * 100) + "\u00a0%";
    }

    /** A value already in per cent. */
    public static String percent(Double percent) {
        return percent == null ? NONE : number(percent) + "\u00a0%";
    }

    /** A relative change (-0.64) as signed per cent ({@code −64 %}). */
    public static String change(Double change) {
        if (change == null) {
            return NONE;
        }
        String text = number(change * 100);
        return (change > 0 ? "+" : "") + text.replace('-', '\u2212') + "\u00a0%";
    }

    /** {@code 1 day}, {@code 3 days}. */
    public static String plural(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }

    /** A wire name as words: {@code portfolio-review} reads {@code portfolio review}. */
    public static String words(String wireName) {
        return wireName == null ? NONE : wireName.replace('-', ' ');
    }
}
