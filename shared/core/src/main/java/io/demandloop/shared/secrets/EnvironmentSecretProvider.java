package io.demandloop.shared.secrets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Secrets from environment variables {@code DEMANDLOOP_SECRET_<SOURCE>} (source upper-cased, other characters
 * as {@code _}); several values separated by commas while rotating; {@code user:password} for basic auth.
 */
public final class EnvironmentSecretProvider implements SecretProvider {

    /** The prefix of the variables. */
    public static final String PREFIX = "DEMANDLOOP_SECRET_";

    private final Map<String, String> environment;

    public EnvironmentSecretProvider(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable that holds a source's secrets. */
    public static String variableFor(String source) {
        return PREFIX + source.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public List<String> secretsFor(String source) {
        return split(environment.get(variableFor(source)));
    }

    /** Splits a comma-separated list of secrets, dropping blanks. */
    public static List<String> split(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
