package io.demandloop.functions.alertstore;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.testing.ForwardingAlertRepository;
import java.time.Instant;

/** An {@link AlertRepository} that can be told to crash at its next episode write (put or delete), once. */
final class CrashingAlertRepository extends ForwardingAlertRepository {

    /** The injected crash. */
    static final class CrashException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CrashException() {
            super("injected crash between two writes");
        }
    }

    private boolean armed;

    CrashingAlertRepository(AlertRepository delegate) {
        super(delegate);
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
    public void putEpisode(AlertEpisode episode) {
        maybeCrash();
        super.putEpisode(episode);
    }

    @Override
    public void deleteEpisode(String service, Instant start) {
        maybeCrash();
        super.deleteEpisode(service, start);
    }
}
