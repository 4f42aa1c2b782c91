package io.demandloop.shared.testing;

import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.PublishException;
import java.util.ArrayList;
import java.util.List;

/** {@link EventPublisher} that records what it is given, or refuses everything when told to. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<BusEvent> published = new ArrayList<>();
    private boolean refusing;

    @Override
    public synchronized List<String> publish(List<BusEvent> events) {
        if (refusing) {
            throw new PublishException(events.size() + " event(s) were refused by the test bus");
        }
        List<String> ids = new ArrayList<>();
        for (BusEvent event : events) {
            published.add(event);
            ids.add("event-" + published.size());
        }
        return ids;
    }

    /** From now on every publish throws {@link PublishException}. */
    public synchronized void refuseEverything() {
        refusing = true;
    }

    /** Everything published so far, in order. */
    public synchronized List<BusEvent> published() {
        return List.copyOf(published);
    }
}
