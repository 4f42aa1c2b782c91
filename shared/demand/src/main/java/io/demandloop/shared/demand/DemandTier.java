package io.demandloop.shared.demand;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a demand pattern belongs (DESIGN.md §1, step 4), from the lowest escalation to the highest. The order of
 * the constants is that ranking: {@link #compareTo} says which of two tiers is the higher escalation.
 */
public enum DemandTier {
    /** Normal service management handles it (e.g. tune an alert rule); recorded, not escalated. */
    STAY_IN_SERVICE_MANAGEMENT("stay-in-service-management"),
    /** The owning team can fix it by changing how work is done (a known error, a runbook, automation). */
    PROCESS_IMPROVEMENT("process-improvement"),
    /** Needs funded engineering work on the service. */
    INITIATIVE("initiative"),
    /** Needs a portfolio decision: a shared capability, funding across departments. */
    PORTFOLIO_REVIEW("portfolio-review");

    private final String wireName;

    DemandTier(String wireName) {
        this.wireName = wireName;
    }

    /** The kebab-case name used in configuration, records and events. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses {@link #wireName()}; fails with the unknown value named. */
    @JsonCreator
    public static DemandTier fromWireName(String value) {
        for (DemandTier tier : values()) {
            if (tier.wireName.equals(value)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown demand tier '" + value
                + "' (stay-in-service-management, process-improvement, initiative, portfolio-review)");
    }
}
