package io.demandloop.shared.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeConfig;
import io.demandloop.shared.initiative.InitiativeJson;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.StoreOutcome;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Imports a roadmap tool's CSV export of initiatives (Aha! Roadmaps, LeanIX, Jira Product Discovery, ...) by a column
 * mapping, configuration key {@code imports.initiatives} (docs/imports.md, "Initiatives from a roadmap export"). Each
 * row becomes the JSON shape of the JSON initiative source and is read by the same {@link InitiativeJson}, so an
 * imported initiative has the rules of a live one; it is written with the initiative store's conditional put, so a
 * second import of the same file changes nothing. A row that cannot be an initiative (no service, a date that is not
 * one, an unknown status, a demand that is not stored) goes to the rejected-rows file with the column named; the
 * others are imported.
 */
public final class InitiativeImporter {

    /** The key of the mapping in section {@code imports}. */
    public static final String OPTIONS = "initiatives";
    /** The fields a mapping may name a column for, in the JSON source's names. */
    static final List<String> FIELDS = List.of("id", "title", "services", "demandIds", "status", "deliveredAt", "team",
            "link", "version", "updatedAt", "metric", "change", "category");

    /**
     * Key {@code imports.initiatives}.
     *
     * @param source        the source name of the imported initiatives (their identity is {@code <source>#<id>})
     * @param columns       field name to the export's column
     * @param statuses      the export's status labels (any case) to initiative statuses; others must be one
     * @param listSeparator what separates several services or demand ids in one cell (default {@code ,})
     * @param dateFormat    a pattern of the export's dates or date-times, read as UTC; ISO-8601 is always read
     * @param missing       cell values meaning "no value"
     */
    public record Options(String source, Map<String, String> columns, Map<String, String> statuses, String listSeparator,
                          String dateFormat, List<String> missing) {
    }

    private final Options options;
    private final Map<String, String> columns;
    private final Map<String, InitiativeStatus> statuses = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> missing;
    private final DateTimeFormatter dateFormat;
    private final InitiativeJson reader;
    private final String separator;

