package io.demandloop.shared.demand;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Configuration section {@value #SECTION}: the service catalog (DESIGN.md §4) as the demand evaluation reads it.
 * Defaults in {@code demandloop/defaults/services.yaml}; docs/demand.md#catalog-and-capacity explains every key.
 *
 * <pre>
 * services:
 *   aliases: {Email: [EXCH-PROD-01, mail]}        # read by DemandloopConfig.serviceFor
 *   defaultTier: medium                            # for services not in the catalog
 *   catalog:
 *     Email: {tier: critical, team: messaging, capability: Communication}
 *   teams:
 *     messaging: {capacityHoursPerWeek: 120}
 * </pre>
 *
 * @param aliases     source names per service; bound here only so that the section binds whole
 * @param defaultTier the tier of a service the catalog does not list (or lists without a tier)
 * @param catalog     per service name (as {@code serviceFor} returns it): tier, owning team, business capability
 * @param teams       per team: capacity
 */
public record ServiceCatalog(Map<String, List<String>> aliases, ServiceTier defaultTier,
                             Map<String, Entry> catalog, Map<String, Team> teams) {

    /** The configuration section. */
    public static final String SECTION = "services";

    /**
     * One service of the catalog.
     *
     * @param tier       its criticality; the catalog's {@code defaultTier} when absent
     * @param team       the team that owns and supports it; may be null
     * @param capability the business capability it serves; may be null
     */
    public record Entry(ServiceTier tier, String team, String capability) {
    }

    /**
     * One team.
     *
     * @param capacityHoursPerWeek the hours per week the team has for support and project work together
     */
    public record Team(Double capacityHoursPerWeek) {
    }

    public ServiceCatalog {
        aliases = aliases == null ? Map.of() : new TreeMap<>(aliases);
        defaultTier = defaultTier == null ? ServiceTier.MEDIUM : defaultTier;
        catalog = catalog == null ? Map.of() : new TreeMap<>(catalog);
        teams = teams == null ? Map.of() : new TreeMap<>(teams);
    }

    /**
     * Checks what binding cannot: every team a service names is listed, every capacity is above 0.
     *
     * @return this catalog
     * @throws MissingConfigurationException naming the key that is wrong
     */
    public ServiceCatalog validate() {
        for (Map.Entry<String, Entry> service : catalog.entrySet()) {
            if (service.getValue() == null) {
                throw new MissingConfigurationException("configuration section 'services' at catalog."
                        + service.getKey() + ": needs at least one of tier, team, capability");
            }
            String team = service.getValue().team();
            if (team != null && !teams.containsKey(team)) {
                throw new MissingConfigurationException("configuration section 'services' at catalog."
                        + service.getKey() + ".team: team '" + team + "' is not listed under services.teams");
            }
        }
        for (Map.Entry<String, Team> team : teams.entrySet()) {
            Double capacity = team.getValue() == null ? null : team.getValue().capacityHoursPerWeek();
            if (capacity == null || !(capacity > 0)) {
                throw new MissingConfigurationException("configuration section 'services' at teams."
                        + team.getKey() + ".capacityHoursPerWeek: must be a number of hours above 0, was " + capacity);
            }
        }
        return this;
    }

    /** The catalog of a configuration, validated; a misspelt or malformed key fails with its path named. */
    public static ServiceCatalog from(DemandloopConfig config) {
        return config.section(SECTION, ServiceCatalog.class).validate();
    }

    /** The services the catalog lists, sorted. */
    public SortedSet<String> services() {
        return new TreeSet<>(catalog.keySet());
    }

    /** The tier of a service: its catalog entry's, else {@link #defaultTier()}. */
    public ServiceTier tierOf(String service) {
        Entry entry = catalog.get(service);
        return entry == null || entry.tier() == null ? defaultTier : entry.tier();
    }

    /** The team owning a service, if the catalog names one. */
    public Optional<String> teamOf(String service) {
        Entry entry = catalog.get(service);
        return Optional.ofNullable(entry == null ? null : entry.team());
    }

    /** The business capability of a service, if the catalog names one. */
    public Optional<String> capabilityOf(String service) {
        Entry entry = catalog.get(service);
        return Optional.ofNullable(entry == null ? null : entry.capability());
    }

    /** A team's capacity in hours per week, if the catalog lists the team. */
    public Optional<Double> capacityHoursPerWeek(String team) {
        Team t = team == null ? null : teams.get(team);
        return Optional.ofNullable(t == null ? null : t.capacityHoursPerWeek());
    }
}
