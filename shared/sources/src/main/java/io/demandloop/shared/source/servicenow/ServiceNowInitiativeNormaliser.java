package io.demandloop.shared.source.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeConfig;
import io.demandloop.shared.initiative.InitiativeJson;
import io.demandloop.shared.initiative.InitiativeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * ServiceNow SPM records (section {@code initiatives.servicenow.tables}: {@code pm_project} and {@code dmn_demand} by
 * default) as {@link Initiative}s, through the same {@code /hooks/servicenow} contract as the ticket tables: the table
 * in the payload ({@code sys_class_name}, else the number's prefix) decides. Identity {@code servicenow#<number>},
 * version {@code sys_mod_count}; status from the table's state codes ({@code value}) or labels (display value);
 * a closed complete record is delivered at its end ({@code work_end}, else {@code end_date}); targeted services from
 * every configured service field given ({@code business_service}, {@code cmdb_ci}), through the service aliases;
 * linked demands from the configured fields. Immutable and thread-safe.
 */
public final class ServiceNowInitiativeNormaliser {

    private final InitiativeConfig.ServiceNow rules;
    private final ExpectedOutcome defaultExpected;
    private final UnaryOperator<String> serviceFor;
    private final String instanceUrl;

    /** The rules of section {@code initiatives.servicenow} of this configuration, with its service aliases. */
    public ServiceNowInitiativeNormaliser(DemandloopConfig config) {
        Objects.requireNonNull(config, "config");
        InitiativeConfig section = InitiativeConfig.from(config);
        this.rules = section.servicenow();
        this.defaultExpected = section.defaultExpected();
        this.serviceFor = config::serviceFor;
        String instance = config.section(ServiceNowNormaliser.CONFIG_SECTION, ServiceNowConfig.class).instanceUrl();
        this.instanceUrl = instance == null || instance.isBlank() ? null : instance.trim().replaceAll("/+$", "");
    }

    /** Whether the record is of an initiative table: its {@code sys_class_name}, else its number's prefix. */
    public boolean isInitiative(JsonNode record) {
        return record != null && record.isObject() && table(record) != null;
    }

    private String table(JsonNode record) {
        String table = ServiceNowNormaliser.code(record, "sys_class_name");
        if (table != null) {
            return rules.tables().containsKey(table) ? table : null;
        }
        return rules.tableOfNumber(ServiceNowNormaliser.code(record, "number"));
    }

    /**
     * One SPM record.
     *
     * @param where names the record in messages
     * @throws InvalidRecordException naming the field and the problem
     */
    public Initiative normalise(JsonNode record, String where) {
        String table = table(record);
        InitiativeConfig.Table tableRules = rules.tables().get(table);
        String number = ServiceNowNormaliser.required(record, "number", where);
        String title = ServiceNowNormaliser.name(record, "short_description");
        if (title == null) {
            title = ServiceNowNormaliser.name(record, "name");
        }
        if (title == null) {
            throw new InvalidRecordException(where + ": required field short_description is missing or empty: an"
                    + " initiative needs a title");
        }
        Set<String> services = new LinkedHashSet<>();
        for (String field : rules.services()) {
            String name = ServiceNowNormaliser.name(record, field);
            if (name != null) {
                services.add(serviceFor.apply(name));
            }
        }
        if (services.isEmpty()) {
            throw new InvalidRecordException(where + ": the " + table + " names no targeted service: "
                    + String.join(", ", rules.services()) + " are empty (initiatives.servicenow.services)");
        }
        InitiativeStatus status = status(record, table, tableRules, where);
        Instant deliveredAt = null;
        if (status == InitiativeStatus.DELIVERED) {
            for (String field : rules.deliveredAt()) {
                String value = ServiceNowNormaliser.code(record, field);
                if (value != null) {
                    deliveredAt = ServiceNowNormaliser.parseDate(value, field, where);
                    if (deliveredAt.getEpochSecond() < 0 || deliveredAt.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                        throw new InvalidRecordException(where + ": " + field + " must lie in the years 1970 to 9999,"
                                + " was '" + value + "'");
                    }
                    break;
                }
            }
            if (deliveredAt == null) {
                throw new InvalidRecordException(where + ": a closed complete " + table + " needs its end date: "
                        + String.join(", ", rules.deliveredAt()) + " are empty");
            }
        }
        String modCount = ServiceNowNormaliser.required(record, "sys_mod_count", where);
        long version;
        try {
            version = Long.parseLong(modCount);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(where + ": sys_mod_count must be a whole number, was '" + modCount + "'");
        }
        if (version < 0) {
            throw new InvalidRecordException(where + ": sys_mod_count must not be negative, was " + version);
        }
        String updated = ServiceNowNormaliser.code(record, "sys_updated_on");
        if (updated == null) {
            throw new InvalidRecordException(where + ": required field sys_updated_on is missing or empty");
        }
        String team = null;
        for (String field : rules.team()) {
            team = ServiceNowNormaliser.name(record, field);
            if (team != null) {
                break;
            }
        }
        try {
            return Initiative.builder().source(ServiceNowNormaliser.SOURCE).sourceId(number).title(title)
                    .services(new ArrayList<>(services)).demandIds(demandIds(record, where))
                    .expected(defaultExpected).status(status).deliveredAt(deliveredAt).team(team)
                    .link(instanceUrl == null ? null : instanceUrl + "/nav_to.do?uri=" + java.net.URLEncoder.encode(
                            table + ".do?sysparm_query=number=" + number, java.nio.charset.StandardCharsets.UTF_8))
                    .sourceVersion(version)
                    .sourceUpdatedAt(ServiceNowNormaliser.parseDate(updated, "sys_updated_on", where)).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(where + ": " + e.getMessage());
        }
    }

    private static InitiativeStatus status(JsonNode record, String table, InitiativeConfig.Table rules, String where) {
        String code = ServiceNowNormaliser.code(record, "state");
        if (code != null && rules.states().containsKey(code)) {
            return rules.states().get(code);
        }
        String label = ServiceNowNormaliser.name(record, "state");
        if (label != null && rules.labels().containsKey(label)) {
            return rules.labels().get(label);
        }
        if (code == null) {
            throw new InvalidRecordException(where + ": required field state is missing or empty");
        }
        throw new InvalidRecordException(where + ": unknown " + table + " state '" + (label != null ? label : code)
                + "' (codes: " + rules.states().keySet() + ", labels: " + rules.labels().keySet()
                + "); map it under initiatives.servicenow.tables." + table + ".states or .labels");
    }

    private List<String> demandIds(JsonNode record, String where) {
        Set<String> ids = new LinkedHashSet<>();
        for (String field : rules.demandIds()) {
            String value = ServiceNowNormaliser.name(record, field);
            if (value != null) {
                for (String part : value.split("[,\\n]")) {
                    if (!part.isBlank()) {
                        InitiativeJson.checkDemandId(part.trim(), where + ": " + field);
                        ids.add(part.trim());
                    }
                }
            }
        }
        return new ArrayList<>(ids);
    }
}
