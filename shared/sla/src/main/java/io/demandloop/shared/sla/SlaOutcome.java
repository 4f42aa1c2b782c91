package io.demandloop.shared.sla;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a cycle stands at an instant, for compliance reporting. */
public enum SlaOutcome {
    /** Stopped before the target was reached. */
    MET,
    /** The target was reached (whether or not the ticket has been resolved since). */
    BREACHED,
    /** Running or paused, target not reached yet. */
    IN_PROGRESS,
    /** Ended in a cancel state before the target was reached: counted neither way. */
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
