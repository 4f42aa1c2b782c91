package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.source.mapped.MappingSpec.Coded;
import io.demandloop.shared.source.mapped.MappingSpec.DateField;
import io.demandloop.shared.source.mapped.MappingSpec.Effort;
import io.demandloop.shared.source.mapped.MappingSpec.Fields;
import io.demandloop.shared.source.mapped.MappingSpec.VersionType;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Normalises the records of one mapped tool into canonical {@link Ticket}s, reading each field where its
 * {@link MappingSpec} says. Only the mapped fields are read, so nothing else a record carries (callers,
 * requesters, e-mail addresses) can reach a ticket. Stateless and thread-safe.
 */
public final class MappedNormaliser {

    /** Longest title kept, so that a stored ticket stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private final MappingSpec spec;
    private final UnaryOperator<String> serviceFor;

    /**
     * @param spec       the tool's mapping
     * @param serviceFor the catalog name of a name the tool uses (the configuration's service aliases)
     */
    public MappedNormaliser(MappingSpec spec, UnaryOperator<String> serviceFor) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.serviceFor = Objects.requireNonNull(serviceFor, "serviceFor");
    }

    /**
     * Normalises every record of the body.
     *
     * @throws InvalidRecordException naming the record, the field and its location; then nothing of the body is used
     */
    public List<Ticket> normalise(JsonNode body) {
        if (body == null || !body.isContainerNode()) {
            throw new InvalidRecordException("the body must be a JSON object or array");
        }
        JsonNode records = spec.records() == null ? body : spec.records().find(body);
        String at = spec.records() == null ? "the body" : "records at " + spec.records();
        List<Ticket> tickets = new ArrayList<>();
        if (records.isArray()) {
            if (records.isEmpty()) {
                throw new InvalidRecordException(at + " holds no records");
            }
            for (int i = 0; i < records.size(); i++) {
                tickets.add(normaliseRecord(records.get(i), "record " + i));
            }
        } else if (records.isObject()) {
            tickets.add(normaliseRecord(records, "record"));
        } else if (records.isMissingNode() || records.isNull()) {
            throw new InvalidRecordException("the body has nothing at " + spec.records()
                    + ", where the mapping of " + spec.tool() + " expects its records");
        } else {
            throw new InvalidRecordException(at + " must be a record object or an array of records");
        }
        return tickets;
    }

    /**
     * Normalises one record (a webhook record, or a CSV row read as a flat object by an import).
     *
     * @param where names the record in error messages ({@code record 0}, {@code row})
     * @throws InvalidRecordException naming the record, the field, its location and the value
     */
    public Ticket normaliseRecord(JsonNode record, String where) {
        if (!record.isObject()) {
            throw new InvalidRecordException(where + " is not a JSON object");
        }
        Fields fields = spec.fields();
        String id = required(record, fields.id(), "id", where);
        TicketKind kind = coded(record, spec.kind(), "kind", where, this::kind);
        Integer priority = coded(record, fields.priority(), "priority", where, this::priority);
        TicketState state = coded(record, fields.state(), "state", where, this::state);
        Instant openedAt = date(record, fields.openedAt(), "openedAt", where);
        if (openedAt == null) {
            throw missing("openedAt", fields.openedAt().field(), where);
        }
        String number = text(record, fields.number(), "number", where);
        Version version = version(record, where);
        Instant updatedAt = date(record, fields.updatedAt(), "updatedAt", where);
        String service = firstNonEmpty(record, fields.service(), where);
        return Ticket.builder()
                .source(spec.tool())
                .sourceId(id)
                .kind(kind)
                .number(number)
                .service(service == null ? Ticket.UNKNOWN_SERVICE : serviceFor.apply(service))
                .configurationItem(text(record, fields.configurationItem(), "configurationItem", where))
                .priority(priority)
                .state(state)
                .openedAt(openedAt)
                .resolvedAt(date(record, fields.resolvedAt(), "resolvedAt", where))
                .closedAt(date(record, fields.closedAt(), "closedAt", where))
                .department(text(record, fields.department(), "department", where))
                .assignmentGroup(text(record, fields.assignmentGroup(), "assignmentGroup", where))
                .effortMinutes(effortMinutes(record, fields.effortMinutes(), where))
                .category(text(record, fields.category(), "category", where))
                .title(title(text(record, fields.title(), "title", where)))
                .sourceVersion(version.value())
                // A last-modified stamp that orders versions is also when the record last changed.
                .sourceUpdatedAt(updatedAt != null ? updatedAt : version.instant())
                .reopenCount(reopenCount(record, where))
                .link(link(id, number))
                .signals(signals(record, fields, where))
                .build();
    }

    /** The linked problem (as the key of the tool's problem of that id), the symptom and the SLA verdict; null when none. */
    private TicketSignals signals(JsonNode record, Fields fields, String where) {
        String problem = text(record, fields.problem(), "problem", where);
        if (problem != null && problem.length() > Ticket.MAX_ID_LENGTH) {
            throw invalid(where, "problem", fields.problem(), "is " + problem.length() + " characters; at most "
                    + Ticket.MAX_ID_LENGTH + " are accepted");
        }
        Boolean slaMet = null;
        Coded<Boolean> verdict = fields.slaMet();
        if (verdict != null && text(record, verdict.field(), "slaMet", where) != null) {
            slaMet = coded(record, verdict, "slaMet", where, MappedNormaliser::verdict);
        }
        return TicketSignals.of(problem == null ? null : Ticket.key(spec.tool(), TicketKind.PROBLEM, problem),
                text(record, fields.symptom(), "symptom", where), slaMet);
    }

    private static Boolean verdict(String value, String where) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** A version: its ordering value, and the instant when it was read from a date. */
    private record Version(long value, Instant instant) {
    }

    private Version version(JsonNode record, String where) {
        MappingSpec.Version version = spec.version();
        JsonNode node = value(record, version.field(), "version", where);
        if (node == null) {
            throw missing("version", version.field(), where);
        }
        if (version.type() == VersionType.DATE) {
            Instant instant = parseDate(node, version.format(), "version", version.field(), where);
            if (instant.isBefore(Instant.EPOCH)) {
                throw invalid(where, "version", version.field(), "is before 1970: '" + node.asText() + "'");
            }
            return new Version(instant.toEpochMilli(), instant);
        }
        long value = wholeNumber(node, "version", version.field(), where);
        if (value < 0) {
            throw invalid(where, "version", version.field(), "must not be negative, was '" + node.asText() + "'");
        }
        return new Version(value, null);
    }

    /**
     * Reads a coded value: the constant, or the field through the value map, or the field read as a canonical
     * value by {@code direct} when there is no map.
     */
    private static <T> T coded(JsonNode record, Coded<T> coded, String name, String where, DirectReader<T> direct) {
        if (coded.field() == null) {
            return coded.fallback();
        }
        String toolValue = text(record, coded.field(), name, where);
        if (toolValue == null) {
            if (coded.fallback() != null) {
                return coded.fallback();
            }
            throw missing(name, coded.field(), where);
        }
        if (!coded.values().isEmpty()) {
            T canonical = coded.lookup(toolValue);
            if (canonical == null) {
                throw invalid(where, name, coded.field(), "has the value '" + toolValue + "', which the mapping does not"
                        + " know (known: " + String.join(", ", new TreeMap<>(coded.values()).keySet())
                        + "); add it to " + name + ".values");
            }
            return canonical;
        }
        T canonical = direct.read(toolValue, where);
        if (canonical == null) {
            throw invalid(where, name, coded.field(), "has the value '" + toolValue + "', which is not canonical;"
                    + " map the tool's values with " + name + ".values");
        }
        return canonical;
    }

    /** Reads a tool's value as a canonical one; null when it is not one. */
    @FunctionalInterface
    private interface DirectReader<T> {
        T read(String toolValue, String where);
    }

    private TicketKind kind(String value, String where) {
        for (TicketKind kind : TicketKind.values()) {
            if (kind.wireName().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        return null;
    }

    private Integer priority(String value, String where) {
        return value.matches("[1-5]") ? Integer.valueOf(value) : null;
    }

    private TicketState state(String value, String where) {
        for (TicketState state : TicketState.values()) {
            if (state.wireName().equalsIgnoreCase(value)) {
                return state;
            }
        }
        return null;
    }

    private String firstNonEmpty(JsonNode record, List<FieldLocation> candidates, String where) {
        for (FieldLocation candidate : candidates) {
            String value = text(record, candidate, "service", where);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Instant date(JsonNode record, DateField field, String name, String where) {
        if (field == null) {
            return null;
        }
        JsonNode node = value(record, field.field(), name, where);
        return node == null ? null : parseDate(node, field.format(), name, field.field(), where);
    }

    private static Instant parseDate(JsonNode node, TimestampFormat format, String name, FieldLocation at, String where) {
        try {
            return format.read(node);
        } catch (DateTimeParseException e) {
            throw invalid(where, name, at, "is not a date of format " + format + ": '" + node.asText() + "'");
        } catch (DateTimeException e) {
            throw invalid(where, name, at, "is not a date of format " + format + ": '" + node.asText() + "' ("
                    + e.getMessage() + ")");
        }
    }

    private static Integer effortMinutes(JsonNode record, Effort effort, String where) {
        if (effort == null) {
            return null;
        }
        JsonNode node = value(record, effort.field(), "effortMinutes", where);
        if (node == null) {
            return null;
        }
        String text = node.asText().trim();
        try {
            long minutes;
            if (text.startsWith("P") || text.startsWith("p")) {
                minutes = Duration.parse(text).toMinutes();
            } else {
                minutes = effort.unit().toMinutes(node.isNumber() ? node.decimalValue() : new BigDecimal(text));
            }
            if (minutes < 0) {
                throw invalid(where, "effortMinutes", effort.field(), "must not be negative, was '" + text + "'");
            }
            return Math.toIntExact(minutes);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw invalid(where, "effortMinutes", effort.field(), "must be a number of " + effort.unit().configName()
                    + " or an ISO-8601 duration such as PT1H30M, was '" + text + "'");
        }
    }

    private int reopenCount(JsonNode record, String where) {
        FieldLocation at = spec.fields().reopenCount();
        if (at == null) {
            return 0;
        }
        JsonNode node = value(record, at, "reopenCount", where);
        if (node == null) {
            return 0;
        }
        long count = wholeNumber(node, "reopenCount", at, where);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw invalid(where, "reopenCount", at, "must be a count, was '" + node.asText() + "'");
        }
        return (int) count;
    }

    private String link(String id, String number) {
        String template = spec.link();
        if (template == null || (template.contains("{number}") && number == null)) {
            return null;
        }
        return template.replace("{id}", pathSegment(id)).replace("{number}", number == null ? "" : pathSegment(number));
    }

    /** Percent-encodes a value for a URL path segment (URLEncoder encodes for forms, where a space is '+'). */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String title(String title) {
        if (title == null) {
            return null;
        }
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH);
    }

    private static long wholeNumber(JsonNode node, String name, FieldLocation at, String where) {
        String text = node.asText().trim();
        try {
            return node.isIntegralNumber() ? node.longValue() : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(where, name, at, "must be a whole number, was '" + text + "'");
        }
    }

    private static String required(JsonNode record, FieldLocation at, String name, String where) {
        String value = text(record, at, name, where);
        if (value == null) {
            throw missing(name, at, where);
        }
        return value;
    }

    /** The value at a location as trimmed text; null when absent, null or empty. */
    private static String text(JsonNode record, FieldLocation at, String name, String where) {
        JsonNode node = value(record, at, name, where);
        if (node == null) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** The scalar at a location; null when absent, null or an empty string; an object or array is refused. */
    private static JsonNode value(JsonNode record, FieldLocation at, String name, String where) {
        if (at == null) {
            return null;
        }
        JsonNode node = at.find(record);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            // A mapping that points at an object (e.g. /status instead of /status/name) is a mistake to see,
            // not a value to guess.
            throw invalid(where, name, at, "is " + (node.isObject() ? "an object" : "an array")
                    + ", not a value; point the mapping at the value inside it");
        }
        if (node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        return node;
    }

    private static InvalidRecordException missing(String name, FieldLocation at, String where) {
        return new InvalidRecordException(where + ": required field " + name + " (at " + at + ") is missing or empty");
    }

    private static InvalidRecordException invalid(String where, String name, FieldLocation at, String problem) {
        return new InvalidRecordException(where + ": " + name + " (at " + at + ") " + problem);
    }
}
