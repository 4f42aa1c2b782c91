package io.demandloop.shared.initiative;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.events.InvalidRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the documented JSON shape of an initiative (docs/sources.md, "JSON initiative source"), the one the
 * {@code /hooks/initiatives} source takes and a roadmap import's mapped columns are turned into:
 *
 * <pre>{"id", "title", "services": [..], "demandIds": [..], "expected": {"metric", "change", "category"},
 *  "status", "deliveredAt", "team", "link", "version", "updatedAt"}</pre>
 *
 * Every problem is an {@link InvalidRecordException} naming the field; nothing is guessed or changed. Thread-safe.
 */
public final class InitiativeJson {

    /** Dates from year 1970 to 9999: what a sort key holds in order. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final ExpectedOutcome defaultExpected;
    private final UnaryOperator<String> serviceFor;

    /**
     * @param defaultExpected the expected outcome of a record that names none (section {@code initiatives.expected})
     * @param serviceFor      the catalog's service name for a name the record uses (the service aliases)
     */
    public InitiativeJson(ExpectedOutcome defaultExpected, UnaryOperator<String> serviceFor) {
        this.defaultExpected = Objects.requireNonNull(defaultExpected, "defaultExpected");
        this.serviceFor = Objects.requireNonNull(serviceFor, "serviceFor");
    }

    /**
     * One initiative of the given source.
     *
     * @param source the source name ({@code initiatives}, {@code roadmap})
     * @param record the JSON object
     * @param where  names the record in messages, e.g. {@code record} or {@code row 4}
     * @throws InvalidRecordException naming the field and the problem
     */
    public Initiative read(String source, JsonNode record, String where) {
        if (record == null || !record.isObject()) {
            throw new InvalidRecordException(where + " must be a JSON object");
        }
        String id = text(record, "id");
        if (id == null) {
            throw new InvalidRecordException(where + ": required field id is missing or empty");
        }
        String title = text(record, "title");
        if (title == null) {
            throw new InvalidRecordException(where + ": required field title is missing or empty");
        }
        List<String> services = new ArrayList<>(new LinkedHashSet<>(list(record, "services", where).stream()
                .map(serviceFor).toList()));
        if (services.isEmpty()) {
            throw new InvalidRecordException(where + ": services names no targeted service; an initiative needs at"
                    + " least one");
        }
        List<String> demandIds = list(record, "demandIds", where);
        for (String demandId : demandIds) {
            checkDemandId(demandId, where + ": demandIds");
        }
        Instant deliveredAt = date(record, "deliveredAt", where);
        String statusText = text(record, "status");
        InitiativeStatus status;
        if (statusText == null) {
            status = deliveredAt != null ? InitiativeStatus.DELIVERED : InitiativeStatus.PROPOSED;
        } else {
            try {
                status = InitiativeStatus.parse(statusText);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(where + ": status: " + e.getMessage());
            }
        }
        if (status == InitiativeStatus.DELIVERED && deliveredAt == null) {
            throw new InvalidRecordException(where + ": deliveredAt is missing; a delivered initiative needs the date"
                    + " it was delivered");
        }
        if (status != InitiativeStatus.DELIVERED && deliveredAt != null) {
            throw new InvalidRecordException(where + ": deliveredAt is given but status is '" + status.wireName()
                    + "'; only a delivered initiative has a delivery date");
        }
        Instant updatedAt = date(record, "updatedAt", where);
        if (updatedAt == null) {
            throw new InvalidRecordException(where + ": required field updatedAt is missing or empty");
        }
        long version = record.hasNonNull("version") ? version(record.get("version"), where) : updatedAt.toEpochMilli();
        try {
            return Initiative.builder().source(source).sourceId(id).title(title).services(services)
                    .demandIds(demandIds).expected(expected(record.get("expected"), where)).status(status)
                    .deliveredAt(deliveredAt).team(text(record, "team")).link(text(record, "link"))
                    .sourceVersion(version).sourceUpdatedAt(updatedAt).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(where + ": " + e.getMessage());
        }
    }

