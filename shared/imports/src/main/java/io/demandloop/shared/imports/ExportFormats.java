package io.demandloop.shared.imports;

import io.demandloop.shared.privacy.PersonalDataFilter;
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
        // Personal data is kept out of imported records by the same rules as at intake (section privacy).
        PersonalDataFilter privacy = PersonalDataFilter.of(config, List::of);
        return withPrivacy(format(name, config), privacy);
    }

    private static ExportFormat format(String name, DemandloopConfig config) {
        return switch (name) {
            case "servicenow" -> new ServiceNowExportFormat(config);
            case "jira" -> new JiraCsvFormat(config);
            case "csv" -> new MappedCsvFormat(config);
            default -> throw new IllegalArgumentException("unknown export format '" + name + "'; formats: "
                    + String.join(", ", NAMES));
        };
    }

    /** The format with each accepted row's ticket passed through the personal data filter. */
    private static ExportFormat withPrivacy(ExportFormat format, PersonalDataFilter privacy) {
        return new ExportFormat() {
            @Override
            public String name() {
                return format.name();
            }

            @Override
            public TicketExportReader open(java.io.Reader csv) throws java.io.IOException {
                TicketExportReader reader = format.open(csv);
                return new TicketExportReader() {
                    @Override
                    public List<String> columns() {
                        return reader.columns();
                    }

                    @Override
                    public ImportRow next() throws java.io.IOException {
                        ImportRow row = reader.next();
                        if (row == null || !row.isAccepted()) {
                            return row;
                        }
                        return ImportRow.accepted(row.line(), row.values(), privacy.apply(row.ticket()).value());
                    }

                    @Override
                    public void close() throws java.io.IOException {
                        reader.close();
                    }
                };
            }
        };
    }
}
