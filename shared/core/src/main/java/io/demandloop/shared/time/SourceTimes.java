package io.demandloop.shared.time;

import io.demandloop.shared.events.InvalidRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The one rule for times a source sends: a time is a real date (strict resolving: {@code 2026-02-30} is an error,
 * never 28 February) in the years {@value #FIRST_YEAR} to {@value #LAST_YEAR}. Anything else is refused naming
 * the field, so that no time is silently changed and no later arithmetic on it (epoch milliseconds, versions)
 * overflows.
 */
public final class SourceTimes {

    /** The earliest year taken. */
    public static final int FIRST_YEAR = 1;
    /** The latest year taken: four digits, as every tool writes dates. */
    public static final int LAST_YEAR = 9999;

    private static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LATEST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private SourceTimes() {
    }

    /**
     * The instant, when it is within the years taken.
     *
     * @param field the field it came from, for the message
     * @throws InvalidRecordException naming the field otherwise
     */
    public static Instant plausible(Instant instant, String field) {
        if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST))) {
            throw new InvalidRecordException(field + " is " + instant + ", outside the years " + FIRST_YEAR + " to "
                    + LAST_YEAR + "; such a time is refused rather than stored");
        }
        return instant;
    }

    /** Whether the instant is within the years taken. */
    public static boolean isPlausible(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
    }

    /**
     * A formatter for a user's or a tool's date pattern that resolves strictly ({@code 31/02} is an error). Patterns
     * with {@code y} (year of era, as most tools write them) read the era as AD, which strict resolving otherwise
     * demands.
     *
     * @throws IllegalArgumentException when the pattern is invalid
     */
    public static DateTimeFormatter strictPattern(String pattern, Locale locale) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1)
                .toFormatter(locale)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
