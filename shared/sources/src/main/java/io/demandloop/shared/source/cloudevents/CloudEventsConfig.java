package io.demandloop.shared.source.cloudevents;

import com.fasterxml.jackson.core.JsonPointer;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Configuration section {@code cloudevents}: where in a CloudEvent's {@code data} each canonical field sits
 * (JSON Pointers, RFC 6901), how the status and the order are read.
 *
 * @param alertKey          what names the alert within its {@code source}: {@code subject} (the default; falls back
 *                          to {@code id}), {@code id} (each event is its own alert), or a JSON Pointer into
 *                          {@code data} such as {@code /alertId} (falls back to subject, then id)
 * @param versionPointer    a JSON Pointer into {@code data} to a number or a time that orders the versions of an
 *                          alert; empty to use the {@code time} attribute
 * @param statusPointer     a JSON Pointer into {@code data} to the status; when absent, the last dot-separated
 *                          segment of {@code type} is tried ({@code com.example.alert.resolved})
 * @param firingValues      status values (any case) meaning firing
 * @param resolvedValues    status values (any case) meaning resolved
 * @param fields            JSON Pointers into {@code data} of the other fields
 * @param severities        severity values (any case) to canonical severities
 * @param defaultSeverity   when the severity is absent or not mapped
 * @param dropLabels        label names never kept
 * @param dropLabelPrefixes label name prefixes never kept
 */
public record CloudEventsConfig(
        String alertKey,
        String versionPointer,
        String statusPointer,
        List<String> firingValues,
        List<String> resolvedValues,
        Fields fields,
        Map<String, Severity> severities,
        Severity defaultSeverity,
        List<String> dropLabels,
        List<String> dropLabelPrefixes) {

    /**
     * JSON Pointers into {@code data}; an empty one means the field is not mapped.
     *
     * @param fingerprint the alert across occurrences; subject, else the alert identity, when absent
     * @param service     the service name (through the catalog's aliases)
     * @param severity    the severity value
     * @param title       the title; {@code type} when absent
     * @param startsAt    when it started (RFC 3339 or epoch); {@code time} when absent
     * @param endsAt      when it ended; {@code time} of a resolved event when absent
     * @param link        a URL back to the alert
     * @param labels      an object of labels
     */
    public record Fields(
            String fingerprint, String service, String severity, String title,
            String startsAt, String endsAt, String link, String labels) {
    }

    public CloudEventsConfig {
        alertKey = alertKey == null || alertKey.isBlank() ? "subject" : alertKey.trim();
        versionPointer = versionPointer == null ? "" : versionPointer.trim();
        statusPointer = statusPointer == null ? "" : statusPointer.trim();
        firingValues = firingValues == null ? List.of() : List.copyOf(firingValues);
        resolvedValues = resolvedValues == null ? List.of() : List.copyOf(resolvedValues);
        fields = fields == null ? new Fields("", "", "", "", "", "", "", "") : fields;
        TreeMap<String, Severity> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (severities != null) {
            caseInsensitive.putAll(severities);
        }
        severities = caseInsensitive;
        dropLabels = dropLabels == null ? List.of() : List.copyOf(dropLabels);
        dropLabelPrefixes = dropLabelPrefixes == null ? List.of() : List.copyOf(dropLabelPrefixes);
    }

    /** Fails with the key named when a pointer is malformed or a setting is missing. */
    public CloudEventsConfig validated() {
        if (!alertKey.equals("subject") && !alertKey.equals("id")) {
            pointer("alertKey", alertKey);
        }
        pointer("versionPointer", versionPointer);
        pointer("statusPointer", statusPointer);
        pointer("fields.fingerprint", fields.fingerprint());
        pointer("fields.service", fields.service());
        pointer("fields.severity", fields.severity());
        pointer("fields.title", fields.title());
        pointer("fields.startsAt", fields.startsAt());
        pointer("fields.endsAt", fields.endsAt());
        pointer("fields.link", fields.link());
        pointer("fields.labels", fields.labels());
        if (firingValues.isEmpty() || resolvedValues.isEmpty()) {
            throw new MissingConfigurationException(CloudEventsSource.SECTION + ".firingValues and .resolvedValues must each name at least one value");
        }
        TreeSet<String> firing = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        firing.addAll(firingValues);
        for (String value : resolvedValues) {
            if (firing.contains(value)) {
                throw new MissingConfigurationException(CloudEventsSource.SECTION + ": status value '" + value
                        + "' is in both firingValues and resolvedValues");
            }
        }
        if (defaultSeverity == null) {
            throw new MissingConfigurationException(CloudEventsSource.SECTION + ".defaultSeverity is not set");
        }
        return this;
    }

    /** A configured pointer, compiled; null when empty (not mapped). */
    static JsonPointer pointer(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.startsWith("/")) {
            throw new MissingConfigurationException(CloudEventsSource.SECTION + "." + key
                    + " must be a JSON Pointer starting with '/', was '" + value + "'");
        }
        try {
            return JsonPointer.compile(value.trim());
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException(CloudEventsSource.SECTION + "." + key + " is not a JSON Pointer: " + e.getMessage());
        }
    }

    /** The severity of a value; the default when absent or not mapped. */
    Severity severityOf(String value) {
        Severity mapped = value == null ? null : severities.get(value.trim().toLowerCase(Locale.ROOT));
        return mapped == null ? defaultSeverity : mapped;
    }
}
