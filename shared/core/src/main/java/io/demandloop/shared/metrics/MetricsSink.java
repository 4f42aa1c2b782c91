package io.demandloop.shared.metrics;

import java.util.Map;

/**
 * The port to a metrics backend: one value of one metric, with its dimensions. The functions' adapter writes
 * CloudWatch embedded metric format ({@link EmfMetricsSink}); tests record ({@code RecordingMetricsSink}).
 * Callers use {@link PipelineMetrics}, which owns the names and dimensions.
 */
public interface MetricsSink {

    /**
     * Records one value.
     *
     * @param name       the metric name, one of {@link PipelineMetrics}'s constants
     * @param value      the value
     * @param unit       its unit
     * @param dimensions dimension name to value, in order; empty for a metric without dimensions
     */
    void put(String name, double value, MetricUnit unit, Map<String, String> dimensions);

    /** The units this project uses. */
    enum MetricUnit {
        COUNT,
        MILLISECONDS
    }
}
