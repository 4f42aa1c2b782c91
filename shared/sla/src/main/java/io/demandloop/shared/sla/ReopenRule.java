package io.demandloop.shared.sla;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a clock does when a stopped or cancelled ticket returns to a start or pause state (a reopen). */
public enum ReopenRule {
    /** A new cycle starts from zero at the reopen; the stopped cycle keeps its result. */
    RESET,
    /** The same cycle continues: the elapsed working time is kept and the clock runs on. */
    RESUME,
    /** The clock stays stopped (e.g. a response, once given, is not taken back). */
    NONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReopenRule fromWireName(String value) {
        for (ReopenRule rule : values()) {
            if (rule.wireName().equals(value)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown onReopen '" + value + "' (reset, resume or none)");
    }
}
