package io.demandloop.shared.initiative;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an initiative stands. Only a {@link #DELIVERED} initiative is measured. */
public enum InitiativeStatus {
    PROPOSED, APPROVED, IN_PROGRESS, DELIVERED, CANCELLED;

    /** The wire name, e.g. {@code in-progress}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name ({@code in-progress}, also {@code in_progress} or {@code IN PROGRESS}). */
    @JsonCreator
    public static InitiativeStatus parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("an initiative status is needed");
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (InitiativeStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown initiative status '" + text
                + "'; one of proposed, approved, in-progress, delivered, cancelled");
    }
}
