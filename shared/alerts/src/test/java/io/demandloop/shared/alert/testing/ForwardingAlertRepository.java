package io.demandloop.shared.alert.testing;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertOccurrence;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.monitoring.MonitoringEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * An {@link AlertRepository} that forwards every call to another one: the base of test decorators that inject a
 * crash or a concurrent change at one point and leave the rest alone.
 */
public class ForwardingAlertRepository implements AlertRepository {

    private final AlertRepository delegate;

    public ForwardingAlertRepository(AlertRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public AlertWrite store(MonitoringEvent event) {
        return delegate.store(event);
    }

    @Override
    public Optional<MonitoringEvent> find(String service, String key) {
        return delegate.find(service, key);
    }

    @Override
    public List<AlertOccurrence> occurrencesStartingBetween(String service, Instant from, Instant to) {
        return delegate.occurrencesStartingBetween(service, from, to);
    }

    @Override
    public List<AlertEpisode> episodesStartingBetween(String service, Instant from, Instant to) {
        return delegate.episodesStartingBetween(service, from, to);
    }

    @Override
    public void putEpisode(AlertEpisode episode) {
        delegate.putEpisode(episode);
    }

    @Override
    public SortedSet<String> servicesWithEpisodes() {
        return delegate.servicesWithEpisodes();
    }

    @Override
    public void deleteEpisode(String service, Instant start) {
        delegate.deleteEpisode(service, start);
    }
}
