package io.demandloop.shared.source.opsgenie;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration section {@code opsgenie}.
 *
 * @param firingActions     webhook actions taken as a firing state of the alert
 * @param resolvedActions   webhook actions taken as its resolution
 * @param serviceLabels     labels (from the alert's details and {@code key:value} tags, and {@code entity}) tried
 *                          in order for the service
 * @param severities        Opsgenie priorities (P1 to P5), any case, to canonical severities
 * @param defaultSeverity   when the priority is absent or not mapped
 * @param dropLabels        label names never kept
 * @param dropLabelPrefixes label name prefixes never kept
 * @param alertUrlTemplate  link back to the alert, with {@code {alertId}} and {@code {tinyId}} placeholders, e.g.
 *                          {@code https://acme.app.opsgenie.com/alert/detail/{alertId}/details}; empty for none
 */
public record OpsgenieConfig(
        List<String> firingActions,
        List<String> resolvedActions,
        List<String> serviceLabels,
        Map<String, Severity> severities,
        Severity defaultSeverity,
        List<String> dropLabels,
        List<String> dropLabelPrefixes,
        String alertUrlTemplate) {

    public OpsgenieConfig {
        firingActions = firingActions == null ? List.of() : List.copyOf(firingActions);
        resolvedActions = resolvedActions == null ? List.of() : List.copyOf(resolvedActions);
        serviceLabels = serviceLabels == null ? List.of() : List.copyOf(serviceLabels);
        TreeMap<String, Severity> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (severities != null) {
            caseInsensitive.putAll(severities);
        }
        severities = caseInsensitive;
        dropLabels = dropLabels == null ? List.of() : List.copyOf(dropLabels);
        dropLabelPrefixes = dropLabelPrefixes == null ? List.of() : List.copyOf(dropLabelPrefixes);
        alertUrlTemplate = alertUrlTemplate == null ? "" : alertUrlTemplate.trim();
    }

    /** Fails with the key named when a setting is missing or contradicts another. */
    public OpsgenieConfig validated() {
        if (resolvedActions.isEmpty()) {
            throw new MissingConfigurationException(OpsgenieSource.SECTION + ".resolvedActions must name at least one action");
        }
        if (firingActions.isEmpty()) {
            throw new MissingConfigurationException(OpsgenieSource.SECTION + ".firingActions must name at least one action");
        }
        for (String action : firingActions) {
            if (resolvedActions.stream().anyMatch(action::equalsIgnoreCase)) {
                throw new MissingConfigurationException(OpsgenieSource.SECTION + ": action '" + action
                        + "' is in both firingActions and resolvedActions");
            }
        }
        if (defaultSeverity == null) {
            throw new MissingConfigurationException(OpsgenieSource.SECTION + ".defaultSeverity is not set");
        }
        return this;
    }

    /** The severity of a priority; the default when absent or not mapped. */
    Severity severityOf(String priority) {
        Severity mapped = priority == null ? null : severities.get(priority.trim().toLowerCase(Locale.ROOT));
        return mapped == null ? defaultSeverity : mapped;
    }
}
