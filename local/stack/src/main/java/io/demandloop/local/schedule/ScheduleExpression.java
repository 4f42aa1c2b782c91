package io.demandloop.local.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(value unit)}, {@code cron(fields)} or {@code at(date-time)}, with
 * the rules EventBridge applies when the schedule is created, so an expression AWS would reject fails here too.
 * Times are computed in the time zone of the instant passed in, which callers set to the schedule's zone.
 */
public sealed interface ScheduleExpression permits ScheduleExpression.Rate, ScheduleExpression.At, CronExpression {

    /**
     * @param expression e.g. {@code rate(5 minutes)}, {@code cron(30 5 * * ? *)}, {@code at(2026-11-22T05:30:00)}
     * @return the parsed expression
     * @throws IllegalArgumentException naming the problem when the expression is not valid
     */
    static ScheduleExpression parse(String expression) {
        if (expression == null) {
            throw new IllegalArgumentException("A schedule expression is required");
        }
        String text = expression.trim();
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return Rate.parse(text);
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return CronExpression.parseFields(text, text.substring(5, text.length() - 1));
        }
        if (text.startsWith("at(") && text.endsWith(")")) {
            return At.parse(text);
        }
        throw new IllegalArgumentException("Schedule expression \"" + expression
                + "\" must be rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)");
    }

    /**
     * @param t a point in time, in the schedule's time zone
     * @return the first time strictly after {@code t} the schedule fires, in the same zone; empty when it never
     *         fires again
     */
    Optional<ZonedDateTime> nextAfter(ZonedDateTime t);

    /** @return the expression as written */
    String expression();

    /**
     * {@code rate(value unit)}: a fixed period from a start, a day being 24 hours whatever daylight saving does.
     *
     * @param period     the period
     * @param expression the expression as written
     */
    record Rate(Duration period, String expression) implements ScheduleExpression {

        private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\S+)\\s+(\\S+)\\s*\\)");

        static Rate parse(String text) {
            Matcher m = RATE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("Rate expression \"" + text + "\" must be rate(value unit)");
            }
            long value;
            try {
                value = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Rate expression \"" + text + "\": value " + m.group(1)
                        + " is not a whole number", e);
            }
            if (value <= 0) {
                throw new IllegalArgumentException("Rate expression \"" + text + "\": value must be positive");
            }
            String unit = m.group(2);
            String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
            Duration base = switch (singular) {
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                case "day" -> Duration.ofDays(1);
                default -> throw new IllegalArgumentException("Rate expression \"" + text + "\": unit " + unit
                        + " must be minute(s), hour(s) or day(s)");
            };
            // EventBridge insists on "1 minute" but "5 minutes", and so do we, so a template never fails only on AWS.
            boolean plural = !singular.equals(unit);
            if (value == 1 && plural || value > 1 && !plural) {
                throw new IllegalArgumentException("Rate expression \"" + text + "\": use the singular unit for 1 and "
                        + "the plural for more (rate(1 " + singular + "), rate(" + value + " " + singular + "s))");
            }
            return new Rate(base.multipliedBy(value), text);
        }

        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime t) {
            return Optional.of(t.plus(period));
        }
    }

    /**
     * {@code at(yyyy-mm-ddThh:mm:ss)}: a one-time schedule (EventBridge Scheduler only), at a local date-time in the
     * schedule's zone.
     *
     * @param at         the local date-time
     * @param expression the expression as written
     */
    record At(LocalDateTime at, String expression) implements ScheduleExpression {

        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

        static At parse(String text) {
            String value = text.substring(3, text.length() - 1).trim();
            try {
                return new At(LocalDateTime.parse(value, FORMAT), text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("One-time expression \"" + text
                        + "\" must be at(yyyy-mm-ddThh:mm:ss): " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime t) {
            ZonedDateTime when = at.atZone(t.getZone());
            return when.isAfter(t) ? Optional.of(when) : Optional.empty();
        }
    }
}
