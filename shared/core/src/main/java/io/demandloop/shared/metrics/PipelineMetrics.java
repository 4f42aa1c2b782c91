package io.demandloop.shared.metrics;

import io.demandloop.shared.metrics.MetricsSink.MetricUnit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's metrics, by name and dimensions, in one place: template.yaml's alarms and dashboard and
 * docs/operations.md ("Metrics") use these names. Dimension values are a small closed set (known sources,
 * reasons, outcomes, tiers, verdicts, jobs), never request data, so the number of metrics stays bounded.
 */
public final class PipelineMetrics {

    /** The environment variable (set in Globals) naming the CloudWatch namespace, {@code demandloop/<stack>}. */
    public static final String NAMESPACE_VARIABLE = "METRICS_NAMESPACE";

    /** One per webhook delivery, no dimension: the denominator of the intake's 5xx rate. */
    public static final String DELIVERIES = "Deliveries";
    /** 1 for a delivery answered with a 5xx, else 0, no dimension: the numerator of the 5xx rate. */
    public static final String DELIVERY_SERVER_ERRORS = "DeliveryServerErrors";
    /** One per accepted delivery (202, or 200 for a delivery the source says to ignore); dimension {@code Source}. */
    public static final String DELIVERY_ACCEPTED = "DeliveryAccepted";
    /** One per refused delivery; dimensions {@code Source}, {@code Reason}. */
    public static final String DELIVERY_REFUSED = "DeliveryRefused";
    /** One per record a store function handled; dimensions {@code Store}, {@code Outcome} (stored, duplicate, stale). */
    public static final String RECORDS_STORED = "RecordsStored";
    /** One per SLA event published; dimension {@code Kind} ({@code SLA At Risk}, {@code SLA Breached}). */
    public static final String SLA_EVENTS = "SlaEvents";
    /** One per demand raised (Demand Escalated); dimension {@code Tier}. */
    public static final String DEMANDS_RAISED = "DemandsRaised";
    /**
     * One per outcome the nightly measurement publishes (a verdict new or changed that night); dimension {@code Verdict}.
     * Through {@link #outcomeMeasured}.
     */
    public static final String OUTCOMES = "Outcomes";
    /** 1 per successful run of a scheduled job; dimension {@code Job}. Its absence raises the job's alarm. */
    public static final String JOB_SUCCEEDED = "JobSucceeded";
    /** The duration of a job's run in milliseconds, successful or not; dimension {@code Job}. */
    public static final String JOB_DURATION = "JobDuration";

    /** The source dimension of a delivery to a path that names no known source. */
    public static final String UNKNOWN_SOURCE = "unknown";

    private final MetricsSink sink;

    public PipelineMetrics(MetricsSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * The composition roots' metrics: embedded metric format in the namespace {@value #NAMESPACE_VARIABLE} names (set for
     * every function by template.yaml's Globals); fails at init naming the variable when it is missing.
     */
    public static PipelineMetrics fromEnvironment() {
        return emf(io.demandloop.shared.config.FunctionEnvironment.required(NAMESPACE_VARIABLE));
    }

    /** Metrics that go nowhere: for the test constructors of handlers and services whose tests do not look at them. */
    public static PipelineMetrics none() {
        return new PipelineMetrics((name, value, unit, dimensions) -> { });
    }

    /** Metrics written as CloudWatch embedded metric format lines to standard output, in the given namespace. */
    public static PipelineMetrics emf(String namespace) {
        return new PipelineMetrics(new EmfMetricsSink(namespace));
    }

    /**
     * A webhook delivery and the status the intake answered.
     *
     * @param source a known source's name, or {@link #UNKNOWN_SOURCE}
     * @param status the HTTP status answered
     */
    public void delivery(String source, int status) {
        sink.put(DELIVERIES, 1, MetricUnit.COUNT, Map.of());
        sink.put(DELIVERY_SERVER_ERRORS, status >= 500 ? 1 : 0, MetricUnit.COUNT, Map.of());
        if (status == 200 || status == 202) {
            sink.put(DELIVERY_ACCEPTED, 1, MetricUnit.COUNT, Map.of("Source", source));
        } else {
            sink.put(DELIVERY_REFUSED, 1, MetricUnit.COUNT, dimensions("Source", source, "Reason", refusalReason(status)));
        }
    }

    /** The reason dimension of a refusal, from the status the intake answered. */
    public static String refusalReason(int status) {
        return switch (status) {
            case 400 -> "malformed";
            case 401 -> "unauthenticated";
            case 404 -> "unknown_source";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "invalid_record";
            case 503 -> "bus_unavailable";
            default -> "status_" + status;
        };
    }

    /**
     * A record a store function handled.
     *
     * @param store   e.g. {@code tickets}, {@code alerts}
     * @param outcome e.g. {@code stored}, {@code duplicate}, {@code stale}
     */
    public void recordStored(String store, String outcome) {
        sink.put(RECORDS_STORED, 1, MetricUnit.COUNT, dimensions("Store", store, "Outcome", outcome.toLowerCase(Locale.ROOT)));
    }

    /** SLA events published, by kind (their detail-type). */
    public void slaEvents(String kind, int count) {
        sink.put(SLA_EVENTS, count, MetricUnit.COUNT, Map.of("Kind", kind));
    }

    /** A demand raised (new, changed tier, or worsened after rejection), by tier. */
    public void demandRaised(String tier) {
        sink.put(DEMANDS_RAISED, 1, MetricUnit.COUNT, Map.of("Tier", tier));
    }

    /**
     * An outcome published, by verdict: what the outcome measurement function calls for each outcome it publishes.
     *
     * @param verdict e.g. {@code improved}, {@code no_change}, {@code worsened}, {@code insufficient_data}
     */
    public void outcomeMeasured(String verdict) {
        sink.put(OUTCOMES, 1, MetricUnit.COUNT, Map.of("Verdict", verdict));
    }

    /**
     * A run of a scheduled job.
     *
     * @param job       the job's name, as {@code SamTemplate.jobName} spells it ({@code portfolio-report})
     * @param duration  how long the run took
     * @param succeeded whether it ended without failing
     */
    public void jobRun(String job, Duration duration, boolean succeeded) {
        sink.put(JOB_DURATION, duration.toMillis(), MetricUnit.MILLISECONDS, Map.of("Job", job));
        if (succeeded) {
            sink.put(JOB_SUCCEEDED, 1, MetricUnit.COUNT, Map.of("Job", job));
        }
    }

    private static Map<String, String> dimensions(String k1, String v1, String k2, String v2) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(k1, v1);
        dimensions.put(k2, v2);
        return dimensions;
    }
}
