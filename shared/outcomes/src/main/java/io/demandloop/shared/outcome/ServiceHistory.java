package io.demandloop.shared.outcome;

import java.time.Instant;
import java.util.List;

/**
 * One service's (or the targeted services' pooled) occurrences of one metric, as read for a measurement.
 *
 * @param service   the service, or the targeted services joined with {@code " + "}
 * @param dataStart where the service's history starts (its sources' first data): exposure before it does not count
 * @param events    the occurrences in the windows read, any order
 */
public record ServiceHistory(String service, Instant dataStart, List<MetricEvent> events) {
    public ServiceHistory {
        events = List.copyOf(events);
    }
}
