package io.demandloop.shared.source.alertmanager;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.LabelPolicy;
import io.demandloop.shared.monitoring.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the labels and annotations of an Alertmanager-shaped alert (Alertmanager, Grafana) become the canonical
 * fields: which labels name the service, which label holds the severity and how its values map, which
 * annotation is the title, and which labels are never kept.
 *
 * @param serviceLabels     labels tried in order for the service; the first present value goes through the
 *                          service catalog's aliases ({@code DemandloopConfig.serviceFor})
 * @param severityLabel     the label holding the severity
 * @param severities        severity label values (any case) to canonical severities
 * @param defaultSeverity   when the label is absent or its value is not mapped
 * @param titleAnnotation   the annotation used as the title; the {@code alertname} label when it is absent
 * @param dropLabels        label names never kept
 * @param dropLabelPrefixes label name prefixes never kept
 */
public record AlertLabelMapping(
        List<String> serviceLabels,
        String severityLabel,
        Map<String, Severity> severities,
        Severity defaultSeverity,
        String titleAnnotation,
        List<String> dropLabels,
        List<String> dropLabelPrefixes) {

    public AlertLabelMapping {
        serviceLabels = serviceLabels == null ? List.of() : List.copyOf(serviceLabels);
        TreeMap<String, Severity> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (severities != null) {
            caseInsensitive.putAll(severities);
        }
        severities = caseInsensitive;
        dropLabels = dropLabels == null ? List.of() : List.copyOf(dropLabels);
        dropLabelPrefixes = dropLabelPrefixes == null ? List.of() : List.copyOf(dropLabelPrefixes);
    }

    /** Fails with the section and key named when a required key is missing. */
    public AlertLabelMapping validated(String section) {
        if (serviceLabels.isEmpty()) {
            throw new MissingConfigurationException(section + ".serviceLabels must name at least one label");
        }
        if (severityLabel == null || severityLabel.isBlank()) {
            throw new MissingConfigurationException(section + ".severityLabel is not set");
        }
        if (defaultSeverity == null) {
            throw new MissingConfigurationException(section + ".defaultSeverity is not set");
        }
        if (titleAnnotation == null || titleAnnotation.isBlank()) {
            throw new MissingConfigurationException(section + ".titleAnnotation is not set");
        }
        return this;
    }

    /** The canonical severity of a severity label value; the default when absent or unmapped. */
    public Severity severityOf(String value) {
        if (value == null) {
            return defaultSeverity;
        }
        Severity mapped = severities.get(value.trim().toLowerCase(Locale.ROOT));
        return mapped == null ? defaultSeverity : mapped;
    }

    /** The label policy these settings describe. */
    public LabelPolicy labelPolicy() {
        return new LabelPolicy(dropLabels, dropLabelPrefixes);
    }
}
