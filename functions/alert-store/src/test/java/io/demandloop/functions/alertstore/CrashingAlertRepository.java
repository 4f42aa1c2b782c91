package io.demandloop.functions.alertstore;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertOccurrence;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.alert.MonitoringEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An {@link AlertRepository} that can be told to crash at its next episode write (put or delete), once. */
final class CrashingAlertRepository implements AlertRepository {

    /** The injected crash. */
    static final class CrashException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CrashException() {
            super("injected crash between two writes");
        }
    }

    private final AlertRepository delegate;
    private boolean armed;

    CrashingAlertRepository(AlertRepository delegate) {
        this.delegate = delegate;
    }

    void crashAtNextEpisodeWrite() {
        armed = true;
    }

    /** No crash pending any more. */
    void disarm() {
        armed = false;
    }

    private void maybeCrash() {
        if (armed) {
            armed = false;
            throw new CrashException();
        }
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
        maybeCrash();
        delegate.putEpisode(episode);
    }

    @Override
    public void deleteEpisode(String service, Instant start) {
        maybeCrash();
        delegate.deleteEpisode(service, start);
    }
}
