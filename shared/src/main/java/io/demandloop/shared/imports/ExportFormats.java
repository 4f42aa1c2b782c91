package io.demandloop.shared.imports;

import io.demandloop.shared.config.DemandloopConfig;
import java.util.List;

/** The export formats that can be imported, by name, each bound to the configuration. */
public final class ExportFormats {

    /** The names accepted by {@link #create}, in the order the usage lists them. */
    public static final List<String> NAMES = List.of("servicenow", "jira", "csv");

    private ExportFormats() {
    }

    /**
     * The format of this name, with its rules from the configuration (sections {@code imports}, and the source's
     * own section, so that imported and live records are read alike).
     *
     * @throws IllegalArgumentException naming the known formats, for an unknown name
     * @throws io.demandloop.shared.config.MissingConfigurationException for a mapping that cannot be used
     */
    public static ExportFormat create(String name, DemandloopConfig config) {
        return switch (name) {
            case "servicenow" -> new ServiceNowExportFormat(config);
            case "jira" -> new JiraCsvFormat(config);
            case "csv" -> new MappedCsvFormat(config);
            default -> throw new IllegalArgumentException("unknown export format '" + name + "'; formats: "
                    + String.join(", ", NAMES));
        };
    }
}
