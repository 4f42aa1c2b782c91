package io.demandloop.shared.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.time.SourceTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns one Jira issue webhook ({@code jira:issue_created}, {@code jira:issue_updated},
 * {@code jira:issue_deleted}) into a canonical {@link Ticket} by the rules of section {@code jira}.
 *
 * <p>Identity is {@code issue.id}: the key ({@code ITSM-42}) changes when an issue moves to another project,
 * so it is only the ticket's number. Order is {@code fields.updated} in epoch milliseconds. People (the
 * webhook's {@code user}, reporter, assignee, creator, any user picker) are never read.
 */
final class JiraNormaliser {

    static final String ISSUE_CREATED = "jira:issue_created";
    static final String ISSUE_UPDATED = "jira:issue_updated";
    static final String ISSUE_DELETED = "jira:issue_deleted";

    /** Longest title kept, so that a stored ticket stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    /** Jira's {@code 2026-11-16T08:02:11.000+0000}; ISO offsets with a colon and {@code Z} are taken too. */
    private static final DateTimeFormatter JIRA_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final JiraConfig config;
    private final UnaryOperator<String> serviceFor;
    private final JiraInitiativeNormaliser initiatives;

    /**
     * @param config     a {@linkplain JiraConfig#validated() validated} configuration
     * @param serviceFor the catalog's service name for a name the issue uses
     */
    JiraNormaliser(JiraConfig config, UnaryOperator<String> serviceFor) {
        this(config, serviceFor, null);
    }

    /**
     * @param initiatives the issues of initiative types, as initiatives; null to take every issue as a ticket
     */
    JiraNormaliser(JiraConfig config, UnaryOperator<String> serviceFor, JiraInitiativeNormaliser initiatives) {
        this.config = Objects.requireNonNull(config, "config");
        this.serviceFor = Objects.requireNonNull(serviceFor, "serviceFor");
        this.initiatives = initiatives;
    }

