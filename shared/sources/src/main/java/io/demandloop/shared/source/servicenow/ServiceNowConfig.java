package io.demandloop.shared.source.servicenow;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Configuration section {@code servicenow}: which tables post, their kinds and state codes, which fields give
 * the canonical fields, and how a change's close code maps to its outcome. Built-in defaults (a stock
 * instance) are in {@code demandloop/defaults/servicenow.yaml}; see {@code docs/sources.md}.
 *
 * <p>Bound by {@code DemandloopConfig.section("servicenow", ServiceNowConfig.class)}; {@link #validated()}
 * then checks it as a whole. A map entry set to null ({@code ~}) removes a default entry.
 *
 * @param requireTable   whether a record without {@code sys_class_name} is refused; else it is a record of
 *                       {@code defaultTable}
 * @param defaultTable   the table of a record without {@code sys_class_name}
 * @param tables         each table that may post, by its name ({@code sys_class_name})
 * @param fields         which fields give the canonical fields, for every table
 * @param changeOutcomes a change's close code ({@code value}) mapped to its outcome
 * @param instanceUrl    the instance's URL (e.g. {@code https://acme.service-now.com}), for links back to
 *                       records; may be absent, then tickets carry no link
 */
public record ServiceNowConfig(
        String instanceUrl,
        boolean requireTable,
        String defaultTable,
        Map<String, Table> tables,
        Fields fields,
        Map<String, ChangeOutcome> changeOutcomes) {

    /**
     * One table.
     *
     * @param kind   the canonical kind of its records
     * @param states its state codes (the {@code value} of {@code state}) mapped to canonical states
     * @param labels its state labels (what a list export or an audit trail shows, e.g. {@code Awaiting User
     *               Info}; any case) mapped to canonical states; used when a state is not one of the codes
     * @param prefix the prefix of its numbers (e.g. {@code INC}): a record without {@code sys_class_name} whose
     *               number starts with it is a record of this table; may be absent
     * @param fields field lists that replace the section's {@code fields} for this table; each may be absent
     */
    public record Table(TicketKind kind, Map<String, TicketState> states, Map<String, TicketState> labels,
                        String prefix, Fields fields) {
    }

    /**
     * Which fields give each canonical field: the first non-empty one wins.
     *
     * @param service           the service (then mapped through the service aliases)
     * @param configurationItem the CI
     * @param department        the requesting department
     * @param assignmentGroup   the team working on it
     * @param effort            the effort: a duration ({@code 1970-01-01 HH:mm:ss}) or whole seconds
     * @param category          the category
     * @param changeOutcome     a change's close code
     * @param plannedStart      the start of a change's planned window
     * @param plannedEnd        the end of a change's planned window
     * @param problem           the linked problem: a reference whose display value is the problem's number (else its
     *                          sys_id), or the number itself
     * @param symptom           the symptom or cause classification
     * @param slaMet            the source's SLA verdict: {@code true} or {@code false}
     */
    public record Fields(
            List<String> service,
            List<String> configurationItem,
            List<String> department,
            List<String> assignmentGroup,
            List<String> effort,
            List<String> category,
            List<String> changeOutcome,
            List<String> plannedStart,
            List<String> plannedEnd,
            List<String> problem,
            List<String> symptom,
            List<String> slaMet) {

        /** Each list of this, or of {@code fallback} where this has none. */
        Fields orElse(Fields fallback) {
            return new Fields(
                    or(service, fallback.service), or(configurationItem, fallback.configurationItem),
                    or(department, fallback.department), or(assignmentGroup, fallback.assignmentGroup),
                    or(effort, fallback.effort), or(category, fallback.category),
                    or(changeOutcome, fallback.changeOutcome), or(plannedStart, fallback.plannedStart),
                    or(plannedEnd, fallback.plannedEnd), or(problem, fallback.problem), or(symptom, fallback.symptom),
                    or(slaMet, fallback.slaMet));
        }

        /** The same lists with null lists as empty ones and blank names dropped. */
        Fields cleaned() {
            return new Fields(clean(service), clean(configurationItem), clean(department), clean(assignmentGroup),
                    clean(effort), clean(category), clean(changeOutcome), clean(plannedStart), clean(plannedEnd),
                    clean(problem), clean(symptom), clean(slaMet));
        }

        private static List<String> or(List<String> own, List<String> fallback) {
            return own != null ? own : fallback;
        }

        private static List<String> clean(List<String> names) {
            List<String> cleaned = new ArrayList<>();
            if (names != null) {
                for (String name : names) {
                    if (name != null && !name.isBlank()) {
                        cleaned.add(name.trim());
                    }
                }
            }
            return List.copyOf(cleaned);
        }
    }

    /** One table's rules after validation: its kind, states and effective field lists. */
    record TableRules(String table, TicketKind kind, Map<String, TicketState> states,
                      Map<String, TicketState> labels, String prefix, Fields fields) {

        /** The canonical state of a state code, else of a state label (any case); null if neither is known. */
        TicketState state(String codeOrLabel) {
            TicketState state = states.get(codeOrLabel);
            return state != null ? state : labels.get(codeOrLabel.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The tables' rules, checked as a whole.
     *
     * @throws MissingConfigurationException naming the first key that is missing or inconsistent
     */
    Map<String, TableRules> validated() {
        Fields common = fields != null ? fields
                : new Fields(null, null, null, null, null, null, null, null, null, null, null, null);
        Map<String, TableRules> rules = new TreeMap<>();
        if (tables != null) {
            for (Map.Entry<String, Table> entry : tables.entrySet()) {
                Table table = entry.getValue();
                if (table == null) {
                    continue; // removed with ~
                }
                String key = "servicenow.tables." + entry.getKey();
                if (table.kind() == null) {
                    throw new MissingConfigurationException(key + ".kind is missing (incident, request, problem or change)");
                }
                Map<String, TicketState> states = withoutNulls(table.states());
                if (states.isEmpty()) {
                    throw new MissingConfigurationException(key + ".states is missing or empty: map each state code to a state");
                }
                Fields effective = (table.fields() == null ? common : table.fields().orElse(common)).cleaned();
                Map<String, TicketState> labels = new LinkedHashMap<>();
                withoutNulls(table.labels()).forEach((label, state) ->
                        labels.put(label.toLowerCase(java.util.Locale.ROOT), state));
                String prefix = table.prefix() == null || table.prefix().isBlank() ? null : table.prefix().trim();
                rules.put(entry.getKey(), new TableRules(entry.getKey(), table.kind(),
                        Collections.unmodifiableMap(states), Collections.unmodifiableMap(labels), prefix, effective));
            }
        }
        if (rules.isEmpty()) {
            throw new MissingConfigurationException("servicenow.tables is empty: configure at least one table");
        }
        if (!requireTable && (defaultTable == null || !rules.containsKey(defaultTable))) {
            throw new MissingConfigurationException("servicenow.defaultTable '" + defaultTable
                    + "' is not one of servicenow.tables " + rules.keySet() + " (or set servicenow.requireTable: true)");
        }
        return rules;
    }

    /** The close codes, without removed ones. */
    Map<String, ChangeOutcome> outcomes() {
        return withoutNulls(changeOutcomes);
    }

    private static <V> Map<String, V> withoutNulls(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put(Objects.requireNonNull(k).trim(), v);
                }
            });
        }
        return copy;
    }
}
