package io.demandloop.shared.alert.testing;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertOccurrence;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.ticket.StoreOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In-memory {@link AlertRepository} with the same rules as the DynamoDB adapter: one alert per service and key,
 * newest source version wins, reads see every write at once. Counts the writes, for tests of what a delivery costs.
 */
public final class InMemoryAlertRepository implements AlertRepository {

    private final Map<String, MonitoringEvent> alerts = new TreeMap<>();
    private final Map<String, Instant> previousStarts = new TreeMap<>();
    private final Map<String, AlertEpisode> episodes = new TreeMap<>();
    private final Set<String> listedServices = new TreeSet<>();
    private int episodeWrites;
    private int episodeDeletes;

    @Override
    public synchronized AlertWrite store(MonitoringEvent event) {
        String id = event.service() + "\n" + event.key();
        MonitoringEvent existing = alerts.get(id);
        if (existing != null && existing.sourceVersion() >= event.sourceVersion()) {
            return new AlertWrite(existing.sourceVersion() == event.sourceVersion() ? StoreOutcome.DUPLICATE : StoreOutcome.STALE,
                    existing.startsAt(), Collections.singletonList(previousStarts.get(id)));
        }
        alerts.put(id, event);
        // As the adapter: remember the start of the replaced version, and report it and the one before.
        Instant formerPrevious = previousStarts.get(id);
        previousStarts.put(id, existing == null ? event.startsAt() : existing.startsAt());
        return new AlertWrite(StoreOutcome.STORED, event.startsAt(),
                existing == null ? List.of() : Arrays.asList(existing.startsAt(), formerPrevious));
    }

    @Override
    public synchronized Optional<MonitoringEvent> find(String service, String key) {
        return Optional.ofNullable(alerts.get(service + "\n" + key));
    }

    @Override
    public synchronized List<AlertOccurrence> occurrencesStartingBetween(String service, Instant from, Instant to) {
        List<AlertOccurrence> found = new ArrayList<>();
        for (MonitoringEvent event : alerts.values()) {
            if (event.service().equals(service) && !event.startsAt().isBefore(from) && !event.startsAt().isAfter(to)) {
                found.add(AlertOccurrence.of(event));
            }
        }
        found.sort(AlertOccurrence.BY_START);
        return found;
    }

    @Override
    public synchronized List<AlertEpisode> episodesStartingBetween(String service, Instant from, Instant to) {
        return episodes.values().stream()
                .filter(e -> e.service().equals(service) && !e.start().isBefore(from) && !e.start().isAfter(to))
                .sorted(java.util.Comparator.comparing(AlertEpisode::start))
                .toList();
    }

    @Override
    public synchronized void putEpisode(AlertEpisode episode) {
        episodes.put(episode.id(), episode);
        listedServices.add(episode.service());
        episodeWrites++;
    }

    @Override
    public synchronized SortedSet<String> servicesWithEpisodes() {
        return new TreeSet<>(listedServices);
    }

    @Override
    public synchronized void deleteEpisode(String service, Instant start) {
        episodes.values().removeIf(e -> e.service().equals(service) && e.start().equals(start));
        episodeDeletes++;
    }

    /** Every stored alert (newest versions). */
    public synchronized List<MonitoringEvent> alerts() {
        return List.copyOf(alerts.values());
    }

    /** Every stored episode of a service, oldest first. */
    public synchronized List<AlertEpisode> episodes(String service) {
        return episodesStartingBetween(service, Instant.MIN, Instant.MAX);
    }

    /** Every stored episode, by service then start. */
    public synchronized List<AlertEpisode> episodes() {
        return List.copyOf(episodes.values());
    }

    /** How many episode puts and deletes were made. */
    public synchronized int episodeWrites() {
        return episodeWrites + episodeDeletes;
    }
}
