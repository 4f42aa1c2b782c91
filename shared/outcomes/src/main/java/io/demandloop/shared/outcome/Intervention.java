package io.demandloop.shared.outcome;

import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one measurement is about: the targeted services, when the change came, what it should change and the windows.
 * From a delivered initiative ({@link #of(Initiative, OutcomeWindows)}) or from the {@code measure} command (any
 * intervention date, no initiative record).
 *
 * @param id          the initiative's id, or {@code adhoc#<services>@<date>} for {@code measure}
 * @param title       the initiative's title, or a description
 * @param services    the targeted services, at least one
 * @param demandIds   the demands it answers; the earliest {@code firstRaisedAt} among them ends the baseline
 * @param expected    the expected outcome; its {@code category} scopes the primary metric to a pattern
 * @param deliveredAt the intervention instant
 * @param windows     the windows
 */
public record Intervention(String id, String title, List<String> services, List<String> demandIds,
                           ExpectedOutcome expected, Instant deliveredAt, OutcomeWindows windows) {

    public Intervention {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one targeted service");
        }
        demandIds = demandIds == null ? List.of() : List.copyOf(demandIds);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(windows, "windows");
    }

    /** The intervention of a delivered initiative. */
    public static Intervention of(Initiative initiative, OutcomeWindows windows) {
        if (!initiative.delivered()) {
            throw new IllegalArgumentException("initiative '" + initiative.id() + "' is not delivered");
        }
        return new Intervention(initiative.id(), initiative.title(), initiative.services(), initiative.demandIds(),
                initiative.expected(), initiative.deliveredAt(), windows);
    }

    /** The pattern scoping the primary metric, e.g. {@code category:network}; null for the whole services. */
    public String category() {
        return expected.category();
    }

    /** When the after window is complete: delivery, settling period and after window. */
    public Instant afterEnd() {
        return deliveredAt.plus(Duration.ofDays((long) windows.settleDays() + windows.afterDays()));
    }
}
