package io.demandloop.shared.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A business calendar: working hours per weekday in one time zone, minus holidays. SLA clocks count only the
 * working time it gives.
 *
 * <p>Working time is real elapsed time inside the working intervals, with the intervals' local times placed on
 * each date in the zone by {@code java.time}: on the night clocks go forward a {@code 00:00-24:00} day lasts 23
 * hours and an interval starting in the gap starts at the first valid instant after it; on the night they go
 * back the day lasts 25 hours. An interval ending at {@code 24:00} ends at the next date's start of day, so
 * intervals on consecutive days (a night shift {@code 22:00-24:00} then {@code 00:00-06:00}) join across
 * midnight.
 */
public final class WorkingCalendar {

    /** How far ahead {@link #plusWorkingTime} looks for working time before giving up (ten years). */
    static final int MAX_DAYS_AHEAD = 3_660;

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<Interval>> hours;
    private final Set<LocalDate> holidays;

    /**
     * @param name     the calendar's name in the configuration
     * @param zone     the zone the working hours are in
     * @param hours    working intervals per weekday, each within the day, sorted and not overlapping
     * @param holidays dates without working time
     */
    public WorkingCalendar(String name, ZoneId zone, Map<DayOfWeek, List<Interval>> hours, Set<LocalDate> holidays) {
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Interval> intervals = new ArrayList<>(hours.getOrDefault(day, List.of()));
            intervals.sort((a, b) -> a.start().compareTo(b.start()));
            for (int i = 1; i < intervals.size(); i++) {
                Interval previous = intervals.get(i - 1);
                if (previous.untilMidnight() || intervals.get(i).start().isBefore(previous.end())) {
                    throw new IllegalArgumentException("calendar '" + name + "': working hours of " + day
                            + " overlap: " + previous + " and " + intervals.get(i));
                }
            }
            copy.put(day, List.copyOf(intervals));
        }
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("calendar '" + name + "' has no working hours on any weekday");
        }
        this.hours = copy;
        this.holidays = Set.copyOf(holidays);
    }

    /** A calendar where every hour of every day is working time, in UTC. */
    public static WorkingCalendar allDay(String name) {
        Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(Interval.parse("00:00-24:00")));
        }
        return new WorkingCalendar(name, ZoneId.of("UTC"), hours, Set.of());
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The working time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            for (Window window : windows(date)) {
                Instant start = max(window.start(), from);
                Instant end = min(window.end(), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of working time has passed since {@code from}: {@code from} itself for
     * zero, else the instant inside a working interval where the amount is used up.
     *
     * @throws IllegalStateException when the calendar has no such time within ten years (holidays everywhere)
     */
    public Instant plusWorkingTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        Duration remaining = amount;
        LocalDate date = LocalDate.ofInstant(from, zone);
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, date = date.plusDays(1)) {
            for (Window window : windows(date)) {
                Instant start = max(window.start(), from);
                if (!window.end().isAfter(start)) {
                    continue;
                }
                Duration length = Duration.between(start, window.end());
                if (remaining.compareTo(length) <= 0) {
                    return start.plus(remaining);
                }
                remaining = remaining.minus(length);
            }
        }
        throw new IllegalStateException("calendar '" + name + "' has less than " + amount
                + " of working time in the ten years after " + from);
    }

    /** The working windows of one date as instants; none on a holiday. */
    private List<Window> windows(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        List<Interval> intervals = hours.get(date.getDayOfWeek());
        List<Window> windows = new ArrayList<>(intervals.size());
        for (Interval interval : intervals) {
            // ZonedDateTime.of moves a local time in a DST gap forward by the gap and takes the earlier offset
            // in an overlap, so the windows are real instants on every date.
            Instant start = ZonedDateTime.of(date, interval.start(), zone).toInstant();
            Instant end = interval.untilMidnight()
                    ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(date, interval.end(), zone).toInstant();
            if (end.isAfter(start)) {
                windows.add(new Window(start, end));
            }
        }
        return windows;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Window(Instant start, Instant end) {
    }

    /**
     * Working hours within one day, {@code HH:mm-HH:mm}; the end may be {@code 24:00} (the end of the day).
     *
     * @param start the first working minute
     * @param end   the end (exclusive); null for the end of the day
     */
    public record Interval(LocalTime start, LocalTime end) {

        public Interval {
            Objects.requireNonNull(start, "start");
            if (end != null && !end.isAfter(start)) {
                throw new IllegalArgumentException("working hours must end after they start, was " + start + "-" + end
                        + " (use two intervals, e.g. 22:00-24:00 and 00:00-06:00 on the next day, across midnight)");
            }
        }

        /** Parses {@code 09:00-17:30} or {@code 00:00-24:00}; fails naming the text. */
        public static Interval parse(String text) {
            String[] parts = text == null ? new String[0] : text.trim().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("working hours must look like 09:00-17:00, was '" + text + "'");
            }
            try {
                LocalTime start = LocalTime.parse(parts[0].trim());
                String endText = parts[1].trim();
                LocalTime end = "24:00".equals(endText) ? null : LocalTime.parse(endText);
                return new Interval(start, end);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("working hours must look like 09:00-17:00, was '" + text + "'", e);
            }
        }

        boolean untilMidnight() {
            return end == null;
        }

        @Override
        public String toString() {
            return start + "-" + (end == null ? "24:00" : end.toString());
        }
    }
}