    /**
     * The mapping of this configuration (usually the {@code --mapping} file laid over it).
     *
     * @throws MissingConfigurationException naming the key that is missing or wrong
     */
    public InitiativeImporter(DemandloopConfig config) {
        Options read = config.section("imports", OPTIONS, Options.class);
        if (read.source() == null || read.source().isBlank()) {
            throw new MissingConfigurationException("imports.initiatives.source is missing: name the tool the export"
                    + " comes from (e.g. aha); see examples/roadmap/mapping.yaml and docs/imports.md");
        }
        this.options = read;
        this.columns = new LinkedHashMap<>();
        if (read.columns() != null) {
            read.columns().forEach((field, column) -> {
                if (!FIELDS.contains(field)) {
                    throw new MissingConfigurationException("imports.initiatives.columns." + field
                            + " is not a field; fields: " + String.join(", ", FIELDS));
                }
                if (column != null && !column.isBlank()) {
                    columns.put(field, column.trim());
                }
            });
        }
        for (String required : List.of("id", "title", "services", "updatedAt")) {
            if (!columns.containsKey(required)) {
                throw new MissingConfigurationException("imports.initiatives.columns." + required
                        + " is missing: name the export's column for it");
            }
        }
        if (read.statuses() != null) {
            read.statuses().forEach((label, status) -> {
                try {
                    statuses.put(label.trim(), InitiativeStatus.parse(status));
                } catch (IllegalArgumentException e) {
                    throw new MissingConfigurationException("imports.initiatives.statuses." + label + ": " + e.getMessage());
                }
            });
        }
        this.missing = read.missing() == null ? Set.of() : Set.copyOf(read.missing());
        this.separator = read.listSeparator() == null || read.listSeparator().isEmpty() ? "," : read.listSeparator();
        try {
            this.dateFormat = read.dateFormat() == null || read.dateFormat().isBlank() ? null
                    : DateTimeFormatter.ofPattern(read.dateFormat(), Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException("imports.initiatives.dateFormat: " + e.getMessage());
        }
        this.reader = new InitiativeJson(InitiativeConfig.from(config).defaultExpected(), config::serviceFor);
    }

    /** The columns the export's header must have. */
    public List<String> requiredColumns() {
        return List.copyOf(new LinkedHashMap<>(columns).values().stream().distinct().toList());
    }

    /**
     * Reads the export and stores each initiative.
     *
     * @param in           the export
     * @param input        names the export in the summary
     * @param rejectedRows where rejected rows go (created only when a row is rejected)
     * @param repository   where the initiatives are stored
     * @param demandExists whether a demand id is a stored demand
     */
    public ImportSummary run(Reader in, String input, Path rejectedRows, InitiativeRepository repository,
                             Predicate<String> demandExists, Clock clock) throws IOException {
        Instant start = clock.instant();
        Map<String, Long> reasons = new LinkedHashMap<>();
        long[] counts = new long[5]; // read, rejected, stored, unchanged, superseded
        List<String> header;
        List<RowProblem> malformed = new ArrayList<>();
        try (CsvReader csv = CsvReader.open(in, requiredColumns(), malformed::add)) {
            header = csv.columns();
            try (RejectedRowsFile rejected = new RejectedRowsFile(rejectedRows, header)) {
                Set<String> seen = new HashSet<>();
                for (CsvRow row = csv.next(); row != null || !malformed.isEmpty(); row = csv.next()) {
                    for (RowProblem problem : malformed) {
                        counts[0]++;
                        counts[1]++;
                        reasons.merge(problem.reason(), 1L, Long::sum);
                        rejected.write(ImportRow.rejected(problem.line(), problem.values(), problem.reason()), problem.reason());
                    }
                    malformed.clear();
                    if (row == null) {
                        break;
                    }
                    counts[0]++;
                    String where = "line " + row.line();
                    try {
                        Initiative initiative = reader.read(options.source(), toJson(row, where), where);
                        for (String demandId : initiative.demandIds()) {
                            if (!demandExists.test(demandId)) {
                                throw new InvalidRecordException(where + ": demandIds (column '" + columns.get("demandIds")
                                        + "'): '" + demandId + "' is not a stored demand");
                            }
                        }
                        if (!seen.add(initiative.id())) {
                            counts[4]++;
                        }
                        StoreOutcome outcome = repository.store(initiative);
                        counts[outcome == StoreOutcome.STORED ? 2 : 3]++;
                    } catch (InvalidRecordException e) {
                        counts[1]++;
                        String message = withColumn(e.getMessage(), where);
                        reasons.merge(reason(message, where), 1L, Long::sum);
                        rejected.write(ImportRow.rejected(row.line(), row.values(), message), message);
                    }
                }
                long records = counts[2] + counts[3];
                return new ImportSummary(OPTIONS, input, counts[0], counts[1], counts[4], records, counts[2], counts[3],
                        0, reasons, Duration.between(start, clock.instant()),
                        rejected.rows() > 0 ? rejected.path().toString() : null);
            }
        }
    }

    /** The row as the JSON source's object: each mapped column's value, cleaned, lists split, labels mapped. */
    private ObjectNode toJson(CsvRow row, String where) {
        ObjectNode json = Json.mapper().createObjectNode();
        ObjectNode expected = null;
        for (Map.Entry<String, String> mapped : columns.entrySet()) {
            String field = mapped.getKey();
            String value = CsvValues.clean(row.get(mapped.getValue()), missing);
            if (value == null) {
                continue;
            }
            String label = field + " (column '" + mapped.getValue() + "')";
            switch (field) {
                case "services", "demandIds" -> {
                    ArrayNode list = json.putArray(field);
                    for (String part : value.split(java.util.regex.Pattern.quote(separator))) {
                        if (!part.isBlank()) {
                            list.add(part.trim());
                        }
                    }
                }
                case "status" -> {
                    InitiativeStatus status = statuses.get(value);
                    if (status == null) {
                        try {
                            status = InitiativeStatus.parse(value);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidRecordException(where + ": " + label + ": unknown status '" + value
                                    + "'; map it under imports.initiatives.statuses (" + String.join(", ", statuses.keySet())
                                    + ") or use proposed, approved, in-progress, delivered, cancelled");
                        }
                    }
                    json.put(field, status.wireName());
                }
                case "deliveredAt", "updatedAt" -> json.put(field, isoDate(value, label, where));
                case "metric", "change", "category" -> {
                    if (expected == null) {
                        expected = json.putObject("expected");
                    }
                    expected.put(field, value);
                }
                default -> json.put(field, value);
            }
        }
        return json;
    }

    /** A date of the export as ISO-8601: as given when it is ISO, else by {@code dateFormat}, read as UTC. */
    private String isoDate(String value, String label, String where) {
        if (dateFormat == null) {
            try {
                InitiativeJson.parseDate(value, label);
                return value;
            } catch (InvalidRecordException e) {
                throw new InvalidRecordException(where + ": " + e.getMessage());
            }
        }
        try {
            return LocalDateTime.parse(value, dateFormat).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value, dateFormat).toString();
            } catch (DateTimeParseException again) {
                try {
                    InitiativeJson.parseDate(value, label);
                    return value;
                } catch (InvalidRecordException notIso) {
                    throw new InvalidRecordException(where + ": " + label + " is not a date in the export's format ("
                            + options.dateFormat() + ") nor ISO-8601: '" + value + "'");
                }
            }
        }
    }

    /** The message with the export's column beside the field it names first, when the field is mapped. */
    private String withColumn(String message, String where) {
        String prefix = where + ": ";
        if (!message.startsWith(prefix) || message.contains("(column '")) {
            return message;
        }
        String rest = message.substring(prefix.length());
        for (Map.Entry<String, String> mapped : columns.entrySet()) {
            String field = mapped.getKey();
            String named = List.of("metric", "change", "category").contains(field) ? "expected." + field : field;
            for (String form : List.of(named, "required field " + named)) {
                if (rest.startsWith(form + " ") || rest.startsWith(form + ":")) {
                    return prefix + form + " (column '" + mapped.getValue() + "')" + rest.substring(form.length());
                }
            }
        }
        return message;
    }

    /** A reason without the line, so that the summary counts rows alike. */
    private static String reason(String message, String where) {
        String prefix = where + ": ";
        String reason = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        // the value itself varies row by row; the field and the kind of problem are what repeat
        int quote = reason.indexOf(": '");
        return quote > 0 ? reason.substring(0, quote) : reason;
    }

    /** The options, for messages. */
    public Options options() {
        return options;
    }
}
