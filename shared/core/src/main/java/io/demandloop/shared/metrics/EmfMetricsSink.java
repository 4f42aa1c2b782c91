package io.demandloop.shared.metrics;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.exception.EMFClientException;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Writes each value as one CloudWatch embedded metric format line to standard output, with aws-embedded-metrics.
 * The Lambda environment is fixed rather than detected: detection would probe EC2 and ECS metadata endpoints off
 * Lambda (locally), and it always lands on standard output in Lambda anyway. The dimensions are set explicitly,
 * replacing the library's defaults (log group, service name and type), so alarms can name them exactly.
 * A metric that cannot be written is logged and dropped: a metric never fails the work it measures.
 */
public final class EmfMetricsSink implements MetricsSink {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmfMetricsSink.class);

    private final String namespace;
    private final LambdaEnvironment environment = new LambdaEnvironment();

    public EmfMetricsSink(String namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * Cold-start warm-up: builds and serialises one metric line as {@link #put} does (the library's model and its own
     * Jackson mapper load and run) but writes nothing, and returns the line. Its timestamp is dropped with it.
     *
     * @throws UncheckedIOException when the line cannot be serialised (then {@link #put} could not write either)
     */
    public static String warmUp() {
        try {
            MetricsContext context = new MetricsContext();
            context.setNamespace("demandloop/warmup");
            context.setDimensions(DimensionSet.of("Warmup", "init"));
            context.putMetric("Warmup", 1, Unit.COUNT);
            List<String> lines = context.serialize();
            return String.join("\n", lines);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String name, double value, MetricUnit unit, Map<String, String> dimensions) {
        try {
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(namespace);
            DimensionSet set = new DimensionSet();
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                set.addDimension(dimension.getKey(), dimension.getValue());
            }
            logger.setDimensions(set);
            logger.putMetric(name, value, unit == MetricUnit.MILLISECONDS ? Unit.MILLISECONDS : Unit.COUNT);
            logger.flush();
        } catch (EMFClientException | IllegalArgumentException e) {
            LOG.warn("metric {} not written: {}", name, e.getMessage());
        }
    }
}
