package io.demandloop.shared.alert;

import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * What episode grouping needs of one stored alert (the newest stored version of a {@link MonitoringEvent}).
 *
 * @param key           the alert's identity, {@link MonitoringEvent#key()}
 * @param fingerprint   what identifies the alert across occurrences
 * @param severity      its severity
 * @param status        firing or resolved
 * @param startsAt      when it started firing
 * @param endsAt        when it stopped; null while firing
 * @param sourceVersion the stored version
 */
public record AlertOccurrence(String key, String fingerprint, Severity severity, AlertStatus status, Instant startsAt,
                              Instant endsAt, long sourceVersion) {

    /** Start order, ties broken by key: the order grouping walks in. */
    public static final Comparator<AlertOccurrence> BY_START =
            Comparator.comparing(AlertOccurrence::startsAt).thenComparing(AlertOccurrence::key);

    public AlertOccurrence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
    }

    /** The occurrence of a monitoring event. */
    public static AlertOccurrence of(MonitoringEvent event) {
        return new AlertOccurrence(event.key(), event.fingerprint(), event.severity(), event.status(), event.startsAt(),
                event.endsAt(), event.sourceVersion());
    }

    /** When it stopped, if it is resolved: its end, else its start (a resolved alert without an end). */
    public Instant resolvedAt() {
        if (status != AlertStatus.RESOLVED) {
            return null;
        }
        return endsAt != null && !endsAt.isBefore(startsAt) ? endsAt : startsAt;
    }
}
