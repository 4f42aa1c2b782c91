package io.demandloop.shared.source.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.source.InvalidRecordException;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Normalises ServiceNow Table-API-style incident records into canonical {@link Ticket}s.
 *
 * <p>Accepted bodies: one record, an array of records, or the Table API's {@code {"result": …}} wrapper
 * around either. Values are the Table API's value form: strings everywhere, dates as
 * {@code yyyy-MM-dd HH:mm:ss} in UTC, empty strings for empty fields. A reference field may also arrive as
 * an object ({@code {"value": …, "display_value": …}}); its display value is preferred. Identity is
 * {@code sys_id}, order is {@code sys_mod_count}. Callers, openers and assignees are never read.
 */
public final class ServiceNowNormaliser {

    /** The source name, also the intake path segment. */
    public static final String SOURCE = "servicenow";

    /** Longest title kept, so that a stored ticket stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private static final DateTimeFormatter GLIDE_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** Incident state codes of a stock instance. */
    private static final Map<String, TicketState> INCIDENT_STATES = Map.of(
            "1", TicketState.OPEN,
            "2", TicketState.IN_PROGRESS,
            "3", TicketState.ON_HOLD,
            "6", TicketState.RESOLVED,
            "7", TicketState.CLOSED,
            "8", TicketState.CANCELLED);

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

    private Ticket normaliseRecord(JsonNode record, String where) {
        if (!record.isObject()) {
            throw new InvalidRecordException(where + " is not a JSON object");
        }
        String table = text(record, "sys_class_name");
        if (table != null && !"incident".equals(table)) {
            throw new InvalidRecordException(where + ": table '" + table + "' is not supported yet; only incident records are");
        }
        String sysId = required(record, "sys_id", where);
        String stateCode = required(record, "state", where);
        TicketState state = INCIDENT_STATES.get(stateCode);
        if (state == null) {
            throw new InvalidRecordException(where + ": unknown incident state code '" + stateCode
                    + "' (known: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled)");
        }
        String service = firstNonEmpty(text(record, "business_service"), text(record, "cmdb_ci"));
        return new Ticket(
                SOURCE,
                sysId,
                TicketKind.INCIDENT,
                text(record, "number"),
                service == null ? Ticket.UNKNOWN_SERVICE : service,
                text(record, "cmdb_ci"),
                priority(required(record, "priority", where), where),
                state,
                requiredDate(record, "opened_at", where),
                date(record, "resolved_at", where),
                date(record, "closed_at", where),
                firstNonEmpty(text(record, "u_department"), text(record, "department")),
                text(record, "assignment_group"),
                effortMinutes(record, where),
                text(record, "category"),
                title(text(record, "short_description")),
                wholeNumber(required(record, "sys_mod_count", where), "sys_mod_count", where),
                date(record, "sys_updated_on", where),
                optionalWholeNumber(record, "reopen_count", where),
                null);
    }

    private static int priority(String value, String where) {
        long priority = wholeNumber(value, "priority", where);
        if (priority < 1 || priority > 5) {
            throw new InvalidRecordException(where + ": priority must be 1 to 5, was '" + value + "'");
        }
        return (int) priority;
    }

    private static Integer effortMinutes(JsonNode record, String where) {
        String worked = text(record, "time_worked");
        if (worked == null) {
            return null;
        }
        // A duration in value form is a date-time on 1970-01-01 (plus whole days); plain seconds also occur.
        if (worked.chars().allMatch(Character::isDigit)) {
            return Math.toIntExact(Long.parseLong(worked) / 60);
        }
        Instant instant = parseDate(worked, "time_worked", where);
        return Math.toIntExact(Duration.between(Instant.EPOCH, instant).toMinutes());
    }

    private static String title(String shortDescription) {
        if (shortDescription == null) {
            return null;
        }
        return shortDescription.length() <= MAX_TITLE_LENGTH
                ? shortDescription : shortDescription.substring(0, MAX_TITLE_LENGTH);
    }

    private static Instant requiredDate(JsonNode record, String field, String where) {
        return parseDate(required(record, field, where), field, where);
    }

    private static Instant date(JsonNode record, String field, String where) {
        String value = text(record, field);
        return value == null ? null : parseDate(value, field, where);
    }

    static Instant parseDate(String value, String field, String where) {
        try {
            if (value.length() == 19 && value.charAt(10) == ' ') {
                return LocalDateTime.parse(value, GLIDE_DATE_TIME).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
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

    private static int optionalWholeNumber(JsonNode record, String field, String where) {
        String value = text(record, field);
        return value == null ? 0 : Math.toIntExact(wholeNumber(value, field, where));
    }

    private static String required(JsonNode record, String field, String where) {
        String value = text(record, field);
        if (value == null) {
            throw new InvalidRecordException(where + ": required field " + field + " is missing or empty");
        }
        return value;
    }

    /** The field as trimmed text; a reference object gives its display value, else its value; empty is null. */
    static String text(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            String display = text(node, "display_value");
            return display != null ? display : text(node, "value");
        }
        if (node.isContainerNode()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }

    private static String firstNonEmpty(String first, String second) {
        return first != null ? first : second;
    }
}
