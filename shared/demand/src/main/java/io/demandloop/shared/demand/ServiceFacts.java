package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.ticket.Ticket;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one service's demand looked like in one window, against the window before it: the facts the criteria are
 * judged on. Computed by {@link ServiceFactsCalculator} from plain inputs; ticket lists are newest first (then by
 * key), groups sorted by key, so equal inputs give equal facts. Hours are unrounded; records round them.
 *
 * @param service             the service
 * @param tier                its catalog tier (or the default tier)
 * @param team                its owning team; null when the catalog names none
 * @param capability          its business capability; null when the catalog names none
 * @param window              the window judged
 * @param incidentsByPriority incidents opened in the window per priority 1-5 (every priority present)
 * @param previousIncidents   incidents opened in the window before
 * @param recurrence          incident groups sharing a category, CI, symptom or problem (two or more incidents
 *                            in the window or the window before)
 * @param requests            request groups per request type (category)
 * @param alerts              alert episodes and noise
 * @param effortHours         hours of all the service's tickets opened in the window
 * @param changes             changes and how many failed
 * @param slaBreaches         SLA breaches in the window
 * @param previousSlaBreaches SLA breaches in the window before
 * @param capacity            support load against the owning team's capacity
 */
public record ServiceFacts(String service, ServiceTier tier, String team, String capability, Window window,
                           SortedMap<Integer, Integer> incidentsByPriority, int previousIncidents,
                           List<IncidentGroup> recurrence, List<RequestGroup> requests, AlertNoise alerts,
                           double effortHours, Changes changes, int slaBreaches, int previousSlaBreaches,
                           Capacity capacity) {

    public ServiceFacts {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(window, "window");
        incidentsByPriority = new TreeMap<>(incidentsByPriority);
        recurrence = List.copyOf(recurrence);
        requests = List.copyOf(requests);
    }

    /** Incidents opened in the window. */
    public int incidents() {
        return incidentsByPriority.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Which tickets an incident group shares. */
    public enum Dimension {
        /** The same source category. */
        CATEGORY("category"),
        /** The same configuration item. */
        CI("ci"),
        /** The same problem (from {@link DemandInputs#problemLinks()}). */
        PROBLEM("problem"),
        /**
         * The same symptom: the source's symptom classification, else the first significant words of the title
         * ({@link ServiceFactsCalculator#symptomOf(io.demandloop.shared.ticket.Ticket)}).
         */
        SYMPTOM("symptom");

        private final String wireName;

        Dimension(String wireName) {
            this.wireName = wireName;
        }

        /** The name used in pattern keys, e.g. {@code category}. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Incidents sharing one value of one dimension.
     *
     * @param dimension      what they share
     * @param value          the shared value (a category, a CI, a symptom key, a problem key)
     * @param incidents      the group's incidents opened in the window, newest first
     * @param previousCount  the group's incidents opened in the window before
     * @param majorIncidents how many of {@code incidents} are major ({@code demand.introducesRisk.majorPriority})
     * @param problem        the problem most of the group's incidents are linked to; null when none is
     * @param problemLinked  how many of {@code incidents} are linked to {@code problem}
     * @param effortHours    hours of {@code incidents}
     */
    public record IncidentGroup(Dimension dimension, String value, List<Ticket> incidents, int previousCount,
                                int majorIncidents, String problem, int problemLinked, double effortHours) {
        public IncidentGroup {
            incidents = List.copyOf(incidents);
        }

        /** e.g. {@code category:network}. */
        public String key() {
            return dimension.wireName() + ":" + value;
        }
    }

    /**
     * Requests of one type (category).
     *
     * @param category              the request type
     * @param requests              requests opened in the window, newest first
     * @param previousCount         requests of the type opened in the window before
     * @param byDepartment          requests in the window per department (those without one not counted)
     * @param fulfilled             how many of {@code requests} were fulfilled (resolved or closed, not cancelled)
     * @param medianFulfilmentHours the median hours from opened to fulfilled of those; null when none was
     * @param effortHours           hours of {@code requests}
     */
    public record RequestGroup(String category, List<Ticket> requests, int previousCount,
                               SortedMap<String, Integer> byDepartment, int fulfilled, Double medianFulfilmentHours,
                               double effortHours) {
        public RequestGroup {
            requests = List.copyOf(requests);
            byDepartment = new TreeMap<>(byDepartment);
        }
    }

    /**
     * Alert episodes that started in the window.
     *
     * @param episodes         how many
     * @param previousEpisodes how many started in the window before
     * @param alerts           alerts in them
     * @param alertsPerEpisode alerts per episode (0 without episodes)
     * @param flappingShare    the share of episodes marked flapping (0-1)
     * @param linkedIncidents  episodes linked to an incident
     * @param recent           the episodes, newest first
     */
    public record AlertNoise(int episodes, int previousEpisodes, int alerts, double alertsPerEpisode,
                             double flappingShare, int linkedIncidents, List<AlertEpisode> recent) {
        public AlertNoise {
            recent = List.copyOf(recent);
        }
    }

    /**
     * Changes opened in the window.
     *
     * @param changes         how many
     * @param failed          how many failed or were backed out
     * @param failureRate     {@code failed / changes} (0 without changes)
     * @param previousChanges changes in the window before
     * @param previousFailed  failed ones in the window before
     * @param failedChanges   the failed ones, newest first
     */
    public record Changes(int changes, int failed, double failureRate, int previousChanges, int previousFailed,
                          List<Ticket> failedChanges) {
        public Changes {
            failedChanges = List.copyOf(failedChanges);
        }
    }

    /**
     * Support load (hours on incidents, requests and changes opened in the window, per week) against the owning
     * team's capacity.
     *
     * @param team                       the owning team; null when the catalog names none
     * @param teamCapacityHoursPerWeek   the team's capacity; null when unknown
     * @param serviceSupportHoursPerWeek this service's support hours per week
     * @param teamSupportHoursPerWeek    the support hours per week of all the team's services
     * @param serviceShareOfCapacity     this service's support hours over the team's capacity; null when unknown
     * @param teamShareOfCapacity        all the team's support hours over its capacity; null when unknown
     * @param incidentHoursPerWeek       of {@code serviceSupportHoursPerWeek}, the hours on incidents
     * @param requestHoursPerWeek        of {@code serviceSupportHoursPerWeek}, the hours on requests
     * @param changeHoursPerWeek         of {@code serviceSupportHoursPerWeek}, the hours on changes
     */
    public record Capacity(String team, Double teamCapacityHoursPerWeek, double serviceSupportHoursPerWeek,
                           double teamSupportHoursPerWeek, Double serviceShareOfCapacity,
                           Double teamShareOfCapacity, double incidentHoursPerWeek, double requestHoursPerWeek,
                           double changeHoursPerWeek) {
    }
}
