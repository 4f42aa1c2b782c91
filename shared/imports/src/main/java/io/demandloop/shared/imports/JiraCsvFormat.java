package io.demandloop.shared.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.jira.JiraConfig;
import io.demandloop.shared.source.jira.JiraIssues;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Jira Cloud and Data Center "Export &gt; CSV (all fields)" files (plain or zipped): one row is one issue as it was
 * when exported. Each row is turned into the shape of a Jira issue webhook ({@code issue.id}, {@code issue.key},
 * {@code issue.fields.*}) and normalised by the webhook intake's own rules ({@link JiraIssues}, section
 * {@code jira}), so an imported issue has exactly the identity ({@code Issue id}) and version ({@code Updated} in
 * epoch milliseconds) of the same issue received live.
 *
 * <p>Columns: the standard ones by name ({@code Summary}, {@code Issue Type}, {@code Status}, {@code Status Category},
 * {@code Priority}, {@code Created}, {@code Updated}, {@code Resolved}, {@code Component/s}, {@code Labels},
 * {@code Time Spent}, …); Jira repeats a column once per value, and all of them are read. A custom field column
 * {@code Custom field (Name)} becomes the field id {@code imports.jira.columns} maps it to (e.g.
 * {@code customfield_10050}, so that the live rules in {@code jira.fields} apply unchanged), else a field named like
 * the column. People columns (Assignee, Reporter, Creator, Watchers, request participants, approvers) are never read.
 *
 * <p>Dates are read in {@code imports.jira.dates.format} (Jira's default {@code dd/MMM/yy h:mm a}, English month
 * names) in {@code imports.jira.dates.zone}. The export has minutes only, so an issue's version is its last update
 * rounded down to the minute: never newer than the live version of the same update, which therefore wins.
 * Without a {@code Status Category} column (Data Center), the category comes from the status name by
 * {@code imports.jira.statusCategories}, else {@code imports.jira.defaultStatusCategory}.
 */
final class JiraCsvFormat implements ExportFormat {

    /** The configuration key of this format's export options, under section {@code imports}. */
    static final String OPTIONS = "jira";

    static final String ISSUE_ID = "Issue id";
    static final String ISSUE_KEY = "Issue key";
    static final String ISSUE_TYPE = "Issue Type";
    static final String STATUS = "Status";
    static final String STATUS_CATEGORY = "Status Category";
    static final String CREATED = "Created";
    static final String UPDATED = "Updated";

    /** Without these no row is an issue with an identity, a version, a kind and a state. */
    static final List<String> REQUIRED_COLUMNS = List.of(ISSUE_ID, ISSUE_TYPE, STATUS, CREATED, UPDATED);

    /** Columns that name people: never read, whatever the configuration says. */
    static final Set<String> PEOPLE_COLUMNS = Set.of("Assignee", "Reporter", "Creator", "Watchers", "Project lead",
            "Custom field (Request participants)", "Custom field (Approvers)");

    /** Columns read by this class itself, which the columns map cannot send elsewhere. */
    private static final Set<String> FIXED_COLUMNS = Set.of(ISSUE_ID, ISSUE_KEY, ISSUE_TYPE, STATUS, STATUS_CATEGORY,
            CREATED, UPDATED, "Resolved");

    private static final String CUSTOM_FIELD_PREFIX = "Custom field (";

    /** Jira's status categories by the name an export shows, and by their keys. */
    private static final Map<String, String> CATEGORY_KEYS = caseInsensitive(Map.of(
            "To Do", "new", "In Progress", "indeterminate", "Done", "done", "No Category", "undefined",
            "new", "new", "indeterminate", "indeterminate", "undefined", "undefined"));

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final Set<String> NO_MARKERS = Set.of();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How a column's values go into {@code issue.fields}. */
    enum Shape {
        /** The first non-empty value, as text. */
        TEXT,
        /** {@code {"name": value}}: issue type, priority, resolution, project. */
        NAME,
        /** {@code [{"name": value}, …]}, one per repeated column: components, versions. */
        NAMES,
        /** {@code [value, …]}: labels, and a custom field Jira repeats. */
        TEXTS,
        /** A date-time, converted to ISO-8601 for the rules. */
        DATE,
        /** Whole seconds, as a number when it is one (the rules reject anything else if they read the field). */
        SECONDS
    }

    /** A standard export column: the field id it is under {@code issue.fields}, and how. */
    record Field(String id, Shape shape) {
    }

    /** The standard columns of a Jira export and the webhook fields they are (identity and status apart). */
    static final Map<String, Field> STANDARD_COLUMNS = standardColumns();

    private final JiraIssues issues;
    private final String dateTimeFormat;
    private final DateTimeFormatter dateTimes;
    private final DateTimeFormatter dates;
    private final ZoneId zone;
    private final Map<String, String> statusCategories;
    private final String defaultStatusCategory;
    private final Map<String, String> columns;
    private final Set<String> dateFields;
    private final String site;

