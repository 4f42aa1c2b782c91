package io.demandloop.shared.sla;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an SLA clock measures: time to the first response, or time to resolution. */
public enum SlaMetric {
    RESPONSE, RESOLUTION;

    /** The lower-case name used in configuration, keys and events. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #wireName()}; fails with the unknown value named. */
    @JsonCreator
    public static SlaMetric fromWireName(String value) {
        for (SlaMetric metric : values()) {
            if (metric.wireName().equals(value)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown SLA metric '" + value + "' (response or resolution)");
    }
}
