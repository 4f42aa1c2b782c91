package io.demandloop.shared.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.source.mapped.FieldLocation;
import io.demandloop.shared.source.mapped.MappedNormaliser;
import io.demandloop.shared.source.mapped.MappedSources;
import io.demandloop.shared.source.mapped.MappingSpec;
import io.demandloop.shared.source.mapped.MappingSpec.Coded;
import io.demandloop.shared.source.mapped.MappingSpec.DateField;
import io.demandloop.shared.source.mapped.MappingSpec.Fields;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV export of any ticket tool, read by a column mapping: configuration key {@code imports.csv}, usually laid over
 * the configuration by the import's {@code --mapping} file. The mapping is a {@code mappings} entry (docs/sources.md)
 * with column names for locations, the tool named by {@code source}, no {@code auth} and no {@code records}, and an
 * optional {@code missing} list of markers for "no value".
 *
 * <p>Each row is read as a flat JSON object of its mapped columns and normalised by the webhook intake's
 * {@link MappedNormaliser}, so an imported record has exactly the identity ({@code <source>#<kind>#<id>}) and the
 * version of the same record received live through the webhook mapping of that name. Values are taken as written,
 * surrounding whitespace aside, as the live intake takes them.
 *
 * <p>Every mapped column must be in the header (a mapping that names a column the export lacks is a mistake to see,
 * not a field to leave empty), once. A row the mapping refuses (an unknown state, a date not of the format) is
 * rejected with the column and the value named, and reading goes on.
 */
final class MappedCsvFormat implements ExportFormat {

    /** The key of the mapping in section {@code imports}. */
    static final String OPTIONS = "csv";

    /** The configuration key of the mapping, as messages name it. */
    static final String KEY = "imports." + OPTIONS;

    /** The key of the markers for "no value", read here rather than by the mapping parser. */
    private static final String MISSING = "missing";

    /** One line, as every CLI error is: where the mapping goes and where an example is. */
    private static final String EXAMPLE = "--mapping is required for format csv: a YAML file with the column mapping"
            + " under imports.csv (source, kind, version, fields); see examples/generic-csv/mapping.yaml and docs/imports.md";

    private final MappingSpec spec;
    private final MappedNormaliser normaliser;
    private final Set<String> missing;
    /** Each mapped column, with the mapping keys that read it, in mapping order. */
    private final Map<String, List<String>> columns;

    /**
     * Reads and checks the mapping.
     *
     * @throws MissingConfigurationException naming {@code imports.csv.<key>}: no mapping, an invalid one, or one
     *                                       whose identity or version could not meet the tool's webhook mapping
     */
    MappedCsvFormat(DemandloopConfig config) {
        JsonNode node = config.section("imports").get(OPTIONS);
        if (node == null || node.isNull() || node.isObject() && node.isEmpty()) {
            throw new MissingConfigurationException("configuration " + KEY + " is missing. " + EXAMPLE);
        }
        this.spec = MappingSpec.parseImport(KEY, node, List.of(MISSING));
        this.missing = missing(node.get(MISSING));
        this.columns = columns(spec);
        this.normaliser = new MappedNormaliser(spec, config::serviceFor);
        checkMeetsLive(config);
    }

    @Override
    public String name() {
        return OPTIONS;
    }

    /** The validated mapping. */
    MappingSpec spec() {
        return spec;
    }

    @Override
    public TicketExportReader open(Reader csv) throws IOException {
        return new Rows(csv);
    }

    private final class Rows extends CsvTicketReader {

        /** The header position of each mapped column. */
        private final String[] names;
        private final int[] positions;

        Rows(Reader in) throws IOException {
            // Unmapped columns may repeat (some tools write one column per value); a mapped one must not.
            super(in, List.of(), true);
            names = columns.keySet().toArray(new String[0]);
            positions = new int[names.length];
            try {
                locate();
            } catch (CsvFormatException e) {
                close(); // the caller never gets this reader to close
                throw e;
            }
        }

        private void locate() {
            List<String> absent = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                List<Integer> found = csv().positionsOf(names[i]);
                if (found.isEmpty()) {
                    absent.add("'" + names[i] + "' (" + String.join(", ", columns.get(names[i])) + ")");
                } else if (found.size() > 1) {
                    throw new CsvFormatException("the header has the column '" + names[i] + "' " + found.size()
                            + " times; " + KEY + " maps it (" + String.join(", ", columns.get(names[i]))
                            + "), so which to read is ambiguous");
                } else {
                    positions[i] = found.get(0);
                }
            }
            if (!absent.isEmpty()) {
                throw new CsvFormatException("the header lacks the column(s) " + String.join(", ", absent)
                        + " that " + KEY + " maps; it has " + csv().columns()
                        + ". Is this the export the mapping is for?");
            }
        }

        @Override
        protected Ticket ticketOf(CsvRow row) {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < names.length; i++) {
                String value = row.get(positions[i]).strip();
                if (!value.isEmpty() && !missing.contains(value)) {
                    record.put(names[i], value);
                }
            }
            return normaliser.normaliseRecord(record, "row");
        }
    }

    /**
     * Fails when the tool's webhook mapping ({@code mappings.<source>}, a preset or the user's) exists and imported
     * records could not meet live ones: a different constant kind gives a different key, a version of another type
     * does not compare. Other differences (locations, value maps) are the export's own and cannot be checked here.
     */
    private void checkMeetsLive(DemandloopConfig config) {
        JsonNode live = config.section(MappedSources.SECTION).get(spec.tool());
        if (live == null || !live.isObject()) {
            return;
        }
        MappingSpec webhook;
        try {
            webhook = MappingSpec.parse(spec.tool(), live);
        } catch (MissingConfigurationException e) {
            return; // the intake reports its own mapping; it does not stop an import
        }
        Coded<TicketKind> kind = spec.kind();
        Coded<TicketKind> liveKind = webhook.kind();
        if (kind.field() == null && liveKind.field() == null && kind.fallback() != liveKind.fallback()) {
            throw new MissingConfigurationException("configuration " + KEY + ".kind: is " + kind.fallback().wireName()
                    + " but mappings." + spec.tool() + ".kind is " + liveKind.fallback().wireName()
                    + ", so imported and live records of a ticket would have different identities");
        }
        if (spec.version().type() != webhook.version().type()) {
            throw new MissingConfigurationException("configuration " + KEY + ".version.as: is "
                    + asName(spec) + " but mappings." + spec.tool() + ".version.as is " + asName(webhook)
                    + ", so the versions of imported and live records would not compare");
        }
    }

    private static String asName(MappingSpec spec) {
        return spec.version().type() == MappingSpec.VersionType.DATE ? "date" : "number";
    }

    private static Set<String> missing(JsonNode node) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (node.isTextual()) {
            return Set.of(node.asText().strip());
        }
        if (!node.isArray()) {
            throw new MissingConfigurationException("configuration " + KEY + "." + MISSING
                    + ": must be a list of the values that mean \"no value\", e.g. [\"N/A\", \"-\"]");
        }
        Set<String> markers = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode marker = node.get(i);
            if (!marker.isValueNode() || marker.isNull() || marker.asText().isBlank()) {
                throw new MissingConfigurationException("configuration " + KEY + "." + MISSING + "[" + i
                        + "]: must be a non-empty text (an empty value always means \"no value\")");
            }
            markers.add(marker.asText().strip());
        }
        return Set.copyOf(markers);
    }

    /** The columns the mapping reads, each with the keys that read it. */
    private static Map<String, List<String>> columns(MappingSpec spec) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Fields fields = spec.fields();
        add(columns, fields.id(), "fields.id");
        add(columns, spec.kind().field(), "kind");
        add(columns, spec.version().field(), "version");
        add(columns, fields.number(), "fields.number");
        add(columns, fields.title(), "fields.title");
        for (int i = 0; i < fields.service().size(); i++) {
            add(columns, fields.service().get(i), "fields.service");
        }
        add(columns, fields.configurationItem(), "fields.configurationItem");
        add(columns, fields.priority().field(), "fields.priority");
        add(columns, fields.state().field(), "fields.state");
        add(columns, fields.openedAt(), "fields.openedAt");
        add(columns, fields.resolvedAt(), "fields.resolvedAt");
        add(columns, fields.closedAt(), "fields.closedAt");
        add(columns, fields.updatedAt(), "fields.updatedAt");
        add(columns, fields.department(), "fields.department");
        add(columns, fields.assignmentGroup(), "fields.assignmentGroup");
        add(columns, fields.category(), "fields.category");
        add(columns, fields.effortMinutes() == null ? null : fields.effortMinutes().field(), "fields.effortMinutes");
        add(columns, fields.reopenCount(), "fields.reopenCount");
        add(columns, fields.problem(), "fields.problem");
        add(columns, fields.symptom(), "fields.symptom");
        add(columns, fields.slaMet() == null ? null : fields.slaMet().field(), "fields.slaMet");
        return columns;
    }

    private static void add(Map<String, List<String>> columns, DateField date, String key) {
        add(columns, date == null ? null : date.field(), key);
    }

    private static void add(Map<String, List<String>> columns, FieldLocation location, String key) {
        if (location != null) {
            // Locations of an import are one step: the property is the column's name, unescaped.
            String column = location.pointer().getMatchingProperty();
            List<String> keys = columns.computeIfAbsent(column, c -> new ArrayList<>());
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
    }
}
