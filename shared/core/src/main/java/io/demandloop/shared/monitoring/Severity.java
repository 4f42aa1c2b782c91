package io.demandloop.shared.monitoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad an alert is, across tools. */
public enum Severity {
    CRITICAL, HIGH, WARNING, INFO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWireName(String value) {
        for (Severity severity : values()) {
            if (severity.wireName().equals(value)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity: " + value);
    }
}
