package io.demandloop.shared.source.aws;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.monitoring.Severity;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration section {@code aws}: CloudWatch alarm state changes and AWS Health events taken from the default
 * event bus.
 *
 * @param cloudwatch alarm settings
 * @param health     Health event settings
 */
public record AwsEventsConfig(CloudWatch cloudwatch, Health health) {

    /**
     * @param insufficientData what INSUFFICIENT_DATA means: {@code resolved} (not alarming; the default) or
     *                         {@code firing} (treated like ALARM)
     * @param services         alarm-name prefixes to service names; the longest matching prefix wins (case
     *                         ignored); without a match, the namespace of the alarm's first metric
     *                         ({@code AWS/RDS}); the result goes through the service catalog's aliases
     * @param severities       alarm-name prefixes to severities; the longest matching prefix wins
     * @param defaultSeverity  the severity of an alarm no prefix matches
     */
    public record CloudWatch(
            String insufficientData,
            Map<String, String> services,
            Map<String, Severity> severities,
            Severity defaultSeverity) {

        public CloudWatch {
            insufficientData = insufficientData == null ? "" : insufficientData.trim().toLowerCase(java.util.Locale.ROOT);
            services = services == null ? Map.of() : new TreeMap<>(services);
            severities = severities == null ? Map.of() : new TreeMap<>(severities);
        }

        /** Whether INSUFFICIENT_DATA counts as firing. */
        boolean insufficientDataFires() {
            return "firing".equals(insufficientData);
        }
    }

    /**
     * @param upcoming   what an {@code upcoming} event (a scheduled change announced ahead) becomes: {@code ignore}
     *                   (the default: nothing happens yet; its {@code open} event will come) or {@code firing}
     * @param serviceTag an affected entity's tag whose value names the service; else {@code detail.service}
     *                   ({@code EC2}); the result goes through the service catalog's aliases
     * @param severities {@code detail.eventTypeCategory} (issue, scheduledChange, accountNotification,
     *                   investigation) to severities
     * @param defaultSeverity for a category not mapped
     */
    public record Health(String upcoming, String serviceTag, Map<String, Severity> severities, Severity defaultSeverity) {

        public Health {
            upcoming = upcoming == null ? "" : upcoming.trim().toLowerCase(java.util.Locale.ROOT);
            serviceTag = serviceTag == null ? "" : serviceTag.trim();
            TreeMap<String, Severity> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (severities != null) {
                caseInsensitive.putAll(severities);
            }
            severities = caseInsensitive;
        }

        /** Whether an upcoming event is taken as firing. */
        boolean upcomingFires() {
            return "firing".equals(upcoming);
        }
    }

    /** Fails with the key named when a setting is missing or malformed. */
    public AwsEventsConfig validated() {
        if (cloudwatch == null || health == null) {
            throw new MissingConfigurationException(AwsEventNormaliser.SECTION + " needs both cloudwatch and health");
        }
        if (!cloudwatch.insufficientData().equals("resolved") && !cloudwatch.insufficientData().equals("firing")) {
            throw new MissingConfigurationException(AwsEventNormaliser.SECTION
                    + ".cloudwatch.insufficientData must be resolved or firing, was '" + cloudwatch.insufficientData() + "'");
        }
        if (cloudwatch.defaultSeverity() == null) {
            throw new MissingConfigurationException(AwsEventNormaliser.SECTION + ".cloudwatch.defaultSeverity is not set");
        }
        if (!health.upcoming().equals("ignore") && !health.upcoming().equals("firing")) {
            throw new MissingConfigurationException(AwsEventNormaliser.SECTION
                    + ".health.upcoming must be ignore or firing, was '" + health.upcoming() + "'");
        }
        if (health.defaultSeverity() == null) {
            throw new MissingConfigurationException(AwsEventNormaliser.SECTION + ".health.defaultSeverity is not set");
        }
        return this;
    }
}
