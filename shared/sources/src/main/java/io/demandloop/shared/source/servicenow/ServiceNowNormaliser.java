package io.demandloop.shared.source.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.time.SourceTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Normalises ServiceNow task records (incident, {@code sc_req_item}, problem, {@code change_request}, and any
 * other table configured) into canonical {@link Ticket}s, by the rules of configuration section
 * {@code servicenow} ({@link ServiceNowConfig}).
 *
 * <p>Accepted bodies: one record, an array of records, or the Table API's {@code {"result": …}} wrapper
 * around either. Values come in the Table API's value form (strings everywhere, dates as
 * {@code yyyy-MM-dd HH:mm:ss} in UTC, empty strings for empty fields) or in its
 * {@code sysparm_display_value=all} form, where any field may be {@code {"display_value": …, "value": …}}.
 * Codes, dates and counters ({@code state}, {@code priority}, {@code sys_mod_count}, …) are read from
 * {@code value}, because the display value is localised (a label, a date in the user's zone); names
 * (service, CI, group, department, category) prefer {@code display_value}, because the value of a reference
 * is a sys_id. The table is {@code sys_class_name}, else the one whose number prefix the number has, else the
 * default table. Identity is {@code number} (the ticket key adds the kind): every webhook and every export has it,
 * while the audit trails and list exports users backfill from often have no {@code sys_id}; numbers are unique
 * per table. Order is {@code sys_mod_count}. The state is {@code state}, else {@code incident_state}, by its code or,
 * as exports write it, its label. The linked problem, symptom and SLA verdict ({@code problem_id}, {@code u_symptom},
 * {@code made_sla} by default) become the ticket's {@link TicketSignals}. Callers, openers and assignees are never read.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServiceNowNormaliser {

    /** The source name, also the intake path segment. */
    public static final String SOURCE = "servicenow";

    /** The configuration section read. */
    public static final String CONFIG_SECTION = "servicenow";

    /** Longest title kept, so that a stored ticket stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private static final DateTimeFormatter GLIDE_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final boolean requireTable;
    private final String defaultTable;
    private final Map<String, ServiceNowConfig.TableRules> tables;
    private final Map<String, ChangeOutcome> changeOutcomes;
    private final UnaryOperator<String> serviceFor;
    private final String instanceUrl;
    private final ExportDates exportDates;

    /**
     * How an export writes dates, besides the Table API's {@code yyyy-MM-dd HH:mm:ss} UTC and ISO-8601, which are
     * always read: a parser of its wall-clock times (null when a value is not in its format), the pattern it stands
     * for in messages, and the zone of those times.
     */
    public record ExportDates(java.util.function.Function<String, LocalDateTime> parser, String pattern,
                              java.time.ZoneId zone) {
        public ExportDates {
            Objects.requireNonNull(parser, "parser");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(zone, "zone");
        }
    }

    /** A normaliser with the built-in defaults only: a stock instance, no service aliases. */
    public ServiceNowNormaliser() {
        this(DemandloopConfig.defaults());
    }

    /**
     * A normaliser with section {@code servicenow} of the configuration and its service aliases.
     *
     * @throws io.demandloop.shared.config.MissingConfigurationException naming a missing, unknown or
     *                                                                   inconsistent key
     */
    public ServiceNowNormaliser(DemandloopConfig config) {
        this(config, null);
    }

    /**
     * A normaliser for an export: as {@link #ServiceNowNormaliser(DemandloopConfig)}, and reading dates in the
     * export's own format too.
     *
     * @param exportDates the export's date format; null for the Table API's formats only
     */
    public ServiceNowNormaliser(DemandloopConfig config, ExportDates exportDates) {
        Objects.requireNonNull(config, "config");
        this.exportDates = exportDates;
        ServiceNowConfig section = config.section(CONFIG_SECTION, ServiceNowConfig.class);
        // Unmodifiable views keep the configured order, which the error messages list.
        this.tables = Collections.unmodifiableMap(section.validated());
        this.requireTable = section.requireTable();
        this.defaultTable = section.defaultTable();
        this.changeOutcomes = Collections.unmodifiableMap(section.outcomes());
        this.serviceFor = config::serviceFor;
        String instance = section.instanceUrl();
        this.instanceUrl = instance == null || instance.isBlank() ? null : instance.trim().replaceAll("/+$", "");
    }

    /**
     * Normalises every record of the body.
     *
     * @throws InvalidRecordException naming the first problem found; then nothing of the body is used
     */
    public List<Ticket> normalise(JsonNode body) {
        JsonNode records = body != null && body.isObject() && body.has("result") ? body.get("result") : body;
        List<Ticket> tickets = new ArrayList<>();
        if (records != null && records.isArray()) {
            if (records.isEmpty()) {
                throw new InvalidRecordException("the body holds no records");
            }
            for (int i = 0; i < records.size(); i++) {
                tickets.add(normaliseRecord(records.get(i), "record " + i));
            }
        } else if (records != null && records.isObject()) {
            tickets.add(normaliseRecord(records, "record"));
        } else {
            throw new InvalidRecordException("the body must be a record object, an array of records or {\"result\": …}");
        }
        return tickets;
    }

    /**
     * Normalises one record (a JSON object of fields), e.g. one row of an export.
     *
     * @param where names the record in error messages
     * @throws InvalidRecordException naming the first problem found
     */
    public Ticket normaliseRecord(JsonNode record, String where) {
        if (!record.isObject()) {
            throw new InvalidRecordException(where + " is not a JSON object");
        }
        String number = required(record, "number", where);
        if (number.length() > Ticket.MAX_ID_LENGTH) {
            throw new InvalidRecordException(where + ": number is " + number.length() + " characters; at most "
                    + Ticket.MAX_ID_LENGTH + " are accepted");
        }
        ServiceNowConfig.TableRules rules = tableOf(record, number, where);
        ServiceNowConfig.Fields fields = rules.fields();
        String stateField = code(record, "state") != null || code(record, "incident_state") == null ? "state" : "incident_state";
        String stateCode = required(record, stateField, where);
        TicketState state = rules.state(stateCode);
        if (state == null) {
            throw new InvalidRecordException(where + ": unknown " + rules.table() + " " + stateField + " '" + stateCode
                    + "' (configured codes: " + describe(rules.states()) + "; labels: "
                    + String.join(", ", rules.labels().keySet()) + "); map it under servicenow.tables."
                    + rules.table() + ".states or .labels");
        }
        String service = firstName(record, fields.service());
        long modCount = wholeNumber(required(record, "sys_mod_count", where), "sys_mod_count", where);
        if (modCount < 0) {
            throw new InvalidRecordException(where + ": sys_mod_count must not be negative, was " + modCount);
        }
        String updated = code(record, "sys_updated_on") != null ? "sys_updated_on" : "sys_updated_at";
        return Ticket.builder()
                .source(SOURCE)
                .sourceId(number)
                .kind(rules.kind())
                .number(number)
                .service(service == null ? Ticket.UNKNOWN_SERVICE : serviceFor.apply(service))
                .configurationItem(firstName(record, fields.configurationItem()))
                .priority(priority(required(record, "priority", where), where))
                .state(state)
                .openedAt(requiredDate(record, "opened_at", where))
                .resolvedAt(date(record, "resolved_at", where))
                .closedAt(date(record, "closed_at", where))
                .department(firstName(record, fields.department()))
                .assignmentGroup(firstName(record, fields.assignmentGroup()))
                .effortMinutes(effortMinutes(record, fields.effort(), where))
                .category(firstName(record, fields.category()))
                .title(title(name(record, "short_description")))
                .sourceVersion(modCount)
                .sourceUpdatedAt(date(record, updated, where))
                .reopenCount(optionalCount(record, "reopen_count", where))
                .link(link(rules.table(), number))
                .change(rules.kind() == TicketKind.CHANGE ? changeDetails(record, fields, where) : null)
                .signals(signals(record, fields, where))
                .build();
    }

    /**
     * The linked problem, the symptom and the SLA verdict; null when the record has none of them. The problem is a
     * reference: its display value (the problem's number) when the record carries one, so that the incidents of one
     * problem and the problem itself meet under one key, else its value (a sys_id, or the number an export wrote).
     */
    private static TicketSignals signals(JsonNode record, ServiceNowConfig.Fields fields, String where) {
        String problem = null;
        FieldValue reference = firstNamed(record, fields.problem());
        if (reference != null) {
            if (reference.value().length() > Ticket.MAX_ID_LENGTH) {
                throw new InvalidRecordException(where + ": " + reference.field() + " is " + reference.value().length()
                        + " characters; at most " + Ticket.MAX_ID_LENGTH + " are accepted");
            }
            problem = Ticket.key(SOURCE, TicketKind.PROBLEM, reference.value());
        }
        Boolean slaMet = null;
        FieldValue verdict = firstCode(record, fields.slaMet());
        if (verdict != null) {
            if (verdict.value().equalsIgnoreCase("true")) {
                slaMet = Boolean.TRUE;
            } else if (verdict.value().equalsIgnoreCase("false")) {
                slaMet = Boolean.FALSE;
            } else {
                throw new InvalidRecordException(where + ": " + verdict.field() + " must be true or false, was '"
                        + verdict.value() + "'");
            }
        }
        return TicketSignals.of(problem, firstName(record, fields.symptom()), slaMet);
    }

    private ServiceNowConfig.TableRules tableOf(JsonNode record, String number, String where) {
        String table = code(record, "sys_class_name");
        if (table == null) {
            if (requireTable) {
                throw new InvalidRecordException(where + ": required field sys_class_name is missing or empty"
                        + " (servicenow.requireTable is true)");
            }
            // List exports and older REST messages carry no table: the number's prefix tells it, else the default.
            table = defaultTable;
            int longest = 0;
            for (ServiceNowConfig.TableRules rules : tables.values()) {
                // The longest matching prefix wins, so that a custom INCX is not read as INC.
                if (rules.prefix() != null && rules.prefix().length() > longest && number.startsWith(rules.prefix())) {
                    table = rules.table();
                    longest = rules.prefix().length();
                }
            }
        }
        ServiceNowConfig.TableRules rules = tables.get(table);
        if (rules == null) {
            throw new InvalidRecordException(where + ": table '" + table + "' (sys_class_name) is not configured"
                    + " (configured: " + String.join(", ", tables.keySet()) + "); add it under servicenow.tables");
        }
        return rules;
    }

    private ChangeDetails changeDetails(JsonNode record, ServiceNowConfig.Fields fields, String where) {
        ChangeOutcome outcome = null;
        FieldValue closeCode = firstCode(record, fields.changeOutcome());
        if (closeCode != null) {
            outcome = changeOutcomes.get(closeCode.value());
            if (outcome == null) {
                throw new InvalidRecordException(where + ": unknown " + closeCode.field() + " '" + closeCode.value()
                        + "' (configured: " + describe(changeOutcomes) + "); map it under servicenow.changeOutcomes");
            }
        }
        return new ChangeDetails(outcome, firstDate(record, fields.plannedStart(), where),
                firstDate(record, fields.plannedEnd(), where));
    }

    /** A link to the record at the instance, by number (the one identity every export has); null without an instance URL. */
    private String link(String table, String number) {
        if (instanceUrl == null) {
            return null;
        }
        String query = java.net.URLEncoder.encode(table + ".do?sysparm_query=number=" + number,
                java.nio.charset.StandardCharsets.UTF_8);
        return instanceUrl + "/nav_to.do?uri=" + query;
    }

    /** {@code 3}, or a display value such as {@code 3 - Moderate}, to 3. */
    private static int priority(String value, String where) {
        int dash = value.indexOf(" - ");
        String digits = dash > 0 ? value.substring(0, dash).trim() : value;
        long priority;
        try {
            priority = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(where + ": priority must be a number from 1 to 5 (or '3 - Moderate'), was '"
                    + value + "'");
        }
        if (priority < 1 || priority > 5) {
            throw new InvalidRecordException(where + ": priority must be 1 to 5, was '" + value + "'");
        }
        return (int) priority;
    }

    private static Integer effortMinutes(JsonNode record, List<String> fields, String where) {
        FieldValue worked = firstCode(record, fields);
        if (worked == null) {
            return null;
        }
        long minutes;
        // A duration in value form is a date-time on 1970-01-01 (plus whole days); plain seconds also occur.
        if (worked.value().chars().allMatch(Character::isDigit)) {
            minutes = wholeNumber(worked.value(), worked.field(), where) / 60;
        } else {
            Instant instant = parseDate(worked.value(), worked.field(), where);
            minutes = Duration.between(Instant.EPOCH, instant).toMinutes();
        }
        if (minutes < 0 || minutes > Integer.MAX_VALUE) {
            throw new InvalidRecordException(where + ": " + worked.field() + " is not a plausible duration: '"
                    + worked.value() + "'");
        }
        return (int) minutes;
    }

    private static String title(String shortDescription) {
        if (shortDescription == null) {
            return null;
        }
        return shortDescription.length() <= MAX_TITLE_LENGTH
                ? shortDescription : shortDescription.substring(0, MAX_TITLE_LENGTH);
    }

    private Instant requiredDate(JsonNode record, String field, String where) {
        return readDate(required(record, field, where), field, where);
    }

    private Instant date(JsonNode record, String field, String where) {
        String value = code(record, field);
        return value == null ? null : readDate(value, field, where);
    }

    private Instant firstDate(JsonNode record, List<String> fields, String where) {
        FieldValue value = firstCode(record, fields);
        return value == null ? null : readDate(value.value(), value.field(), where);
    }

    /** A date in the export's format if one is set and it fits, else in the Table API's. */
    private Instant readDate(String value, String field, String where) {
        if (exportDates != null) {
            LocalDateTime local = exportDates.parser().apply(value);
            if (local != null) {
                return SourceTimes.plausible(local.atZone(exportDates.zone()).toInstant(), where + ": " + field);
            }
            // not the export's format: perhaps the Table API's, tried next
            try {
                return parseDate(value, field, where);
            } catch (InvalidRecordException e) {
                throw new InvalidRecordException(where + ": " + field + " is not a date in the export's format ("
                        + exportDates.pattern() + ", zone " + exportDates.zone()
                        + ") nor yyyy-MM-dd HH:mm:ss UTC: '" + value + "'");
            }
        }
        return parseDate(value, field, where);
    }

    static Instant parseDate(String value, String field, String where) {
        try {
            if (value.length() == 19 && value.charAt(10) == ' ') {
                return SourceTimes.plausible(LocalDateTime.parse(value, GLIDE_DATE_TIME).toInstant(ZoneOffset.UTC), where + ": " + field);
            }
            return SourceTimes.plausible(OffsetDateTime.parse(value).toInstant(), where + ": " + field);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(where + ": " + field + " is not a date (expected yyyy-MM-dd HH:mm:ss in UTC): '"
                    + value + "'");
        }
    }

    private static long wholeNumber(String value, String field, String where) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(where + ": " + field + " must be a whole number, was '" + value + "'");
        }
    }

    private static int optionalCount(JsonNode record, String field, String where) {
        String value = code(record, field);
        if (value == null) {
            return 0;
        }
        long count = wholeNumber(value, field, where);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new InvalidRecordException(where + ": " + field + " must be a count, was '" + value + "'");
        }
        return (int) count;
    }

    /** The field's code, or an {@link InvalidRecordException} naming it when it is missing or empty. */
    static String required(JsonNode record, String field, String where) {
        String value = code(record, field);
        if (value == null) {
            throw new InvalidRecordException(where + ": required field " + field + " is missing or empty");
        }
        return value;
    }

    /** The first of the fields that has a name, mapped to its display value where there is one. */
    private static String firstName(JsonNode record, List<String> fields) {
        FieldValue named = firstNamed(record, fields);
        return named == null ? null : named.value();
    }

    /** As {@link #firstName}, with the field it was read from. */
    private static FieldValue firstNamed(JsonNode record, List<String> fields) {
        for (String field : fields) {
            String value = name(record, field);
            if (value != null) {
                return new FieldValue(field, value);
            }
        }
        return null;
    }

    private static FieldValue firstCode(JsonNode record, List<String> fields) {
        for (String field : fields) {
            String value = code(record, field);
            if (value != null) {
                return new FieldValue(field, value);
            }
        }
        return null;
    }

    /**
     * A name-like field as trimmed text: of a {@code {display_value, value}} object its display value, else its
     * value (a reference without display value gives its sys_id); empty is null.
     */
    static String name(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node != null && node.isObject()) {
            String display = scalar(node.get("display_value"));
            return display != null ? display : scalar(node.get("value"));
        }
        return scalar(node);
    }

    /**
     * A code, date or counter as trimmed text: of a {@code {display_value, value}} object only its value,
     * because the display value is a localised label or a date in the user's zone; empty is null.
     */
    static String code(JsonNode record, String field) {
        JsonNode node = record.get(field);
        return scalar(node != null && node.isObject() ? node.get("value") : node);
    }

    private static String scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }

    private static String describe(Map<String, ?> codes) {
        return codes.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.valueOf(e.getValue()).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** A field's name and its non-empty value, so that a problem with the value can name the field. */
    private record FieldValue(String field, String value) {
    }
}
