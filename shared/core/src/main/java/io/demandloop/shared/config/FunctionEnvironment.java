package io.demandloop.shared.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment variables a function was configured with in {@code template.yaml}.
 *
 * <p>On Lambda these are the process environment. The embedded local runtime hosts every function in its
 * own class loader inside one JVM, where the process environment cannot differ per function; it hands each
 * function its template environment through {@link #install(Map)} before the handler is built. That is the
 * only difference: endpoints and credentials still come from the SDK's own settings.
 */
public final class FunctionEnvironment {

    private static volatile Map<String, String> installed;

    private FunctionEnvironment() {
    }

    /** Replaces the process environment for this class loader; called by a hosting runtime only. */
    public static void install(Map<String, String> variables) {
        installed = Map.copyOf(variables);
    }

    /** The variables in force. */
    public static Map<String, String> variables() {
        Map<String, String> current = installed;
        return current != null ? current : System.getenv();
    }

    /** A required variable; fails at start with its name when absent or blank. */
    public static String required(String name) {
        return optional(name).orElseThrow(() -> new MissingConfigurationException(
                "environment variable " + name + " is not set; template.yaml must set it"));
    }

    /** An optional variable; blank counts as absent. */
    public static Optional<String> optional(String name) {
        Objects.requireNonNull(name, "name");
        String value = variables().get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A positive whole number, or the default when absent; fails with the name when not a number. */
    public static int positiveInt(String name, int defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed <= 0) {
                throw new MissingConfigurationException(name + " must be a positive whole number, was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new MissingConfigurationException(name + " must be a positive whole number, was '" + value.get() + "'");
        }
    }
}
