package io.demandloop.shared.initiative;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration section {@code initiatives}: the default expected outcome, and which records of the portfolio tools
 * are initiatives and how they are read (Jira issue types, ServiceNow SPM tables). Defaults in
 * {@code demandloop/defaults/initiatives.yaml}; docs/sources.md#initiatives.
 *
 * @param expected   the expected outcome of an initiative that names none
 * @param jira       Jira issues that are initiatives
 * @param servicenow ServiceNow records that are initiatives
 */
public record InitiativeConfig(Expected expected, Jira jira, ServiceNow servicenow) {

    /** The configuration section read. */
    public static final String SECTION = "initiatives";

    /**
     * The default expected outcome.
     *
     * @param metric the metric's wire name
     * @param change the relative change, e.g. -0.30
     */
    public record Expected(String metric, Double change) {
    }

    /**
     * Jira issues that are initiatives.
     *
     * @param issueTypes        issue type names (any case) that are initiatives
     * @param services          issue fields giving the targeted services; empty: {@code jira.fields.service}
     * @param demandIds         issue fields listing demand ids
     * @param demandLabelPrefix labels with this prefix name a demand id; null for none
     * @param team              issue fields giving the owning team
     * @param metric            issue fields giving the expected metric
     * @param change            issue fields giving the expected change
     * @param category          issue fields giving the expected outcome's category
     */
    public record Jira(List<String> issueTypes, List<String> services, List<String> demandIds, String demandLabelPrefix,
                       List<String> team, List<String> metric, List<String> change, List<String> category) {
        public Jira {
            issueTypes = clean(issueTypes);
            services = clean(services);
            demandIds = clean(demandIds);
            demandLabelPrefix = demandLabelPrefix == null || demandLabelPrefix.isBlank() ? null : demandLabelPrefix;
            team = clean(team);
            metric = clean(metric);
            change = clean(change);
            category = clean(category);
        }

        /** Whether issues of this type are initiatives. */
        public boolean isInitiative(String issueType) {
            return issueType != null && issueTypes.stream().anyMatch(t -> t.equalsIgnoreCase(issueType.trim()));
        }
    }

    /**
     * ServiceNow records that are initiatives.
     *
     * @param tables      table name to its rules
     * @param services    fields giving the targeted services
     * @param demandIds   fields listing demand ids
     * @param team        fields giving the owning team
     * @param deliveredAt fields giving the delivery date, the first given wins
     */
    public record ServiceNow(Map<String, Table> tables, List<String> services, List<String> demandIds,
                             List<String> team, List<String> deliveredAt) {
        public ServiceNow {
            Map<String, Table> kept = new LinkedHashMap<>();
            if (tables != null) {
                tables.forEach((name, table) -> {
                    if (table != null) {
                        kept.put(name.trim(), table);
                    }
                });
            }
            tables = Collections.unmodifiableMap(kept);
            services = clean(services);
            demandIds = clean(demandIds);
            team = clean(team);
            deliveredAt = clean(deliveredAt);
        }

        /** The table of a number by its prefix; null when none has it. */
        public String tableOfNumber(String number) {
            if (number == null) {
                return null;
            }
            for (Map.Entry<String, Table> table : tables.entrySet()) {
                String prefix = table.getValue().prefix();
                if (prefix != null && !prefix.isBlank() && number.startsWith(prefix)) {
                    return table.getKey();
                }
            }
            return null;
        }
    }

    /**
     * One SPM table.
     *
     * @param prefix the prefix of its numbers
     * @param states state codes to statuses
     * @param labels state labels (any case) to statuses
     */
    public record Table(String prefix, Map<String, InitiativeStatus> states, Map<String, InitiativeStatus> labels) {
        public Table {
            states = withoutNulls(states, false);
            labels = withoutNulls(labels, true);
        }
    }

    /** The section of this configuration, checked. */
    public static InitiativeConfig from(DemandloopConfig config) {
        InitiativeConfig section = config.section(SECTION, InitiativeConfig.class);
        if (section.jira() == null || section.servicenow() == null) {
            throw new MissingConfigurationException("configuration section 'initiatives' needs 'jira' and 'servicenow'");
        }
        section.defaultExpected();
        return section;
    }

    /** The default expected outcome; fails naming the key when it is out of range. */
    public ExpectedOutcome defaultExpected() {
        try {
            return new ExpectedOutcome(OutcomeMetric.parse(expected == null || expected.metric() == null
                    ? "incidents" : expected.metric()),
                    expected == null || expected.change() == null ? ExpectedOutcome.DEFAULT_TARGET_CHANGE : expected.change(),
                    null);
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException("initiatives.expected: " + e.getMessage());
        }
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

    private static Map<String, InitiativeStatus> withoutNulls(Map<String, InitiativeStatus> map, boolean anyCase) {
        Map<String, InitiativeStatus> copy = anyCase ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> {
                if (value != null) {
                    copy.put(key.trim(), value);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
