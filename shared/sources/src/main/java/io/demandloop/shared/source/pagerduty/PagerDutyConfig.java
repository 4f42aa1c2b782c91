package io.demandloop.shared.source.pagerduty;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration section {@code pagerduty}.
 *
 * @param eventTypes      the webhook v3 event types taken; every other type (service.*, incident.annotated,
 *                        pagey.ping, …) is answered 2xx and ignored, so that PagerDuty keeps the subscription
 * @param severities      incident priority names ({@code data.priority.summary}, e.g. P1) and urgencies
 *                        ({@code high}, {@code low}), any case, to canonical severities; priority is tried first
 * @param defaultSeverity when neither is mapped
 */
public record PagerDutyConfig(List<String> eventTypes, Map<String, Severity> severities, Severity defaultSeverity) {

    public PagerDutyConfig {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        TreeMap<String, Severity> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (severities != null) {
            caseInsensitive.putAll(severities);
        }
        severities = caseInsensitive;
    }

    /** Fails with the key named when a setting is missing. */
    public PagerDutyConfig validated() {
        if (eventTypes.isEmpty()) {
            throw new MissingConfigurationException(PagerDutySource.SECTION + ".eventTypes must name at least one event type");
        }
        if (defaultSeverity == null) {
            throw new MissingConfigurationException(PagerDutySource.SECTION + ".defaultSeverity is not set");
        }
        return this;
    }

    /** The severity mapped to a priority name or urgency; null when not mapped. */
    Severity severityOf(String value) {
        return value == null ? null : severities.get(value.trim().toLowerCase(Locale.ROOT));
    }
}
