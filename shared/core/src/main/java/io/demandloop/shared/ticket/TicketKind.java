package io.demandloop.shared.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a ticket is, whatever the tool calls it. */
public enum TicketKind {
    INCIDENT, REQUEST, PROBLEM, CHANGE;

    // every ticket key holds it: computed once, not per call
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used on the wire and in keys. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses {@link #wireName()}; fails with the unknown value named. */
    @JsonCreator
    public static TicketKind fromWireName(String value) {
        for (TicketKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown ticket kind: " + value);
    }
}
