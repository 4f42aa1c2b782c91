package io.demandloop.shared.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeConfig;
import io.demandloop.shared.initiative.InitiativeJson;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A Jira issue of an initiative type (section {@code initiatives.jira.issueTypes}, Epic by default) as an
 * {@link Initiative}: identity {@code jira#<issue.id>}, version {@code fields.updated} in epoch milliseconds (as a
 * ticket), targeted services from the configured fields (else the fields Jira tickets take the service from), every
 * name of each, through the service aliases. Status by the status category: new is proposed, indeterminate in
 * progress, done delivered at {@code fields.resolutiondate}; a status that section {@code jira} maps to cancelled is
 * cancelled; a deleted issue is cancelled. Linked demands from the configured fields and labels
 * ({@code demand:<id>}). The expected outcome from the configured fields, else the default.
 */
final class JiraInitiativeNormaliser {

    private final InitiativeConfig.Jira rules;
    private final JiraConfig jira;
    private final ExpectedOutcome defaultExpected;
    private final UnaryOperator<String> serviceFor;

    JiraInitiativeNormaliser(InitiativeConfig.Jira rules, JiraConfig jira, ExpectedOutcome defaultExpected,
                             UnaryOperator<String> serviceFor) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.jira = Objects.requireNonNull(jira, "jira");
        this.defaultExpected = Objects.requireNonNull(defaultExpected, "defaultExpected");
        this.serviceFor = Objects.requireNonNull(serviceFor, "serviceFor");
    }

    boolean isInitiative(String issueType) {
        return rules.isInitiative(issueType);
    }

    Initiative initiative(JsonNode issue, JsonNode fields, Instant updated, long version, boolean deleted,
                          Instant deletedAt) {
        String id = JiraNormaliser.scalar(issue.get("id"));
        if (id == null) {
            throw new InvalidRecordException("required field issue.id is missing or empty");
        }
        String key = JiraNormaliser.scalar(issue.get("key"));
        String title = JiraNormaliser.scalar(fields.get("summary"));
        if (title == null) {
            throw new InvalidRecordException("required field fields.summary is missing or empty: an initiative needs"
                    + " a title");
        }
        List<String> serviceFields = rules.services().isEmpty() ? jira.fields().service() : rules.services();
        Set<String> services = new LinkedHashSet<>();
        for (String field : serviceFields) {
            for (String name : names(fields.get(field))) {
                services.add(serviceFor.apply(name));
            }
        }
        if (services.isEmpty()) {
            throw new InvalidRecordException("the initiative names no targeted service: fields "
                    + String.join(", ", serviceFields) + " are empty (initiatives.jira.services)");
        }
        InitiativeStatus status = deleted ? InitiativeStatus.CANCELLED : status(fields);
        Instant deliveredAt = null;
        if (status == InitiativeStatus.DELIVERED) {
            String resolved = JiraNormaliser.scalar(fields.get("resolutiondate"));
            if (resolved == null) {
                throw new InvalidRecordException("fields.resolutiondate is missing: a done initiative needs the date"
                        + " it was delivered");
            }
            deliveredAt = JiraNormaliser.parseDate(resolved, "fields.resolutiondate");
            checkRange(deliveredAt, "fields.resolutiondate");
        }
        try {
            return Initiative.builder().source(JiraSource.SOURCE).sourceId(id).title(title)
                    .services(new ArrayList<>(services)).demandIds(demandIds(fields)).expected(expected(fields))
                    .status(status).deliveredAt(deliveredAt).team(first(fields, rules.team()))
                    .link(JiraNormaliser.link(issue, key)).sourceVersion(version)
                    .sourceUpdatedAt(deleted && deletedAt != null && deletedAt.isAfter(updated) ? deletedAt : updated)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
    }

    private InitiativeStatus status(JsonNode fields) {
        String name = JiraNormaliser.scalar(fields.path("status").get("name"));
        if (name != null && jira.statuses().get(name) == TicketState.CANCELLED) {
            return InitiativeStatus.CANCELLED;
        }
        String category = JiraNormaliser.scalar(fields.path("status").path("statusCategory").get("key"));
        if (category == null) {
            throw new InvalidRecordException("required field fields.status.statusCategory.key is missing or empty");
        }
        return switch (category) {
            case "new" -> InitiativeStatus.PROPOSED;
            case "indeterminate" -> InitiativeStatus.IN_PROGRESS;
            case "done" -> InitiativeStatus.DELIVERED;
            default -> throw new InvalidRecordException("fields.status.statusCategory.key '" + category
                    + "' is none of new, indeterminate, done");
        };
    }

    private List<String> demandIds(JsonNode fields) {
        Set<String> ids = new LinkedHashSet<>();
        for (String field : rules.demandIds()) {
            for (String id : names(fields.get(field))) {
                for (String part : id.split("[,\\n]")) {
                    if (!part.isBlank()) {
                        InitiativeJson.checkDemandId(part.trim(), "fields." + field);
                        ids.add(part.trim());
                    }
                }
            }
        }
        if (rules.demandLabelPrefix() != null && fields.get("labels") != null) {
            for (JsonNode label : fields.get("labels")) {
                String text = JiraNormaliser.scalar(label);
                if (text != null && text.startsWith(rules.demandLabelPrefix())) {
                    String id = text.substring(rules.demandLabelPrefix().length()).trim();
                    InitiativeJson.checkDemandId(id, "fields.labels");
                    ids.add(id);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private ExpectedOutcome expected(JsonNode fields) {
        OutcomeMetric metric = defaultExpected.metric();
        String metricText = first(fields, rules.metric());
        if (metricText != null) {
            try {
                metric = OutcomeMetric.parse(metricText);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("fields." + String.join("/", rules.metric()) + ": " + e.getMessage());
            }
        }
        double change = defaultExpected.targetChange();
        for (String field : rules.change()) {
            JsonNode node = fields.get(field);
            if (node != null && !node.isNull() && !(node.isTextual() && node.asText().isBlank())) {
                change = InitiativeJson.change(node.isObject() ? node.path("value") : node, "fields." + field);
                break;
            }
        }
        return new ExpectedOutcome(metric, change, first(fields, rules.category()));
    }

    private static void checkRange(Instant instant, String field) {
        if (instant.getEpochSecond() < 0 || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            throw new InvalidRecordException(field + " must lie in the years 1970 to 9999, was " + instant);
        }
    }

    private static String first(JsonNode fields, List<String> ids) {
        for (String id : ids) {
            String name = JiraNormaliser.nameOf(fields.get(id));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** Every name a field holds: of a list each element's, else the one {@link JiraNormaliser#nameOf} reads. */
    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                String name = JiraNormaliser.nameOf(element);
                if (name != null) {
                    names.add(name);
                }
            }
        } else {
            String name = JiraNormaliser.nameOf(node);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