    /** The expected outcome: the object given, or the default when absent. */
    private ExpectedOutcome expected(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return defaultExpected;
        }
        if (!node.isObject()) {
            throw new InvalidRecordException(where + ": expected must be an object {metric, change, category}");
        }
        OutcomeMetric metric = defaultExpected.metric();
        String metricText = text(node, "metric");
        if (metricText != null) {
            try {
                metric = OutcomeMetric.parse(metricText);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(where + ": expected.metric: " + e.getMessage());
            }
        }
        double change = node.hasNonNull("change") ? change(node.get("change"), where + ": expected.change")
                : defaultExpected.targetChange();
        try {
            return new ExpectedOutcome(metric, change, text(node, "category"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(where + ": expected.change: " + e.getMessage());
        }
    }

    /**
     * A relative change: a number ({@code -0.3}) or a percentage ({@code "-30 %"}, {@code "-30%"}).
     *
     * @param field names the field in messages
     */
    public static double change(JsonNode node, String field) {
        String text = node.isNumber() ? null : node.asText().trim();
        try {
            if (node.isNumber()) {
                return checkedChange(node.asDouble(), field, node.asText());
            }
            if (text.endsWith("%")) {
                return checkedChange(Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100.0, field, text);
            }
            return checkedChange(Double.parseDouble(text), field, text);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(field + " must be a relative change such as -0.3 or \"-30 %\", was '"
                    + text + "'");
        }
    }

    private static double checkedChange(double value, String field, String given) {
        if (!(value > -1.0) || value == 0.0 || Double.isInfinite(value)) {
            throw new InvalidRecordException(field + " must be above -100 % and not 0 (e.g. -0.3 or \"-30 %\"), was '"
                    + given + "'");
        }
        return value;
    }

    /** Fails naming the field when the text is not {@code <service>#<pattern>}. */
    public static void checkDemandId(String demandId, String field) {
        try {
            DemandId.parse(demandId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field + ": " + e.getMessage());
        }
    }

    /**
     * A date ({@code 2026-11-20}: that day's start, UTC) or an ISO-8601 instant or offset date-time, in years 1970
     * to 9999; null when absent or empty.
     *
     * @param field names the field in messages
     */
    public static Instant parseDate(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field + " is not a date (expected 2026-11-20 or 2026-11-20T16:00:00Z): '"
                    + value + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidRecordException(field + " must lie in the years 1970 to 9999, was '" + value + "'");
        }
        return instant;
    }

    private static Instant date(JsonNode record, String field, String where) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(where + ": " + field + " is not a date (expected 2026-11-20 or"
                    + " 2026-11-20T16:00:00Z): " + node);
        }
        return parseDate(node.asText(), where + ": " + field);
    }

    private static long version(JsonNode node, String where) {
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().trim().matches("\\d{1,18}")) {
            return Long.parseLong(node.asText().trim());
        }
        throw new InvalidRecordException(where + ": version must be a whole number of at least 0 (higher is newer),"
                + " was " + node);
    }

    /** A list of names: a JSON array of strings, or one string with names separated by commas. */
    private static List<String> list(JsonNode record, String field, String where) {
        JsonNode node = record.get(field);
        Set<String> names = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual() && !element.isNumber()) {
                    throw new InvalidRecordException(where + ": " + field + " must list names, found " + element);
                }
                addName(names, element.asText(), field, where);
            }
        } else if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    addName(names, part, field, where);
                }
            }
        } else {
            throw new InvalidRecordException(where + ": " + field + " must be a list of names, was " + node);
        }
        return new ArrayList<>(names);
    }

    private static void addName(Set<String> names, String name, String field, String where) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidRecordException(where + ": " + field + " holds an empty name");
        }
        if (!names.add(trimmed)) {
            throw new InvalidRecordException(where + ": " + field + " names '" + trimmed + "' twice");
        }
    }

    private static String text(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }
}
