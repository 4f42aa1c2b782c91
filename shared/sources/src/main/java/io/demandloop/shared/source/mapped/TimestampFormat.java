package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a mapped tool writes its dates, and the reading of one into an {@link Instant}.
 *
 * <p>Formats, by name:
 * <ul>
 *   <li>{@code auto} (the default): a JSON number or a string of digits is epoch time, its unit told by its
 *       magnitude (below 10<sup>11</sup> seconds, below 10<sup>14</sup> milliseconds, below 10<sup>17</sup>
 *       microseconds, else nanoseconds); text is read as {@code iso}, else as {@code rfc-1123}.</li>
 *   <li>{@code iso}: ISO-8601 date and time, {@code T} or a space between them, seconds and fraction optional,
 *       offset optional and written {@code Z}, {@code +01:00} or {@code +0100}:
 *       {@code 2026-11-16T08:02:11Z}, {@code 2026-11-16T09:02:11+01:00}, {@code 2026-11-16 08:02:11}.</li>
 *   <li>{@code salesforce}: exactly {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}, e.g. {@code 2026-11-16T08:02:11.000+0000}.</li>
 *   <li>{@code rfc-1123}: {@code Mon, 16 Nov 2026 08:02:11 GMT}.</li>
 *   <li>{@code epoch-millis}, {@code epoch-seconds}: a number or a string of digits (seconds may have a fraction).</li>
 *   <li>anything else is a {@link DateTimeFormatter} pattern (English month and day names, case ignored),
 *       e.g. {@code yyyy-MM-dd HH:mm:ss} or {@code dd/MM/yyyy hh:mm a}; a pattern without a date gives the
 *       start of that day.</li>
 * </ul>
 * A date without an offset is read in the configured zone (UTC unless told otherwise).
 */
public final class TimestampFormat {

    /** The named formats, for messages and documentation. */
    public static final List<String> NAMES = List.of("auto", "iso", "salesforce", "rfc-1123", "epoch-millis", "epoch-seconds");

    /** The default: {@code auto} in UTC. */
    public static final TimestampFormat AUTO_UTC = new TimestampFormat("auto", ZoneId.of("UTC"));

    private static final DateTimeFormatter LENIENT_ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            // Two optional offset forms: +01:00 (and Z) as ISO writes it, +0100 as Salesforce and BMC write it.
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT);

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigInteger SECONDS_BELOW = BigInteger.valueOf(100_000_000_000L);
    private static final BigInteger MILLIS_BELOW = BigInteger.valueOf(100_000_000_000_000L);
    private static final BigInteger MICROS_BELOW = BigInteger.valueOf(100_000_000_000_000_000L);

    private final String name;
    private final ZoneId zone;
    private final DateTimeFormatter pattern;

    private TimestampFormat(String name, ZoneId zone) {
        this.name = name;
        this.zone = zone;
        this.pattern = NAMES.contains(name) ? null
                : io.demandloop.shared.time.SourceTimes.strictPattern(name, Locale.ENGLISH);
    }

    /**
     * A format by name or pattern, reading dates without an offset in {@code zone}.
     *
     * @throws IllegalArgumentException when the name is unknown or the pattern invalid, saying which
     */
    public static TimestampFormat of(String nameOrPattern, ZoneId zone) {
        Objects.requireNonNull(nameOrPattern, "nameOrPattern");
        Objects.requireNonNull(zone, "zone");
        // Something that looks like a keyword is never taken as a pattern, so that a misspelt name
        // (epoch-milis) fails here instead of becoming a pattern that matches nothing.
        if (!NAMES.contains(nameOrPattern) && nameOrPattern.matches("[a-z0-9-]*")) {
            throw new IllegalArgumentException("unknown date format '" + nameOrPattern + "'; use one of "
                    + String.join(", ", NAMES) + ", or a pattern such as yyyy-MM-dd HH:mm:ss");
        }
        try {
            return new TimestampFormat(nameOrPattern, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + nameOrPattern + "' is not a valid date pattern: " + e.getMessage());
        }
    }

    /** The name or pattern. */
    public String name() {
        return name;
    }

    /** The zone of dates written without an offset. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Reads a date.
     *
     * @param value a JSON string or number
     * @throws DateTimeException when the value is not a date of this format
     */
    public Instant read(JsonNode value) {
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asText().trim();
        try {
            Instant instant = readText(text);
            if (!io.demandloop.shared.time.SourceTimes.isPlausible(instant)) {
                throw new DateTimeException("'" + text + "' is outside the years " + io.demandloop.shared.time.SourceTimes.FIRST_YEAR
                        + " to " + io.demandloop.shared.time.SourceTimes.LAST_YEAR);
            }
            return instant;
        } catch (ArithmeticException e) {
            throw new DateTimeException("'" + text + "' is out of the range of dates");
        }
    }

    private Instant readText(String text) {
        switch (name) {
            case "auto":
                if (isEpochNumber(text)) {
                    return epochByMagnitude(new BigDecimal(text));
                }
                try {
                    return formatted(LENIENT_ISO, text);
                } catch (DateTimeException e) {
                    if (text.indexOf(',') > 0) {
                        return formatted(DateTimeFormatter.RFC_1123_DATE_TIME, text);
                    }
                    throw e;
                }
            case "iso":
                return formatted(LENIENT_ISO, text);
            case "salesforce":
                return formatted(SALESFORCE, text);
            case "rfc-1123":
                return formatted(DateTimeFormatter.RFC_1123_DATE_TIME, text);
            case "epoch-millis":
                return Instant.ofEpochMilli(epochNumber(text).setScale(0, RoundingMode.DOWN).longValueExact());
            case "epoch-seconds":
                return fromMicros(epochNumber(text).multiply(THOUSAND).multiply(THOUSAND));
            default:
                return formatted(pattern, text);
        }
    }

    @Override
    public String toString() {
        return name + " (" + zone + ")";
    }

    private Instant formatted(DateTimeFormatter formatter, String text) {
        TemporalAccessor parsed = formatter.withZone(zone).parse(text);
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        // A pattern with a date but no time of day.
        return LocalDate.from(parsed).atStartOfDay(zone).toInstant();
    }

    private static boolean isEpochNumber(String text) {
        return !text.isEmpty() && text.matches("-?\\d+(\\.\\d+)?");
    }

    private static BigDecimal epochNumber(String text) {
        if (!isEpochNumber(text)) {
            throw new DateTimeParseException("not a number of epoch time", text, 0);
        }
        return new BigDecimal(text);
    }

    private static Instant epochByMagnitude(BigDecimal value) {
        BigInteger magnitude = value.abs().toBigInteger();
        if (magnitude.compareTo(SECONDS_BELOW) < 0) {
            return fromMicros(value.multiply(THOUSAND).multiply(THOUSAND));
        }
        if (magnitude.compareTo(MILLIS_BELOW) < 0) {
            return fromMicros(value.multiply(THOUSAND));
        }
        if (magnitude.compareTo(MICROS_BELOW) < 0) {
            return fromMicros(value);
        }
        return fromMicros(value.divide(THOUSAND));
    }

    private static Instant fromMicros(BigDecimal micros) {
        BigInteger whole = micros.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        BigInteger[] secondsAndMicros = whole.divideAndRemainder(BigInteger.valueOf(1_000_000));
        long seconds = secondsAndMicros[0].longValueExact();
        long rest = secondsAndMicros[1].longValueExact();
        if (rest < 0) {
            seconds -= 1;
            rest += 1_000_000;
        }
        return Instant.ofEpochSecond(seconds, rest * 1_000);
    }
}
