package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.WebhookSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every tool of configuration section {@code mappings}: the built-in presets
 * ({@code demandloop/defaults/mappings.yaml}: BMC Helix ITSM, Salesforce Service Cloud, Ivanti Service Manager,
 * ManageEngine ServiceDesk Plus) with the user's overrides merged in, and the user's own tools.
 * A mapping set to null ({@code salesforce: ~}) is switched off.
 */
public final class MappedSources {

    /** The configuration section. */
    public static final String SECTION = "mappings";

    private MappedSources() {
    }

    /**
     * Builds one source per mapping, validating every mapping first.
     *
     * @throws io.demandloop.shared.config.MissingConfigurationException naming the tool and the key of the
     *         first problem, so that a misconfigured function fails at start rather than on a delivery
     */
    public static List<WebhookSource> all(DemandloopConfig config) {
        List<WebhookSource> sources = new ArrayList<>();
        for (MappingSpec spec : specs(config)) {
            sources.add(new MappedSource(spec, config));
        }
        return List.copyOf(sources);
    }

    /** The validated mappings of the configuration, in the order of the section (presets first). */
    public static List<MappingSpec> specs(DemandloopConfig config) {
        JsonNode section = config.section(SECTION);
        List<MappingSpec> specs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = section.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getValue().isNull()) {
                continue;
            }
            specs.add(MappingSpec.parse(entry.getKey(), entry.getValue()));
        }
        return List.copyOf(specs);
    }
}
