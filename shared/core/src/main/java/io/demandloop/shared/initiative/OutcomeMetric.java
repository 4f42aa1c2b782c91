package io.demandloop.shared.initiative;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What an outcome is measured on, per targeted service (and per pattern when the initiative came from one).
 * Counts are compared as rates per day of exposure; durations as Kaplan-Meier quantiles.
 */
public enum OutcomeMetric {
    /** Incidents opened (count). */
    INCIDENTS(Kind.COUNT),
    /** P1-P2 incidents opened (count). */
    MAJOR_INCIDENTS(Kind.COUNT),
    /** Requests opened (count). */
    REQUESTS(Kind.COUNT),
    /** Time from opened to resolved of incidents (duration; still open at the cut-off: censored). */
    RESOLUTION_TIME(Kind.DURATION),
    /** Time from opened to resolved of requests (duration; still open at the cut-off: censored). */
    FULFILMENT_TIME(Kind.DURATION),
    /** Effort hours recorded on tickets (a sum per window, compared per ticket as a shift). */
    EFFORT_HOURS(Kind.EFFORT),
    /** Alert episodes started (count). */
    ALERT_EPISODES(Kind.COUNT),
    /** SLA breaches (count). */
    SLA_BREACHES(Kind.COUNT);

    /** How a metric is compared. */
    public enum Kind { COUNT, DURATION, EFFORT }

    private final Kind kind;

    OutcomeMetric(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The wire name, e.g. {@code major-incidents}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static OutcomeMetric parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a metric is needed");
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (OutcomeMetric metric : values()) {
            if (metric.name().equals(name)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + text + "'; one of incidents, major-incidents, requests,"
                + " resolution-time, fulfilment-time, effort-hours, alert-episodes, sla-breaches");
    }
}