    /**
     * Options of the Jira export format (section {@code imports}, key {@code jira}).
     *
     * @param dates                 how the export writes dates
     * @param columns               export column to Jira field id, e.g. {@code Custom field (Business Service)} to
     *                              {@code customfield_10050}
     * @param statusCategories      status name to status category key, for exports without a Status Category column
     * @param defaultStatusCategory the category key of any other status name
     * @param site                  the Jira site ({@code https://acme.atlassian.net}), for each ticket's link
     */
    record Options(DateOptions dates, Map<String, String> columns, Map<String, String> statusCategories,
            String defaultStatusCategory, String site) {
    }

    /**
     * @param format     the date-time pattern of the export (Jira's {@code jira.date.time.picker.java.format})
     * @param dateFormat the date pattern, for date-only fields (date pickers)
     * @param zone       the time zone of the exporting user's profile
     */
    record DateOptions(String format, String dateFormat, String zone) {
    }

    JiraCsvFormat(DemandloopConfig config) {
        this.issues = new JiraIssues(config);
        Options options = config.section("imports", OPTIONS, Options.class);
        DateOptions dateOptions = options.dates() == null ? new DateOptions(null, null, null) : options.dates();
        this.dateTimeFormat = dateOptions.format() == null ? "dd/MMM/yy h:mm a" : dateOptions.format();
        this.dateTimes = pattern(dateTimeFormat, "dates.format");
        this.dates = pattern(dateOptions.dateFormat() == null ? "dd/MMM/yy" : dateOptions.dateFormat(),
                "dates.dateFormat");
        String zoneName = dateOptions.zone() == null ? "UTC" : dateOptions.zone().trim();
        try {
            this.zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".dates.zone '" + zoneName
                    + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        Set<String> known = issues.config().statusCategories().keySet();
        this.statusCategories = caseInsensitive(withoutNulls(options.statusCategories()));
        statusCategories.forEach((name, category) -> checkCategory("statusCategories." + name, category, known));
        this.defaultStatusCategory = options.defaultStatusCategory() == null ? "indeterminate"
                : options.defaultStatusCategory().trim();
        checkCategory("defaultStatusCategory", defaultStatusCategory, known);
        this.columns = withoutNulls(options.columns());
        columns.forEach(JiraCsvFormat::checkColumn);
        JiraConfig.Fields fields = issues.config().fields();
        Set<String> planned = new HashSet<>(fields.plannedStart());
        planned.addAll(fields.plannedEnd());
        this.dateFields = Set.copyOf(planned);
        String siteOption = options.site() == null || options.site().isBlank() ? null : options.site().trim();
        if (siteOption != null && !(siteOption.startsWith("https://") || siteOption.startsWith("http://"))) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".site must be the site's address, e.g."
                    + " https://acme.atlassian.net; was '" + siteOption + "'");
        }
        this.site = siteOption == null ? null : siteOption.replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public TicketExportReader open(Reader csv) throws IOException {
        try {
            return new Rows(csv);
        } catch (CsvFormatException e) {
            throw new CsvFormatException(e.getMessage() + ". Export the issues from Jira with Export > Export CSV"
                    + " (all fields), in English (the column names are the user's language)");
        }
    }

    /** Where one webhook field comes from in this export's header. */
    private record Target(String column, String field, Shape shape, int[] positions) {
    }

    private final class Rows extends CsvTicketReader {

        private final int id;
        private final int key;
        private final int status;
        private final int statusCategory;
        private final int issueType;
        private final int created;
        private final int updated;
        private final List<Target> targets;

        Rows(Reader in) throws IOException {
            super(in, REQUIRED_COLUMNS, true);
            CsvReader header = csv();
            this.id = header.indexOf(ISSUE_ID);
            this.key = header.indexOf(ISSUE_KEY);
            this.status = header.indexOf(STATUS);
            this.statusCategory = header.indexOf(STATUS_CATEGORY);
            this.issueType = header.indexOf(ISSUE_TYPE);
            this.created = header.indexOf(CREATED);
            this.updated = header.indexOf(UPDATED);
            this.targets = targets(header);
        }

        private List<Target> targets(CsvReader header) {
            List<Target> found = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String column : header.columns()) {
                if (!seen.add(column) || PEOPLE_COLUMNS.contains(column)) {
                    continue;
                }
                Field field = fieldOf(column, header.positionsOf(column).size() > 1);
                if (field != null) {
                    int[] positions = header.positionsOf(column).stream().mapToInt(Integer::intValue).toArray();
                    found.add(new Target(column, field.id(), field.shape(), positions));
                }
            }
            return List.copyOf(found);
        }

