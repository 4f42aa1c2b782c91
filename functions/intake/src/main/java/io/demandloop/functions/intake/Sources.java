package io.demandloop.functions.intake;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.alertmanager.AlertmanagerSource;
import io.demandloop.shared.source.cloudevents.CloudEventsSource;
import io.demandloop.shared.source.datadog.DatadogSource;
import io.demandloop.shared.source.decisions.DemandDecisionSource;
import io.demandloop.shared.source.grafana.GrafanaSource;
import io.demandloop.shared.source.initiatives.InitiativeSource;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.source.mapped.MappedSources;
import io.demandloop.shared.source.opsgenie.OpsgenieSource;
import io.demandloop.shared.source.pagerduty.PagerDutySource;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every webhook source the intake serves, by path segment. */
public final class Sources {

    private Sources() {
    }

    /** Every source, by name, built from the configuration (fails with the key named when it is malformed). */
    public static Map<String, WebhookSource> all(DemandloopConfig config) {
        List<WebhookSource> sources = new ArrayList<>(List.of(
                new ServiceNowSource(config),
                new JiraSource(config),
                new AlertmanagerSource(config),
                new GrafanaSource(config),
                new DatadogSource(config),
                new PagerDutySource(config),
                new OpsgenieSource(config),
                new CloudEventsSource(config),
                new InitiativeSource(config),
                new DemandDecisionSource()));
        // The ticket tools wired by configuration (section mappings): presets and the user's own.
        sources.addAll(MappedSources.all(config));
        Map<String, WebhookSource> byName = new LinkedHashMap<>();
        for (WebhookSource source : sources) {
            if (byName.put(source.name(), source) != null) {
                throw new IllegalStateException("two sources are named " + source.name());
            }
        }
        return byName;
    }

    /** Each source's configuration warnings (e.g. a setting that allows replay), prefixed with nothing: said at start. */
    public static List<String> warnings(Map<String, WebhookSource> sources) {
        List<String> warnings = new ArrayList<>();
        sources.values().forEach(source -> warnings.addAll(source.configurationWarnings()));
        return warnings;
    }
}
