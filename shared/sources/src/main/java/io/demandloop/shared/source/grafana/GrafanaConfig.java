package io.demandloop.shared.source.grafana;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.alertmanager.AlertLabelMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration section {@code grafana}: the label mapping (as for Alertmanager) and the contact point's HMAC
 * settings.
 *
 * @param serviceLabels           labels tried in order for the service
 * @param severityLabel           the label holding the severity
 * @param severities              severity label values (any case) to canonical severities
 * @param defaultSeverity         when the label is absent or its value is not mapped
 * @param titleAnnotation         the annotation used as the title; {@code alertname} when absent
 * @param dropLabels              label names never kept
 * @param dropLabelPrefixes       label name prefixes never kept ({@code __} hides Grafana's internal labels)
 * @param signatureHeader         the contact point's HMAC "Header"
 * @param timestampHeader         the contact point's HMAC "Timestamp Header"
 * @param requireTimestamp        refuse deliveries signed without a timestamp (which could be replayed forever)
 * @param replayWindowSeconds     how far a signed timestamp may be from the time of arrival, either way
 * @param ignoreTestNotifications answer the contact point's "Test" button 2xx without storing its fake alert
 */
public record GrafanaConfig(
        List<String> serviceLabels,
        String severityLabel,
        Map<String, Severity> severities,
        Severity defaultSeverity,
        String titleAnnotation,
        List<String> dropLabels,
        List<String> dropLabelPrefixes,
        String signatureHeader,
        String timestampHeader,
        boolean requireTimestamp,
        long replayWindowSeconds,
        boolean ignoreTestNotifications) {

    /** The label mapping part. */
    public AlertLabelMapping mapping() {
        return new AlertLabelMapping(serviceLabels, severityLabel, severities, defaultSeverity, titleAnnotation,
                dropLabels, dropLabelPrefixes).validated(GrafanaSource.SECTION);
    }

    /** The replay window. */
    public Duration replayWindow() {
        return Duration.ofSeconds(replayWindowSeconds);
    }

    /** Fails with the key named when a setting is missing or out of range. */
    public GrafanaConfig validated() {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new MissingConfigurationException(GrafanaSource.SECTION + ".signatureHeader is not set");
        }
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw new MissingConfigurationException(GrafanaSource.SECTION + ".timestampHeader is not set");
        }
        if (replayWindowSeconds <= 0) {
            throw new MissingConfigurationException(GrafanaSource.SECTION
                    + ".replayWindowSeconds must be a positive number of seconds, was " + replayWindowSeconds);
        }
        mapping();
        return this;
    }
}