        @Override
        protected Ticket ticketOf(CsvRow row) {
            ObjectNode issue = JSON.objectNode();
            String issueId = required(row, id, ISSUE_ID);
            if (!DIGITS.matcher(issueId).matches()) {
                throw new InvalidRecordException("column '" + ISSUE_ID + "' must be Jira's numeric issue id, was '"
                        + issueId + "'");
            }
            issue.put("id", issueId);
            String issueKey = key < 0 ? null : value(row, key);
            if (issueKey != null) {
                issue.put("key", issueKey);
                if (site != null) {
                    issue.put("self", site + "/rest/api/2/issue/" + issueId);
                }
            }
            ObjectNode fields = issue.putObject("fields");
            fields.set("status", status(row));
            // Named here, by column, rather than by the rules' field names.
            required(row, issueType, ISSUE_TYPE);
            required(row, created, CREATED);
            required(row, updated, UPDATED);
            for (Target target : targets) {
                if (!fields.has(target.field())) {
                    write(row, target, fields);
                }
            }
            ObjectNode body = JSON.objectNode();
            body.put("webhookEvent", "jira:issue_updated");
            body.set("issue", issue);
            NormalisedDelivery normalised;
            try {
                normalised = issues.normalise(body);
            } catch (InvalidRecordException e) {
                throw new InvalidRecordException(withColumn(e.getMessage()));
            }
            if (normalised.ignoredReason() != null) {
                throw new InvalidRecordException("column '" + ISSUE_TYPE + "': " + normalised.ignoredReason());
            }
            return normalised.tickets().get(0);
        }

        private ObjectNode status(CsvRow row) {
            String name = required(row, status, STATUS);
            String category = statusCategory < 0 ? null : value(row, statusCategory);
            String categoryKey;
            if (category != null) {
                categoryKey = CATEGORY_KEYS.get(category);
                if (categoryKey == null) {
                    throw new InvalidRecordException("column '" + STATUS_CATEGORY + "' has '" + category
                            + "', which is not a Jira status category (To Do, In Progress, Done)");
                }
            } else {
                // Data Center exports have no category: the status name tells it, as the defaults list, else
                // the default; a name under jira.statuses wins over the category anyway.
                categoryKey = statusCategories.getOrDefault(name, defaultStatusCategory);
            }
            ObjectNode node = JSON.objectNode();
            node.put("name", name);
            node.putObject("statusCategory").put("key", categoryKey);
            return node;
        }

        private void write(CsvRow row, Target target, ObjectNode fields) {
            switch (target.shape()) {
                case TEXT -> {
                    String value = first(row, target);
                    if (value != null) {
                        fields.put(target.field(), value);
                    }
                }
                case NAME -> {
                    String value = first(row, target);
                    if (value != null) {
                        fields.putObject(target.field()).put("name", value);
                    }
                }
                case NAMES, TEXTS -> {
                    ArrayNode values = JSON.arrayNode();
                    for (int position : target.positions()) {
                        String value = value(row, position);
                        if (value != null) {
                            if (target.shape() == Shape.NAMES) {
                                values.addObject().put("name", value);
                            } else {
                                values.add(value);
                            }
                        }
                    }
                    if (!values.isEmpty()) {
                        fields.set(target.field(), values);
                    }
                }
                case DATE -> {
                    String value = first(row, target);
                    if (value != null) {
                        fields.put(target.field(), instant(value, target.column()).toString());
                    }
                }
                case SECONDS -> {
                    String value = first(row, target);
                    if (value != null && DIGITS.matcher(value).matches()) {
                        fields.put(target.field(), Long.parseLong(value));
                    } else if (value != null) {
                        fields.put(target.field(), value);
                    }
                }
                default -> throw new IllegalStateException("unknown shape " + target.shape());
            }
        }

