package io.demandloop.shared.decision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a demand stands with the people who decide on it. A demand starts {@link #NEW}; a
 * {@code Demand Status Changed} event moves it (docs/demand.md#status).
 */
public enum DemandStatus {
    /** Raised by the evaluation, not yet looked at. */
    NEW,
    /** Someone has seen it and owns the next step. */
    ACKNOWLEDGED,
    /** It became (or joined) an initiative or a portfolio item. */
    PROMOTED,
    /** Someone decided not to act on it: it is not raised again unless its score worsens beyond the margin. */
    REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire name; fails naming the accepted values. */
    @JsonCreator
    public static DemandStatus fromWireName(String value) {
        for (DemandStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown demand status '" + value + "'; expected one of "
                + Arrays.stream(values()).map(DemandStatus::wireName).collect(Collectors.joining(", ")));
    }
}
