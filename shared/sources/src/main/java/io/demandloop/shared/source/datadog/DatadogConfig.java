package io.demandloop.shared.source.datadog;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration section {@code datadog}.
 *
 * @param transitions       {@code $ALERT_TRANSITION} values (any case) to {@code firing}, {@code resolved} or
 *                          {@code ignore}; an unmapped transition is refused with its name
 * @param serviceTags       tag names (from {@code $TAGS} and {@code $ALERT_SCOPE}) tried in order for the service
 * @param severities        {@code $ALERT_PRIORITY} values (P1 to P5) and {@code $ALERT_TYPE} values (error,
 *                          warning, info), any case, to canonical severities; the priority is tried first
 * @param defaultSeverity   when neither is mapped
 * @param dropLabels        tag names never kept
 * @param dropLabelPrefixes tag name prefixes never kept
 */
public record DatadogConfig(
        Map<String, String> transitions,
        List<String> serviceTags,
        Map<String, Severity> severities,
        Severity defaultSeverity,
        List<String> dropLabels,
        List<String> dropLabelPrefixes) {

    /** What a transition maps to. */
    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";
    static final String IGNORE = "ignore";
    private static final Set<String> OUTCOMES = Set.of(FIRING, RESOLVED, IGNORE);

    public DatadogConfig {
        TreeMap<String, String> byTransition = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (transitions != null) {
            transitions.forEach((transition, outcome) ->
                    byTransition.put(transition, outcome == null ? IGNORE : outcome.trim().toLowerCase(Locale.ROOT)));
        }
        transitions = byTransition;
        serviceTags = serviceTags == null ? List.of() : List.copyOf(serviceTags);
        TreeMap<String, Severity> bySeverity = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (severities != null) {
            bySeverity.putAll(severities);
        }
        severities = bySeverity;
        dropLabels = dropLabels == null ? List.of() : List.copyOf(dropLabels);
        dropLabelPrefixes = dropLabelPrefixes == null ? List.of() : List.copyOf(dropLabelPrefixes);
    }

    /** Fails with the key named when a setting is missing or malformed. */
    public DatadogConfig validated() {
        transitions.forEach((transition, outcome) -> {
            if (!OUTCOMES.contains(outcome)) {
                throw new MissingConfigurationException(DatadogSource.SECTION + ".transitions." + transition
                        + " must be firing, resolved or ignore, was '" + outcome + "'");
            }
        });
        if (!transitions.containsValue(RESOLVED)) {
            throw new MissingConfigurationException(DatadogSource.SECTION + ".transitions maps no transition to resolved");
        }
        if (defaultSeverity == null) {
            throw new MissingConfigurationException(DatadogSource.SECTION + ".defaultSeverity is not set");
        }
        return this;
    }

    /** The severity mapped to a priority or alert type; null when not mapped. */
    Severity severityOf(String value) {
        return value == null ? null : severities.get(value.trim());
    }
}
