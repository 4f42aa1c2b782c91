package io.demandloop.shared.alert;

import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.time.SortableInstant;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group of alerts of one service close together in time (DESIGN.md §4), derived from the stored alerts by
 * {@link EpisodeGrouping}: its identity is the service and the start of its first alert, so recomputing it gives
 * the same item, whatever order the alerts arrived in.
 *
 * @param service              the service
 * @param start                the start of its first alert
 * @param lastStart            the start of its last alert
 * @param end                  when its last alert stopped; null while any alert is firing
 * @param status               firing while any of its alerts is firing, else resolved
 * @param maxSeverity          the highest severity among its alerts
 * @param alertCount           how many alerts it groups
 * @param firingCount          how many of them are firing
 * @param fingerprintCount     how many distinct fingerprints they have
 * @param flapping             whether any of its alerts is flapping (see {@link EpisodeRules})
 * @param flappingFingerprints the fingerprints found flapping, sorted, at most {@value #MAX_LISTED} of them
 * @param firstAlert           the key of its first alert
 * @param linkedIncident       the key of the open incident of the service it was linked to; null when none
 */
public record AlertEpisode(
        String service,
        Instant start,
        Instant lastStart,
        Instant end,
        AlertStatus status,
        Severity maxSeverity,
        int alertCount,
        int firingCount,
        int fingerprintCount,
        boolean flapping,
        List<String> flappingFingerprints,
        String firstAlert,
        String linkedIncident) {

    /** At most this many flapping fingerprints are listed, to keep the item small. */
    public static final int MAX_LISTED = 5;

    public AlertEpisode {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(lastStart, "lastStart");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(maxSeverity, "maxSeverity");
        Objects.requireNonNull(firstAlert, "firstAlert");
        flappingFingerprints = flappingFingerprints == null ? List.of() : List.copyOf(flappingFingerprints);
    }

    /** The identity of the episode: service and first start. */
    public String id() {
        return service + "#" + SortableInstant.format(start);
    }

    /** The same episode linked to an incident (or unlinked, with null). */
    public AlertEpisode withLinkedIncident(String incidentKey) {
        return new AlertEpisode(service, start, lastStart, end, status, maxSeverity, alertCount, firingCount,
                fingerprintCount, flapping, flappingFingerprints, firstAlert, incidentKey);
    }
}
