package io.demandloop.shared.alert;

import io.demandloop.shared.monitoring.MonitoringEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Port: where alerts (the newest source version of each {@link MonitoringEvent}) and the alert episodes derived
 * from them are kept, per service. Reads are strongly consistent: episode grouping reads what was just written.
 */
public interface AlertRepository {

    /**
     * Stores the alert unless the same or a newer source version is already stored.
     *
     * @return what happened and where the stored alert starts; never throws for a duplicate or stale version
     */
    AlertWrite store(MonitoringEvent event);

    /** The stored alert of a service with this identity ({@link MonitoringEvent#key()}), if any. */
    Optional<MonitoringEvent> find(String service, String key);

    /** The stored alerts of a service starting in {@code [from, to]}, in {@link AlertOccurrence#BY_START} order. */
    List<AlertOccurrence> occurrencesStartingBetween(String service, Instant from, Instant to);

    /** The stored episodes of a service starting in {@code [from, to]}, oldest first. */
    List<AlertEpisode> episodesStartingBetween(String service, Instant from, Instant to);

    /**
     * The episodes of a service that started on a UTC day: the alert-episode count of the service's lifecycle
     * counts for that day (docs/storage.md).
     */
    default List<AlertEpisode> episodesOn(String service, LocalDate day) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return episodesStartingBetween(service, from, from.plus(Duration.ofDays(1)).minusMillis(1));
    }

    /** Writes an episode, replacing the one with the same service and start. */
    void putEpisode(AlertEpisode episode);

    /**
     * Every service that has had an episode written, by name: the services whose alerts the nightly demand
     * evaluation reads, including those no ticket and no catalog entry names (an alert-only service). A service
     * stays listed after its episodes are deleted.
     */
    SortedSet<String> servicesWithEpisodes();

    /** Deletes the episode of a service with this start; nothing when there is none. */
    void deleteEpisode(String service, Instant start);
}
