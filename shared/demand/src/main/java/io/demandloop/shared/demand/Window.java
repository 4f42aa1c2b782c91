package io.demandloop.shared.demand;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A judged window {@code [start, end)} of a given length ending at the evaluation instant, and the window of the
 * same length before it ({@code [previousStart, start)}), against which trends are measured.
 *
 * @param length        e.g. {@code P30D}
 * @param start         inclusive
 * @param end           exclusive: the evaluation instant
 */
public record Window(Duration length, Instant start, Instant end) {

    public Window {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The window of the given length ending at {@code end}. */
    public static Window ending(Instant end, Duration length) {
        return new Window(length, end.minus(length), end);
    }

    /** The start of the window before. */
    public Instant previousStart() {
        return start.minus(length);
    }

    /** Whether {@code instant} is in {@code [start, end)}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Whether {@code instant} is in the window before, {@code [previousStart, start)}. */
    public boolean previousContains(Instant instant) {
        return !instant.isBefore(previousStart()) && instant.isBefore(start);
    }

    /** Weeks in the window (days / 7), for rates per week. */
    public double weeks() {
        return length.toSeconds() / (7.0 * 24 * 3600);
    }

    /** A short name, e.g. {@code 30d} (whole days) or the ISO-8601 duration. */
    public String name() {
        return length.toSeconds() % 86_400 == 0 ? length.toDays() + "d" : length.toString();
    }
}
