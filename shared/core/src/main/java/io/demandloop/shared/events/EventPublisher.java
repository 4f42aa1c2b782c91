package io.demandloop.shared.events;

import java.util.List;

/** Port: puts events on the pipeline's bus. */
public interface EventPublisher {

    /**
     * Publishes every event, or throws. Returns only once the bus accepted all of them.
     *
     * @return the event ids the bus assigned, in the order given
     * @throws PublishException when some events were still refused after the retries
     */
    List<String> publish(List<BusEvent> events);
}
