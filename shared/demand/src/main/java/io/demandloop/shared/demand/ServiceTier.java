package io.demandloop.shared.demand;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A service's business criticality in the catalog (config {@code services.catalog.<service>.tier}). */
public enum ServiceTier {
    CRITICAL, HIGH, MEDIUM, LOW;

    /** The lower-case name used in configuration and records. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #wireName()}; fails with the unknown value and the accepted ones named. */
    @JsonCreator
    public static ServiceTier fromWireName(String value) {
        for (ServiceTier tier : values()) {
            if (tier.wireName().equals(value)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown service tier '" + value + "' (critical, high, medium, low)");
    }
}
