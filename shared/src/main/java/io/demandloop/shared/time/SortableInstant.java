package io.demandloop.shared.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width ISO-8601 strings ({@code 2026-11-22T06:00:00.000Z}) whose text order is their time
 * order, so that they can serve as sort keys. {@link Instant#toString()} drops zero fractions and does not.
 */
public final class SortableInstant {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SortableInstant() {
    }

    /** Formats with millisecond precision, always 24 characters for years 0000 to 9999. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Parses any ISO-8601 instant, including what {@link #format(Instant)} writes. */
    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
