package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.demand.ServiceFacts.AlertNoise;
import io.demandloop.shared.demand.ServiceFacts.Capacity;
import io.demandloop.shared.demand.ServiceFacts.Changes;
import io.demandloop.shared.demand.ServiceFacts.Dimension;
import io.demandloop.shared.demand.ServiceFacts.IncidentGroup;
import io.demandloop.shared.demand.ServiceFacts.RequestGroup;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes {@link ServiceFacts} from {@link DemandInputs}: pure, no I/O, deterministic.
 *
 * <p>The services are those of the catalog plus any other service the inputs name (tickets, episodes, SLA
 * breaches), except {@link Ticket#UNKNOWN_SERVICE}.
 */
public final class ServiceFactsCalculator {

    /** Newest first, then by key: the order of every ticket list in the facts. */
    public static final Comparator<Ticket> NEWEST_FIRST =
            Comparator.comparing(Ticket::openedAt).reversed().thenComparing(Ticket::key);

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "from", "not", "on", "in",
            "of", "to", "is", "at", "a", "an", "no", "cannot", "can't", "unable", "error", "issue", "problem");
    private static final int SYMPTOM_WORDS = 3;

    private final DemandConfig config;
    private final ServiceCatalog catalog;

    public ServiceFactsCalculator(DemandConfig config, ServiceCatalog catalog) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The facts of every service in one window, by service name. */
    public SortedMap<String, ServiceFacts> compute(DemandInputs inputs, Window window) {
        Map<String, List<Ticket>> ticketsByService = new HashMap<>();
        // versions of one ticket share its opening instant: the window decides before the versions are compared
        List<Ticket> inWindows = new ArrayList<>();
        for (Ticket ticket : inputs.tickets()) {
            if (window.contains(ticket.openedAt()) || window.previousContains(ticket.openedAt())) {
                inWindows.add(ticket);
            }
        }
        for (Ticket ticket : newestVersions(inWindows)) {
            ticketsByService.computeIfAbsent(ticket.service(), s -> new ArrayList<>()).add(ticket);
        }
        Map<String, List<AlertEpisode>> episodesByService = new HashMap<>();
        for (AlertEpisode episode : inputs.episodes()) {
            if (window.contains(episode.start()) || window.previousContains(episode.start())) {
                episodesByService.computeIfAbsent(episode.service(), s -> new ArrayList<>()).add(episode);
            }
        }
        Map<String, int[]> breaches = new HashMap<>();
        for (SlaBreachCount count : inputs.slaBreaches()) {
            var dayStart = count.day().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            int[] tally = breaches.computeIfAbsent(count.service(), s -> new int[2]);
            if (window.contains(dayStart)) {
                tally[0] += count.breaches();
            } else if (window.previousContains(dayStart)) {
                tally[1] += count.breaches();
            }
        }
        TreeSet<String> services = new TreeSet<>(catalog.services());
        services.addAll(ticketsByService.keySet());
        services.addAll(episodesByService.keySet());
        services.addAll(breaches.keySet());
        services.remove(Ticket.UNKNOWN_SERVICE);

        Map<String, double[]> supportHours = new TreeMap<>();
        for (String service : services) {
            supportHours.put(service, supportHours(ticketsByService.getOrDefault(service, List.of()), window));
        }
        Map<String, Double> teamHours = new TreeMap<>();
        for (String service : services) {
            catalog.teamOf(service).ifPresent(team -> teamHours.merge(team, total(supportHours.get(service)), Double::sum));
        }

        SortedMap<String, ServiceFacts> facts = new TreeMap<>();
        for (String service : services) {
            List<Ticket> tickets = ticketsByService.getOrDefault(service, List.of());
            int[] sla = breaches.getOrDefault(service, new int[2]);
            facts.put(service, new ServiceFacts(service, catalog.tierOf(service), catalog.teamOf(service).orElse(null),
                    catalog.capabilityOf(service).orElse(null), window,
                    incidentsByPriority(tickets, window), count(tickets, TicketKind.INCIDENT, window, false),
                    recurrence(tickets, inputs.problemLinks(), window), requests(tickets, window),
                    alerts(episodesByService.getOrDefault(service, List.of()), window),
                    effort(tickets, window), changes(tickets, window), sla[0], sla[1],
                    capacity(service, supportHours.get(service), teamHours)));
        }
        return facts;
    }

    /**
     * The symptom key of a title: its first {@value #SYMPTOM_WORDS} significant words, lower case, in order,
     * joined by {@code -} (numbers, ids and common words dropped); empty when the title has none.
     */
    public static String symptomOf(String title) {
        if (title == null) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (String word : title.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (word.length() > 2 && !STOP_WORDS.contains(word) && words.size() < SYMPTOM_WORDS) {
                words.add(word);
            }
        }
        return String.join("-", words);
    }

    /**
     * The symptom key of an incident: the symptom its source classifies it with ({@code signals.symptom}), lower case,
     * its words joined by {@code -} ({@code Symptom 491} is {@code symptom-491}); without one, the first significant
     * words of its title ({@link #symptomOf(String)}).
     */
    public static String symptomOf(Ticket ticket) {
        String classified = ticket.signals() == null ? null : ticket.signals().symptom();
        if (classified != null) {
            List<String> words = new ArrayList<>();
            for (String word : classified.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            if (!words.isEmpty()) {
                return String.join("-", words);
            }
        }
        return symptomOf(ticket.title());
    }

    /** The hours a ticket counts: its recorded effort, else the configured default for its kind and priority. */
    public double effortHours(Ticket ticket) {
        return ticket.effortMinutes() != null
                ? ticket.effortMinutes() / 60.0
                : config.defaultEffortHours(ticket.kind(), ticket.priority());
    }

    static List<Ticket> newestVersions(List<Ticket> tickets) {
        Map<String, Ticket> newest = new HashMap<>();
        for (Ticket ticket : tickets) {
            newest.merge(ticket.key(), ticket, (a, b) -> b.sourceVersion() > a.sourceVersion() ? b : a);
        }
        List<Ticket> list = new ArrayList<>(newest.values());
        list.sort(NEWEST_FIRST);
        return list;
    }

    private static SortedMap<Integer, Integer> incidentsByPriority(List<Ticket> tickets, Window window) {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        for (int p = 1; p <= 5; p++) {
            counts.put(p, 0);
        }
        for (Ticket t : tickets) {
            if (t.kind() == TicketKind.INCIDENT && window.contains(t.openedAt())) {
                counts.merge(t.priority(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int count(List<Ticket> tickets, TicketKind kind, Window window, boolean current) {
        int n = 0;
        for (Ticket t : tickets) {
            if (t.kind() == kind && (current ? window.contains(t.openedAt()) : window.previousContains(t.openedAt()))) {
                n++;
            }
        }
        return n;
    }

    private List<IncidentGroup> recurrence(List<Ticket> tickets, Map<String, String> problemLinks, Window window) {
        // dimension -> value -> [current incidents], previous count
        Map<Dimension, Map<String, List<Ticket>>> current = new TreeMap<>();
        Map<Dimension, Map<String, Integer>> previous = new TreeMap<>();
        for (Ticket t : tickets) {
            if (t.kind() != TicketKind.INCIDENT) {
                continue;
            }
            for (Dimension dimension : Dimension.values()) {
                String value = valueOf(t, dimension, problemLinks);
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (window.contains(t.openedAt())) {
                    current.computeIfAbsent(dimension, d -> new TreeMap<>())
                            .computeIfAbsent(value, v -> new ArrayList<>()).add(t);
                } else {
                    previous.computeIfAbsent(dimension, d -> new TreeMap<>()).merge(value, 1, Integer::sum);
                }
            }
        }
        List<IncidentGroup> groups = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            TreeSet<String> values = new TreeSet<>(current.getOrDefault(dimension, Map.of()).keySet());
            values.addAll(previous.getOrDefault(dimension, Map.of()).keySet());
            for (String value : values) {
                List<Ticket> incidents = new ArrayList<>(current.getOrDefault(dimension, Map.of()).getOrDefault(value, List.of()));
                int before = previous.getOrDefault(dimension, Map.of()).getOrDefault(value, 0);
                if (incidents.size() + before < 2) {
                    continue; // one incident is not a group
                }
                incidents.sort(NEWEST_FIRST);
                int major = 0;
                double hours = 0;
                Map<String, Integer> problems = new TreeMap<>();
                for (Ticket t : incidents) {
                    if (t.priority() <= config.introducesRisk().majorPriority()) {
                        major++;
                    }
                    hours += effortHours(t);
                    String problem = problemLinks.isEmpty() ? null : problemLinks.get(t.key());
                    if (problem != null) {
                        problems.merge(problem, 1, Integer::sum);
                    }
                }
                String problem = null;
                int linked = 0;
                for (Map.Entry<String, Integer> p : problems.entrySet()) { // sorted: ties go to the smallest key
                    if (p.getValue() > linked) {
                        problem = p.getKey();
                        linked = p.getValue();
                    }
                }
                groups.add(new IncidentGroup(dimension, value, incidents, before, major, problem, linked, hours));
            }
        }
        return groups;
    }

    private static String valueOf(Ticket t, Dimension dimension, Map<String, String> problemLinks) {
        return switch (dimension) {
            case CATEGORY -> t.category();
            case CI -> t.configurationItem();
            case PROBLEM -> problemLinks.isEmpty() ? null : problemLinks.get(t.key());
            case SYMPTOM -> symptomOf(t);
        };
    }

    private List<RequestGroup> requests(List<Ticket> tickets, Window window) {
        Map<String, List<Ticket>> current = new TreeMap<>();
        Map<String, Integer> previous = new TreeMap<>();
        for (Ticket t : tickets) {
            if (t.kind() != TicketKind.REQUEST) {
                continue;
            }
            String category = t.category() == null || t.category().isBlank() ? "uncategorised" : t.category();
            if (window.contains(t.openedAt())) {
                current.computeIfAbsent(category, c -> new ArrayList<>()).add(t);
            } else {
                previous.merge(category, 1, Integer::sum);
            }
        }
        TreeSet<String> categories = new TreeSet<>(current.keySet());
        categories.addAll(previous.keySet());
        List<RequestGroup> groups = new ArrayList<>();
        for (String category : categories) {
            List<Ticket> requests = new ArrayList<>(current.getOrDefault(category, List.of()));
            requests.sort(NEWEST_FIRST);
            SortedMap<String, Integer> byDepartment = new TreeMap<>();
            List<Double> fulfilment = new ArrayList<>();
            double hours = 0;
            for (Ticket t : requests) {
                if (t.department() != null && !t.department().isBlank()) {
                    byDepartment.merge(t.department(), 1, Integer::sum);
                }
                boolean fulfilled = t.state() != TicketState.CANCELLED && t.state() != TicketState.DELETED
                        && t.finishedAt() != null;
                if (fulfilled) {
                    fulfilment.add(Duration.between(t.openedAt(), t.finishedAt()).toSeconds() / 3600.0);
                }
                hours += effortHours(t);
            }
            groups.add(new RequestGroup(category, requests, previous.getOrDefault(category, 0), byDepartment,
                    fulfilment.size(), median(fulfilment), hours));
        }
        return groups;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static AlertNoise alerts(List<AlertEpisode> episodes, Window window) {
        List<AlertEpisode> recent = new ArrayList<>();
        int previous = 0;
        int alerts = 0;
        int flapping = 0;
        int linked = 0;
        for (AlertEpisode e : episodes) {
            if (window.contains(e.start())) {
                recent.add(e);
                alerts += e.alertCount();
                flapping += e.flapping() ? 1 : 0;
                linked += e.linkedIncident() != null ? 1 : 0;
            } else {
                previous++;
            }
        }
        recent.sort(Comparator.comparing(AlertEpisode::start).reversed().thenComparing(AlertEpisode::id));
        int n = recent.size();
        return new AlertNoise(n, previous, alerts, n == 0 ? 0 : (double) alerts / n,
                n == 0 ? 0 : (double) flapping / n, linked, recent);
    }

    private double effort(List<Ticket> tickets, Window window) {
        double hours = 0;
        for (Ticket t : tickets) {
            if (window.contains(t.openedAt())) {
                hours += effortHours(t);
            }
        }
        return hours;
    }

    private static Changes changes(List<Ticket> tickets, Window window) {
        int changes = 0;
        int failed = 0;
        int previousChanges = 0;
        int previousFailed = 0;
        List<Ticket> failedChanges = new ArrayList<>();
        for (Ticket t : tickets) {
            if (t.kind() != TicketKind.CHANGE) {
                continue;
            }
            ChangeOutcome outcome = t.change() == null ? null : t.change().outcome();
            boolean isFailed = outcome == ChangeOutcome.FAILED || outcome == ChangeOutcome.BACKED_OUT;
            if (window.contains(t.openedAt())) {
                changes++;
                if (isFailed) {
                    failed++;
                    failedChanges.add(t);
                }
            } else {
                previousChanges++;
                previousFailed += isFailed ? 1 : 0;
            }
        }
        failedChanges.sort(NEWEST_FIRST);
        return new Changes(changes, failed, changes == 0 ? 0 : (double) failed / changes, previousChanges,
                previousFailed, failedChanges);
    }

    /** Support hours per week of a service's tickets opened in the window: incidents, requests, changes. */
    private double[] supportHours(List<Ticket> tickets, Window window) {
        double[] hours = new double[3];
        for (Ticket t : tickets) {
            if (!window.contains(t.openedAt())) {
                continue;
            }
            switch (t.kind()) {
                case INCIDENT -> hours[0] += effortHours(t);
                case REQUEST -> hours[1] += effortHours(t);
                case CHANGE -> hours[2] += effortHours(t);
                default -> {
                    // problems are investigation, not support load
                }
            }
        }
        for (int i = 0; i < hours.length; i++) {
            hours[i] /= window.weeks();
        }
        return hours;
    }

    private static double total(double[] hours) {
        return hours[0] + hours[1] + hours[2];
    }

    private Capacity capacity(String service, double[] serviceHours, Map<String, Double> teamHours) {
        String team = catalog.teamOf(service).orElse(null);
        Double capacity = catalog.capacityHoursPerWeek(team).orElse(null);
        double serviceHoursPerWeek = total(serviceHours);
        double teamHoursPerWeek = team == null ? serviceHoursPerWeek : teamHours.getOrDefault(team, 0.0);
        return new Capacity(team, capacity, serviceHoursPerWeek, teamHoursPerWeek,
                capacity == null ? null : serviceHoursPerWeek / capacity,
                capacity == null ? null : teamHoursPerWeek / capacity,
                serviceHours[0], serviceHours[1], serviceHours[2]);
    }
}