        /** The rules name webhook fields ({@code fields.timespent}); the user knows the column: say both. */
        private String withColumn(String message) {
            for (Target target : targets) {
                String field = "fields." + target.field();
                int at = message.indexOf(field);
                int end = at + field.length();
                if (at >= 0 && (end == message.length() || !Character.isJavaIdentifierPart(message.charAt(end)))) {
                    return "column '" + target.column() + "': " + message;
                }
            }
            return message;
        }
    }

    /** Which webhook field a column is, or null when it is not read. */
    private Field fieldOf(String column, boolean repeated) {
        String mapped = columns.get(column);
        Field standard = STANDARD_COLUMNS.get(column);
        if (FIXED_COLUMNS.contains(column)) {
            return standard;
        }
        if (mapped != null) {
            return new Field(mapped, dateFields.contains(mapped) ? Shape.DATE
                    : standard != null ? standard.shape() : repeated ? Shape.TEXTS : Shape.TEXT);
        }
        if (standard != null) {
            return dateFields.contains(standard.id()) ? new Field(standard.id(), Shape.DATE) : standard;
        }
        if (column.startsWith(CUSTOM_FIELD_PREFIX)) {
            // Without a mapping a custom field is a field named like its column, which jira.fields may name.
            return new Field(column, dateFields.contains(column) ? Shape.DATE : repeated ? Shape.TEXTS : Shape.TEXT);
        }
        return null;
    }

    /** A date-time (or a date, at the start of its day) in the export's format and zone. */
    Instant instant(String value, String column) {
        try {
            TemporalAccessor parsed = dateTimes.parseBest(value, LocalDateTime::from, LocalDate::from);
            return io.demandloop.shared.time.SourceTimes.plausible(at(parsed), "column '" + column + "'");
        } catch (DateTimeParseException e) {
            try {
                return io.demandloop.shared.time.SourceTimes.plausible(
                        at(dates.parseBest(value, LocalDateTime::from, LocalDate::from)), "column '" + column + "'");
            } catch (DateTimeParseException again) {
                throw new InvalidRecordException("column '" + column + "' has '" + value + "', which is not a date"
                        + " in the format " + dateTimeFormat + " (imports.jira.dates.format)");
            }
        }
    }

    private Instant at(TemporalAccessor parsed) {
        LocalDateTime local = parsed instanceof LocalDateTime dateTime ? dateTime
                : ((LocalDate) parsed).atStartOfDay();
        // In the hour a clock goes back, the earlier of the two instants: never a version later than the truth.
        return local.atZone(zone).toInstant();
    }

    private static String required(CsvRow row, int position, String column) {
        String value = value(row, position);
        if (value == null) {
            throw new InvalidRecordException("column '" + column + "' is empty; every issue has one");
        }
        return value;
    }

    private static String value(CsvRow row, int position) {
        return CsvValues.clean(row.get(position), NO_MARKERS);
    }

    private static String first(CsvRow row, Target target) {
        for (int position : target.positions()) {
            String value = value(row, position);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static DateTimeFormatter pattern(String pattern, String key) {
        try {
            // Jira writes English month and AM/PM names. Strict, so that 31/Feb is an error rather than 28/Feb;
            // Jira's patterns use y (year of era), which strict resolving reads only with an era: AD.
            return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException("imports." + OPTIONS + "." + key + " '" + pattern
                    + "' is not a date pattern: " + e.getMessage());
        }
    }

    private static void checkCategory(String key, String category, Set<String> known) {
        if (category == null || !known.contains(category)) {
            throw new MissingConfigurationException("imports." + OPTIONS + "." + key + " is '" + category
                    + "', which jira.statusCategories does not map (it maps " + String.join(", ", known) + ")");
        }
    }

    private static void checkColumn(String column, String field) {
        if (PEOPLE_COLUMNS.contains(column)) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".columns." + column
                    + ": a column naming people is never read");
        }
        if (FIXED_COLUMNS.contains(column)) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".columns." + column
                    + ": this column gives the issue's identity, version, kind or state and cannot be mapped");
        }
        if (field.isBlank()) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".columns." + column
                    + " must name a Jira field id, e.g. customfield_10050");
        }
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key.trim(), value.trim());
                }
            });
        }
        return copy;
    }

    private static Map<String, String> caseInsensitive(Map<String, String> map) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(map);
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, Field> standardColumns() {
        Map<String, Field> columns = new LinkedHashMap<>();
        columns.put("Summary", new Field("summary", Shape.TEXT));
        columns.put(ISSUE_TYPE, new Field("issuetype", Shape.NAME));
        columns.put("Priority", new Field("priority", Shape.NAME));
        columns.put("Resolution", new Field("resolution", Shape.NAME));
        columns.put("Project name", new Field("project", Shape.NAME));
        columns.put(CREATED, new Field("created", Shape.DATE));
        columns.put(UPDATED, new Field("updated", Shape.DATE));
        columns.put("Resolved", new Field("resolutiondate", Shape.DATE));
        columns.put("Component/s", new Field("components", Shape.NAMES));
        columns.put("Affects Version/s", new Field("versions", Shape.NAMES));
        columns.put("Fix Version/s", new Field("fixVersions", Shape.NAMES));
        columns.put("Labels", new Field("labels", Shape.TEXTS));
        columns.put("Environment", new Field("environment", Shape.TEXT));
        columns.put("Time Spent", new Field("timespent", Shape.SECONDS));
        columns.put("Original Estimate", new Field("timeoriginalestimate", Shape.SECONDS));
        columns.put("Remaining Estimate", new Field("timeestimate", Shape.SECONDS));
        columns.put("Σ Time Spent", new Field("aggregatetimespent", Shape.SECONDS));
        return Collections.unmodifiableMap(columns);
    }
}
