package io.demandloop.shared.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The canonical lifecycle state of a ticket. */
public enum TicketState {
    OPEN, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED, CANCELLED,
    /** Deleted at the source (e.g. {@code jira:issue_deleted}); kept so that a late older version cannot revive it. */
    DELETED;

    /** True for the states in which work is finished (resolved, closed, cancelled or deleted). */
    public boolean isTerminal() {
        return this == RESOLVED || this == CLOSED || this == CANCELLED || this == DELETED;
    }

    /** The lower-case name used on the wire. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #wireName()}; fails with the unknown value named. */
    @JsonCreator
    public static TicketState fromWireName(String value) {
        for (TicketState state : values()) {
            if (state.wireName().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown ticket state: " + value);
    }
}
