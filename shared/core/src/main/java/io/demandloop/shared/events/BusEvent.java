package io.demandloop.shared.events;

import java.util.Objects;

/**
 * One event to put on the bus.
 *
 * @param source     the event source, one of {@link EventNames}
 * @param detailType the detail-type, one of {@link EventNames}
 * @param detailJson the detail, a JSON object
 */
public record BusEvent(String source, String detailType, String detailJson) {
    public BusEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(detailJson, "detailJson");
    }
}
