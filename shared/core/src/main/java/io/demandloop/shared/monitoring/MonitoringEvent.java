package io.demandloop.shared.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.demandloop.shared.ticket.Ticket;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical monitoring event (DESIGN.md §4): one state of one alert, from any monitoring tool.
 *
 * @param source        the tool, e.g. {@code alertmanager}
 * @param alertId       the identity of this alert occurrence per the source's rule (Alertmanager
 *                      {@code fingerprint} + {@code startsAt}; PagerDuty incident id; CloudEvents source + id;
 *                      EventBridge id, …); versions of one alert share it
 * @param fingerprint   what identifies the alert across occurrences (Alertmanager fingerprint, CloudWatch alarm
 *                      ARN, …), used to mark flapping
 * @param service       the service it concerns; {@code unknown} when the source names none
 * @param severity      the normalised severity
 * @param status        firing or resolved
 * @param startsAt      when it started firing
 * @param endsAt        when it stopped; null while firing
 * @param title         a short description, bounded in length
 * @param labels        selected labels, without personal data; never null
 * @param sourceVersion the source's order of versions of this alert; a higher one is newer
 * @param observedAt    when the source says this state was observed
 * @param link          a URL back to the alert at the source; may be null
 */
public record MonitoringEvent(
        String source,
        String alertId,
        String fingerprint,
        String service,
        Severity severity,
        AlertStatus status,
        Instant startsAt,
        Instant endsAt,
        String title,
        Map<String, String> labels,
        long sourceVersion,
        Instant observedAt,
        String link) {

    /** The service name used when the source names none. */
    public static final String UNKNOWN_SERVICE = "unknown";

    public MonitoringEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(observedAt, "observedAt");
        if (alertId.isEmpty() || alertId.length() > Ticket.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("alertId must be 1 to " + Ticket.MAX_ID_LENGTH
                    + " characters, was " + alertId.length());
        }
        // Bounded like a ticket's names, so that an event stays one small item and one bus entry.
        fingerprint = Ticket.bounded(fingerprint);
        service = Ticket.bounded(service);
        title = Ticket.bounded(title);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The identity of the alert across all sources. */
    @JsonIgnore
    public String key() {
        return source + "#" + alertId;
    }
}
