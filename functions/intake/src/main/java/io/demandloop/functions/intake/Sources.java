package io.demandloop.functions.intake;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every webhook source the intake serves, by path segment. */
final class Sources {

    private Sources() {
    }

    static Map<String, WebhookSource> all(DemandloopConfig config) {
        List<WebhookSource> sources = List.of(
                new ServiceNowSource(new ServiceNowNormaliser()));
        Map<String, WebhookSource> byName = new LinkedHashMap<>();
        for (WebhookSource source : sources) {
            if (byName.put(source.name(), source) != null) {
                throw new IllegalStateException("two sources are named " + source.name());
            }
        }
        return byName;
    }
}
