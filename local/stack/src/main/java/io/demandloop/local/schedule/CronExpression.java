package io.demandloop.local.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)} with EventBridge's rules: exactly one of
 * day-of-month and day-of-week is {@code ?}; {@code *}, lists, ranges (wrapping, e.g. {@code FRI-MON}) and {@code /}
 * steps everywhere; {@code JAN-DEC} and {@code SUN-SAT} names; day-of-week 1-7 = SUN-SAT; in day-of-month {@code L}
 * (last day), {@code LW} (last weekday) and {@code nW} (weekday nearest day n); in day-of-week {@code L} (Saturday),
 * {@code nL} (last such weekday of the month) and {@code n#k} (k-th such weekday).
 *
 * <p>Daylight saving follows EventBridge Scheduler: a local time the clock skips does not fire that day, and a
 * local time the clock passes twice fires once, the first time.
 */
public final class CronExpression implements ScheduleExpression {

    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DayRule dayRule;

    private CronExpression(String expression, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule dayRule) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.dayRule = dayRule;
    }

    static CronExpression parseFields(String expression, String body) {
        String[] fields = body.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("Cron expression \"" + expression + "\" has " + fields.length
                    + " fields; EventBridge needs 6: minutes hours day-of-month month day-of-week year");
        }
        Field minute = new Field(expression, "minutes", 0, 59, null);
        Field hour = new Field(expression, "hours", 0, 23, null);
        Field month = new Field(expression, "month", 1, 12, MONTHS);
        Field year = new Field(expression, "year", MIN_YEAR, MAX_YEAR, null);
        boolean domAny = fields[2].equals("?");
        boolean dowAny = fields[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("Cron expression \"" + expression
                    + "\": exactly one of day-of-month and day-of-week must be ?");
        }
        DayRule dayRule = dowAny
                ? parseDayOfMonth(expression, fields[2])
                : parseDayOfWeek(expression, fields[4]);
        return new CronExpression(expression, minute.parse(fields[0]), hour.parse(fields[1]), month.parse(fields[3]),
                year.parse(fields[5]), dayRule);
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime t) {
        ZoneId zone = t.getZone();
        ZoneRules rules = zone.getRules();
        LocalDate date = t.toLocalDate();
        LocalDate end = LocalDate.of(MAX_YEAR, 12, 31);
        while (!date.isAfter(end)) {
            if (!years.get(date.getYear() - MIN_YEAR)) {
                date = LocalDate.of(date.getYear() + 1, 1, 1);
                continue;
            }
            if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (dayRule.matches(date)) {
                Optional<ZonedDateTime> time = firstTimeOn(date, rules, zone, t);
                if (time.isPresent()) {
                    return time;
                }
            }
            date = date.plusDays(1);
        }
        return Optional.empty();
    }

    private Optional<ZonedDateTime> firstTimeOn(LocalDate date, ZoneRules rules, ZoneId zone, ZonedDateTime after) {
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                LocalDateTime local = LocalDateTime.of(date, LocalTime.of(h, m));
                List<ZoneOffset> offsets = rules.getValidOffsets(local);
                if (offsets.isEmpty()) {
                    continue; // skipped by a spring-forward: EventBridge Scheduler does not fire
                }
                // Passed twice in the fall: fire once, at the first (earlier) offset.
                ZonedDateTime candidate = ZonedDateTime.ofStrict(local, offsets.get(0), zone);
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    // ---- days ------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface DayRule {
        boolean matches(LocalDate date);
    }

    private static DayRule parseDayOfMonth(String expression, String field) {
        String value = field.toUpperCase(Locale.ROOT);
        if (value.equals("L")) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (value.equals("LW")) {
            return date -> date.getDayOfMonth() == nearestWeekday(date, date.lengthOfMonth());
        }
        if (value.endsWith("W")) {
            int day = new Field(expression, "day-of-month", 1, 31, null).single(value.substring(0, value.length() - 1), "W");
            return date -> day <= date.lengthOfMonth() && date.getDayOfMonth() == nearestWeekday(date, day);
        }
        if (value.contains("L") || value.contains("W") || value.contains("#")) {
            throw new IllegalArgumentException("Cron expression \"" + expression + "\": day-of-month " + field
                    + " is not supported (L, LW and nW stand alone; # belongs to day-of-week)");
        }
        BitSet days = new Field(expression, "day-of-month", 1, 31, null).parse(value);
        return date -> days.get(date.getDayOfMonth());
    }

    private static DayRule parseDayOfWeek(String expression, String field) {
        String value = field.toUpperCase(Locale.ROOT);
        Field dow = new Field(expression, "day-of-week", 1, 7, DAYS);
        if (value.equals("L")) {
            return date -> cronDay(date) == 7;
        }
        if (value.endsWith("L")) {
            int day = dow.single(value.substring(0, value.length() - 1), "L");
            return date -> cronDay(date) == day && date.getDayOfMonth() + 7 > date.lengthOfMonth();
        }
        if (value.contains("#")) {
            String[] parts = value.split("#", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Cron expression \"" + expression + "\": day-of-week " + field
                        + " must be day#n");
            }
            int day = dow.single(parts[0], "#");
            int nth = new Field(expression, "day-of-week #", 1, 5, null).single(parts[1], "#");
            return date -> cronDay(date) == day && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        BitSet days = dow.parse(value);
        return date -> days.get(cronDay(date));
    }

    /** Cron numbers days SUN=1 .. SAT=7; {@link DayOfWeek} numbers them MON=1 .. SUN=7. */
    private static int cronDay(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    /** The weekday nearest {@code day} in the month of {@code date}, never crossing into another month. */
    private static int nearestWeekday(LocalDate date, int day) {
        LocalDate target = date.withDayOfMonth(day);
        DayOfWeek dow = target.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY) {
            return day == 1 ? 3 : day - 1;
        }
        if (dow == DayOfWeek.SUNDAY) {
            return day == target.lengthOfMonth() ? day - 2 : day + 1;
        }
        return day;
    }

    // ---- fields ----------------------------------------------------------------------------------------------------

    /** One numeric field: {@code *}, {@code a}, {@code a-b}, each with an optional {@code /step}, comma-separated. */
    private record Field(String expression, String name, int min, int max, String[] names) {

        BitSet parse(String text) {
            BitSet values = new BitSet();
            for (String item : text.split(",", -1)) {
                addItem(item.trim(), values);
            }
            if (min >= MIN_YEAR) {
                // Years are kept from 0 to save space.
                return values.get(min, max + 1);
            }
            return values;
        }

        int single(String text, String context) {
            if (text.isEmpty()) {
                throw problem("\"" + context + "\" needs a value in front");
            }
            return value(text);
        }

        private void addItem(String item, BitSet values) {
            if (item.isEmpty()) {
                throw problem("has an empty list item");
            }
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                String stepText = item.substring(slash + 1);
                try {
                    step = Integer.parseInt(stepText);
                } catch (NumberFormatException e) {
                    throw problem("step \"" + stepText + "\" is not a number");
                }
                if (step < 1) {
                    throw problem("step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw problem("range \"" + range + "\" must be from-to");
                }
                from = value(bounds[0]);
                to = value(bounds[1]);
            } else {
                from = value(range);
                // "a/n" runs from a to the end of the field; a lone "a" is just a.
                to = slash >= 0 ? max : from;
            }
            if (from <= to) {
                for (int v = from; v <= to; v += step) {
                    values.set(v);
                }
            } else {
                if (min >= MIN_YEAR) {
                    throw problem("range " + range + " runs backwards");
                }
                // A range that wraps (FRI-MON, 22-2) continues at the start of the field.
                int span = max - min + 1;
                int length = to + span - from;
                for (int offset = 0; offset <= length; offset += step) {
                    values.set(min + (from - min + offset) % span);
                }
            }
        }

        private int value(String text) {
            if (names != null) {
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equalsIgnoreCase(text)) {
                        return min + i;
                    }
                }
            }
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw problem("\"" + text + "\" is not a " + (names == null ? "number" : "number or name (" + String.join(", ", names) + ")"));
            }
            if (value < min || value > max) {
                throw problem("value " + value + " is outside " + min + "-" + max);
            }
            return value;
        }

        private IllegalArgumentException problem(String message) {
            return new IllegalArgumentException("Cron expression \"" + expression + "\": " + name + " " + message);
        }
    }
}
