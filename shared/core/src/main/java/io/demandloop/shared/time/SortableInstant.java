package io.demandloop.shared.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants as fixed-width ISO-8601 strings ({@code 2026-11-22T06:00:00.000Z}) whose text order is their time
 * order, so that they can serve as sort keys. {@link Instant#toString()} drops zero fractions and does not.
 */
public final class SortableInstant {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The length of what {@link #format(Instant)} writes for years 0000 to 9999. */
    private static final int LENGTH = 24;
    private static final int SECONDS_PER_DAY = 86_400;

    private SortableInstant() {
    }

    /** Formats with millisecond precision, always 24 characters for years 0000 to 9999. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Parses any ISO-8601 instant, including what {@link #format(Instant)} writes, to the same instant as
     * {@link Instant#parse}. The stores hold tens of thousands of these and a night's evaluation reads them all: the
     * form {@link #format(Instant)} writes is read by hand (a {@link DateTimeFormatter} costs several times more);
     * anything else (another ISO form, {@code 24:00}, a leap second, a malformed value) goes to
     * {@link Instant#parse}.
     *
     * @throws DateTimeParseException when {@code text} is not an ISO-8601 instant; the message quotes it
     */
    public static Instant parse(String text) {
        Instant fixed = fixedWidth(text);
        if (fixed != null) {
            return fixed;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new DateTimeParseException("not an ISO-8601 instant such as 2026-11-22T06:00:00.000Z: '" + text
                    + "' (" + e.getMessage() + ")", text, e.getErrorIndex(), e);
        }
    }

    /** The instant {@code text} writes in exactly the form of {@link #format(Instant)}; null when it is not that. */
    private static Instant fixedWidth(String text) {
        if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return null;
        }
        int year = Digits.parse(text, 0, 4);
        int month = Digits.parse(text, 5, 7);
        int day = Digits.parse(text, 8, 10);
        int hour = Digits.parse(text, 11, 13);
        int minute = Digits.parse(text, 14, 16);
        int second = Digits.parse(text, 17, 19);
        int millis = Digits.parse(text, 20, 23);
        // Out of range (including 24:00 and a leap second, which Instant.parse reads its own way): not this form.
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second,
                millis * 1_000_000L);
    }
}