    NormalisedDelivery normalise(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRecordException("the body must be a Jira webhook object");
        }
        String event = scalar(body.get("webhookEvent"));
        if (event == null) {
            throw new InvalidRecordException("required field webhookEvent is missing or empty");
        }
        boolean deleted;
        switch (event) {
            case ISSUE_CREATED, ISSUE_UPDATED -> deleted = false;
            case ISSUE_DELETED -> deleted = true;
            default -> {
                return NormalisedDelivery.ignored("event type '" + event + "' is not taken; only " + ISSUE_CREATED
                        + ", " + ISSUE_UPDATED + " and " + ISSUE_DELETED + " are");
            }
        }
        JsonNode issue = body.get("issue");
        if (issue == null || !issue.isObject()) {
            throw new InvalidRecordException("required field issue is missing or not an object");
        }
        JsonNode fields = issue.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new InvalidRecordException("required field issue.fields is missing or not an object");
        }
        String issueType = required(fields.path("issuetype").get("name"), "fields.issuetype.name");
        if (initiatives != null && initiatives.isInitiative(issueType)) {
            Instant updated = requiredDate(fields, "updated");
            long version = epochMillis(updated, "fields.updated");
            Instant deletedAt = deleted ? timestamp(body) : null;
            if (deleted) {
                // as for a ticket: the delete wins over the last update, and a redelivery keeps the same version
                version = Math.max(version + 1, deletedAt == null ? 0 : epochMillis(deletedAt, "timestamp"));
            }
            if (version < 0) {
                throw new InvalidRecordException("fields.updated must not be before 1970, was '"
                        + scalar(fields.get("updated")) + "'");
            }
            return NormalisedDelivery.ofInitiatives(List.of(
                    initiatives.initiative(issue, fields, updated, version, deleted, deletedAt)));
        }
        TicketKind kind = config.kinds().getOrDefault(issueType, config.defaultKind());
        if (kind == null) {
            return NormalisedDelivery.ignored("issue type '" + issueType + "' is not mapped to a kind (jira.kinds)"
                    + " and jira.defaultKind is empty");
        }
        return NormalisedDelivery.ofTickets(List.of(ticket(body, issue, fields, kind, deleted)));
    }

    private Ticket ticket(JsonNode body, JsonNode issue, JsonNode fields, TicketKind kind, boolean deleted) {
        String id = required(issue.get("id"), "issue.id");
        String key = scalar(issue.get("key"));
        Instant updated = requiredDate(fields, "updated");
        TicketState statusState = state(fields);
        TicketState state = statusState;
        long version = epochMillis(updated, "fields.updated");
        Instant updatedAt = updated;
        if (deleted) {
            // A delete carries the issue as it was, so its fields.updated equals the last update's; the
            // webhook's timestamp (when it was deleted), or at least one millisecond more, lets it win over
            // that update and every earlier one, while a redelivery of the delete keeps the same version.
            state = TicketState.DELETED;
            Instant deletedAt = timestamp(body);
            version = Math.max(version + 1, deletedAt == null ? 0 : epochMillis(deletedAt, "timestamp"));
            updatedAt = deletedAt != null && deletedAt.isAfter(updated) ? deletedAt : updated;
        }
        if (version < 0) {
            throw new InvalidRecordException("fields.updated must not be before 1970, was '"
                    + scalar(fields.get("updated")) + "'");
        }
        // The resolution date outlives a reopen in some workflows; only a resolved or closed issue has one.
        boolean finished = statusState == TicketState.RESOLVED || statusState == TicketState.CLOSED;
        Instant resolvedAt = finished ? date(fields, "resolutiondate") : null;
        String service = firstName(fields, config.fields().service());
        return Ticket.builder()
                .source(JiraSource.SOURCE)
                .sourceId(id)
                .kind(kind)
                .number(key)
                .service(service == null ? Ticket.UNKNOWN_SERVICE : serviceFor.apply(service))
                .configurationItem(firstName(fields, config.fields().configurationItem()))
                .priority(priority(fields))
                .state(state)
                .openedAt(requiredDate(fields, "created"))
                .resolvedAt(resolvedAt)
                .closedAt(statusState == TicketState.CLOSED ? resolvedAt : null)
                .department(firstName(fields, config.fields().department()))
                .assignmentGroup(firstName(fields, config.fields().assignmentGroup()))
                .effortMinutes(effortMinutes(fields))
                .category(firstName(fields, config.fields().category()))
                .title(title(scalar(fields.get("summary"))))
                .sourceVersion(version)
                .sourceUpdatedAt(updatedAt)
                .link(link(issue, key))
                .change(kind == TicketKind.CHANGE ? new ChangeDetails(null,
                        firstDate(fields, config.fields().plannedStart()),
                        firstDate(fields, config.fields().plannedEnd())) : null)
                .build();
    }

    private TicketState state(JsonNode fields) {
        JsonNode status = fields.get("status");
        if (status == null || !status.isObject()) {
            throw new InvalidRecordException("required field fields.status is missing or not an object");
        }
        String name = scalar(status.get("name"));
        if (name != null && config.statuses().containsKey(name)) {
            return config.statuses().get(name);
        }
        String category = required(status.path("statusCategory").get("key"), "fields.status.statusCategory.key");
        TicketState state = config.statusCategories().get(category);
        if (state == null) {
            throw new InvalidRecordException("fields.status.statusCategory.key '" + category + "' is not mapped"
                    + " (jira.statusCategories: " + String.join(", ", config.statusCategories().keySet())
                    + "); map it, or the status '" + name + "' under jira.statuses");
        }
        return state;
    }

    private int priority(JsonNode fields) {
        String name = scalar(fields.path("priority").get("name"));
        Integer priority = name == null ? null : config.priorities().get(name);
        return priority != null ? priority : config.defaultPriority();
    }

    private Integer effortMinutes(JsonNode fields) {
        for (String field : config.fields().effort()) {
            JsonNode node = fields.get(field);
            if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
                continue;
            }
            long seconds;
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                seconds = node.asLong();
            } else if (node.isTextual() && node.asText().trim().matches("\\d{1,18}")) {
                seconds = Long.parseLong(node.asText().trim());
            } else {
                throw new InvalidRecordException("fields." + field + " must be a whole number of seconds, was "
                        + node);
            }
            if (seconds < 0 || seconds / 60 > Integer.MAX_VALUE) {
                throw new InvalidRecordException("fields." + field + " is not a plausible number of seconds: " + seconds);
            }
            return (int) (seconds / 60);
        }
        return null;
    }

    private static String firstName(JsonNode fields, List<String> ids) {
        for (String id : ids) {
            String name = nameOf(fields.get(id));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /**
     * What a field names: a scalar's text; of an option, component, version or issue type its {@code value}
     * or {@code name}; of a list its first element that names something. A person names nothing here.
     */
    static String nameOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String name = nameOf(element);
                if (name != null) {
                    return name;
                }
            }
            return null;
        }
        if (node.isObject()) {
            if (isPerson(node)) {
                return null;
            }
            String value = scalar(node.get("value"));
            return value != null ? value : scalar(node.get("name"));
        }
        return scalar(node);
    }

    /** Users (reporter, assignee, user pickers) carry an account id, a display name or an email address. */
    private static boolean isPerson(JsonNode node) {
        return node.has("accountId") || node.has("emailAddress") || node.has("displayName");
    }

    private static Instant firstDate(JsonNode fields, List<String> ids) {
        for (String id : ids) {
            Instant date = date(fields, id);
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    private static Instant requiredDate(JsonNode fields, String field) {
        Instant date = date(fields, field);
        if (date == null) {
            throw new InvalidRecordException("required field fields." + field + " is missing or empty");
        }
        return date;
    }

    private static Instant date(JsonNode fields, String field) {
        String value = scalar(fields.get(field));
        return value == null ? null : parseDate(value, "fields." + field);
    }

    /** A Jira date-time ({@code 2026-11-16T08:02:11.000+0000}, offsets with or without colon) or date (UTC). */
    static Instant parseDate(String value, String field) {
        try {
            if (value.length() == 10) {
                return SourceTimes.plausible(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), field);
            }
            return SourceTimes.plausible(OffsetDateTime.parse(value, JIRA_DATE_TIME).toInstant(), field);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field + " is not a date (expected e.g. 2026-11-16T08:02:11.000+0000): '"
                    + value + "'");
        }
    }

    private static long epochMillis(Instant instant, String field) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new InvalidRecordException(field + " is out of range: " + instant);
        }
    }

    private static Instant timestamp(JsonNode body) {
        JsonNode node = body.get("timestamp");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return SourceTimes.plausible(Instant.ofEpochMilli(node.asLong()), "timestamp");
        }
        if (node.isTextual() && node.asText().trim().matches("\\d{1,18}")) {
            return SourceTimes.plausible(Instant.ofEpochMilli(Long.parseLong(node.asText().trim())), "timestamp");
        }
        throw new InvalidRecordException("timestamp must be epoch milliseconds, was " + node);
    }

    /** The issue's page, from its REST address ({@code https://acme.atlassian.net/rest/api/2/issue/10042}). */
    static String link(JsonNode issue, String key) {
        String self = scalar(issue.get("self"));
        if (self == null || key == null || !(self.startsWith("https://") || self.startsWith("http://"))) {
            return null;
        }
        int rest = self.indexOf("/rest/");
        return rest < 0 ? null : self.substring(0, rest) + "/browse/" + key;
    }

    private static String title(String summary) {
        if (summary == null) {
            return null;
        }
        return summary.length() <= MAX_TITLE_LENGTH ? summary : summary.substring(0, MAX_TITLE_LENGTH);
    }

    private static String required(JsonNode node, String field) {
        String value = scalar(node);
        if (value == null) {
            throw new InvalidRecordException("required field " + field + " is missing or empty");
        }
        return value;
    }

    /** A field's text, trimmed; null when absent, null, empty or not a scalar. */
    static String scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode() || node.isMissingNode()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }
}
