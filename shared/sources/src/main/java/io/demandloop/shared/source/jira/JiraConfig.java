package io.demandloop.shared.source.jira;

import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration section {@code jira}: how Jira Service Management issues map to canonical tickets (kinds by
 * issue type, states by status category and status name, priorities by name, and which issue fields give the
 * service, department, effort and so on). Built-in defaults are in {@code demandloop/defaults/jira.yaml}; see
 * {@code docs/sources.md}.
 *
 * <p>Bound by {@code DemandloopConfig.section("jira", JiraConfig.class)}; {@link #validated()} then checks it.
 * A map entry set to null ({@code ~}) removes a default entry.
 *
 * @param kinds            issue type name mapped to the kind, any case
 * @param defaultKind      the kind of any other issue type; null ignores such issues
 * @param statusCategories status category key mapped to the state
 * @param statuses         status name mapped to the state, any case; wins over the category
 * @param priorities       priority name mapped to 1 (highest) to 5, any case
 * @param defaultPriority  the priority of an issue without a mapped priority
 * @param fields           which issue fields give the canonical fields
 */
public record JiraConfig(
        Map<String, TicketKind> kinds,
        TicketKind defaultKind,
        Map<String, TicketState> statusCategories,
        Map<String, TicketState> statuses,
        Map<String, Integer> priorities,
        Integer defaultPriority,
        Fields fields) {

    /**
     * Which issue fields (ids under {@code fields}) give each canonical field: the first non-empty one wins.
     *
     * @param service           the service (then mapped through the service aliases)
     * @param configurationItem the CI
     * @param department        the requesting department
     * @param assignmentGroup   the team working on it
     * @param effort            the effort, in seconds
     * @param category          the category
     * @param plannedStart      the start of a change's planned window
     * @param plannedEnd        the end of a change's planned window
     */
    public record Fields(
            List<String> service,
            List<String> configurationItem,
            List<String> department,
            List<String> assignmentGroup,
            List<String> effort,
            List<String> category,
            List<String> plannedStart,
            List<String> plannedEnd) {

        Fields cleaned() {
            return new Fields(clean(service), clean(configurationItem), clean(department), clean(assignmentGroup),
                    clean(effort), clean(category), clean(plannedStart), clean(plannedEnd));
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

    /**
     * This configuration checked, with the name-keyed maps made case-insensitive and removed entries dropped.
     *
     * @throws MissingConfigurationException naming the first key that is missing or out of range
     */
    JiraConfig validated() {
        Map<String, TicketState> categories = withoutNulls(statusCategories);
        if (categories.isEmpty()) {
            throw new MissingConfigurationException("jira.statusCategories is missing or empty: map new, indeterminate"
                    + " and done to states");
        }
        Map<String, Integer> priorityNames = withoutNulls(priorities);
        priorityNames.forEach((name, priority) -> checkPriority("jira.priorities." + name, priority));
        checkPriority("jira.defaultPriority", defaultPriority);
        return new JiraConfig(
                Collections.unmodifiableMap(withoutNulls(kinds)),
                defaultKind,
                Collections.unmodifiableMap(categories),
                Collections.unmodifiableMap(withoutNulls(statuses)),
                Collections.unmodifiableMap(priorityNames),
                defaultPriority,
                (fields == null ? new Fields(null, null, null, null, null, null, null, null) : fields).cleaned());
    }

    private static void checkPriority(String key, Integer priority) {
        if (priority == null || priority < 1 || priority > 5) {
            throw new MissingConfigurationException(key + " must be 1 to 5, was " + priority);
        }
    }

    /** A copy looked up in any case (Jira admins rename and re-case statuses freely), removed entries dropped. */
    private static <V> Map<String, V> withoutNulls(Map<String, V> map) {
        Map<String, V> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (map != null) {
            map.forEach((key, value) -> {
                if (value != null) {
                    copy.put(key.trim(), value);
                }
            });
        }
        return copy;
    }
}
