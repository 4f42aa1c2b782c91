package io.demandloop.shared.outcome;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a measured outcome says (docs/outcomes.md). */
public enum Verdict {
    /** The interval lies wholly on the expected side of no change. */
    IMPROVED,
    /** The interval lies wholly on the other side of no change. */
    WORSE,
    /** The interval includes no change but rules out the expected target effect. */
    NO_CLEAR_CHANGE,
    /** The interval includes both no change and the target effect: too little data to tell. */
    INCONCLUSIVE,
    /** The after window is not complete yet. */
    TOO_EARLY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
