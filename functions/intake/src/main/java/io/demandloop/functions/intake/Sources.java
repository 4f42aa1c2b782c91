package io.demandloop.functions.intake;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.alertmanager.AlertmanagerSource;
import io.demandloop.shared.source.cloudevents.CloudEventsSource;
import io.demandloop.shared.source.datadog.DatadogSource;
import io.demandloop.shared.source.decisions.DemandDecisionSource;
import io.demandloop.shared.source.initiatives.InitiativeSource;
import io.demandloop.shared.source.grafana.GrafanaSource;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.source.opsgenie.OpsgenieSource;
import io.demandloop.shared.source.pagerduty.PagerDutySource;
import io.demandloop.shared.source.mapped.MappedSources;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every webhook source the intake serves, by path segment. */
final class Sources {

    private Sources() {
    }

    static Map<String, WebhookSource> all(DemandloopConfig config) {
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
}
