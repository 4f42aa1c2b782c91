package io.demandloop.shared.testing;

import io.demandloop.shared.metrics.MetricsSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps every value put, in order, for assertions on the metrics a handler or service emits. */
public final class RecordingMetricsSink implements MetricsSink {

    /** One recorded value. */
    public record Recorded(String name, double value, MetricUnit unit, Map<String, String> dimensions) {
    }

    private final List<Recorded> recorded = new ArrayList<>();

    @Override
    public synchronized void put(String name, double value, MetricUnit unit, Map<String, String> dimensions) {
        recorded.add(new Recorded(name, value, unit, Map.copyOf(dimensions)));
    }

    public synchronized List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    /** The sum of a metric's values with exactly these dimensions. */
    public synchronized double sum(String name, Map<String, String> dimensions) {
        return recorded.stream().filter(r -> r.name().equals(name) && r.dimensions().equals(dimensions))
                .mapToDouble(Recorded::value).sum();
    }
}
