package io.demandloop.shared.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a change ended. */
public enum ChangeOutcome {
    SUCCESSFUL, FAILED, BACKED_OUT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChangeOutcome fromWireName(String value) {
        for (ChangeOutcome outcome : values()) {
            if (outcome.wireName().equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown change outcome: " + value);
    }
}
