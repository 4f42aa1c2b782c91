package io.demandloop.shared.demand;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The five criteria of DESIGN.md §1 against which each demand pattern is judged; docs/demand.md defines each. */
public enum Criterion {
    /** The service's catalog tier is one of {@code demand.criticalService.tiers}. */
    CRITICAL_SERVICE("critical-service", "affects a critical business service"),
    /** Incidents recur in one group (category, CI, symptom, problem) or their number rises. */
    REPEATED_DISRUPTION("repeated-disruption", "repeated disruption"),
    /** The pattern's tickets cost significant hands-on hours. */
    MANUAL_EFFORT("manual-effort", "significant manual effort"),
    /** Major incidents, failed changes or SLA breaches. */
    INTRODUCES_RISK("introduces-risk", "introduces risk"),
    /** One request type, from several departments, in volume or fulfilled slowly. */
    UNMET_NEED("unmet-need", "unmet need across departments");

    private final String wireName;
    private final String label;

    Criterion(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The kebab-case name used in configuration and records. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Words for explanations, e.g. "repeated disruption". */
    public String label() {
        return label;
    }

    /** Parses {@link #wireName()}; fails with the unknown value named. */
    @JsonCreator
    public static Criterion fromWireName(String value) {
        for (Criterion criterion : values()) {
            if (criterion.wireName.equals(value)) {
                return criterion;
            }
        }
        throw new IllegalArgumentException("unknown criterion '" + value
                + "' (critical-service, repeated-disruption, manual-effort, introduces-risk, unmet-need)");
    }
}
