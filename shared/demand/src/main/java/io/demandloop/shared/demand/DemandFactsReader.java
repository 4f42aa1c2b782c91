package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Gathers the {@link DemandInputs} of one evaluation from the stores, by Query only: the tickets of each kind opened
 * in the evaluation's span ({@link TicketRepository#findOpenedBetween}, the tickets table's {@code OpenedIndex},
 * one Query per kind and month), the alert episodes of each service starting in it
 * ({@link AlertRepository#episodesStartingBetween}, one Query per service) and the SLA breaches SLA tracking
 * recorded for each service in it ({@link SlaRepository#breachesBetween}, the SLA table's {@code BreachIndex}, one
 * Query per service). The span is the longest configured window and the window before it, ending at {@code asOf};
 * so what a night reads depends on the window and the number of services, never on the history before the span.
 *
 * <p>The services whose episodes and breaches are read are those of the catalog, those the read tickets name and
 * those the alert store lists as having had episodes ({@link AlertRepository#servicesWithEpisodes}, one Query),
 * except {@code unknown}: so an alert-only service no ticket and no catalog entry names is evaluated too. From the
 * tickets' {@link io.demandloop.shared.ticket.TicketSignals} it derives the problem links (incident key to problem
 * key) and the SLA breaches the sources report themselves (a ticket whose source says its SLA was missed breached on
 * the day it was resolved, else opened). SLA breaches are counted per ticket, whichever told of them: a ticket counts
 * once, on the UTC day of its first breach in the span.
 *
 * <p>The Queries of the kinds and of the services run {@value #PARALLEL_READS} at a time (each is a round trip; with
 * hundreds of services they add up); the inputs are the same, in the same order, as read one by one.
 */
public final class DemandFactsReader {

    private static final String UNKNOWN_SERVICE = "unknown";
    /** How many Queries run at once. */
    static final int PARALLEL_READS = 4;

    private final TicketRepository tickets;
    private final AlertRepository alerts;
    private final SlaRepository sla;
    private final ServiceCatalog catalog;
    private final Duration longestWindow;

    public DemandFactsReader(TicketRepository tickets, AlertRepository alerts, SlaRepository sla, ServiceCatalog catalog,
                             DemandConfig config) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.longestWindow = config.windows().stream().max(Duration::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("demand.windows must list at least one window"));
    }

    /** The first instant the evaluation as of {@code asOf} looks at: two longest windows back. */
    public Instant spanStart(Instant asOf) {
        return asOf.minus(longestWindow.multipliedBy(2));
    }

    /** Reads the inputs of the evaluation as of {@code asOf}: {@code [spanStart(asOf), asOf)}. */
    public DemandInputs read(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return read(spanStart(asOf), asOf);
    }

    /**
     * Reads {@code [from, asOf)} at once, the same way: the history a backtest replays night by night
     * ({@link DemandBacktest}), from the span start of its first night to its last.
     */
    public DemandInputs read(Instant from, Instant asOf) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(asOf, "asOf");
        // findOpenedBetween is inclusive at both ends; windows end at asOf exclusive.
        Instant to = asOf.minusMillis(1);
        ExecutorService queries = Executors.newFixedThreadPool(PARALLEL_READS, runnable -> {
            Thread thread = new Thread(runnable, "demand-facts-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return read(asOf, from, to, queries);
        } finally {
            queries.shutdownNow();
        }
    }

    private DemandInputs read(Instant asOf, Instant from, Instant to, ExecutorService queries) {
        List<Ticket> read = inOrder(List.of(TicketKind.values()), kind -> tickets.findOpenedBetween(kind, from, to),
                queries);
        SortedSet<String> services = new TreeSet<>(catalog.services());
        for (Ticket ticket : read) {
            if (ticket.service() != null && !ticket.service().isBlank()) {
                services.add(ticket.service());
            }
        }
        services.addAll(alerts.servicesWithEpisodes());
        services.remove(UNKNOWN_SERVICE);
        List<AlertEpisode> episodes = inOrder(services, service -> alerts.episodesStartingBetween(service, from, to),
                queries);
        Map<String, FirstBreach> breached = trackedSlaBreaches(services, from, asOf, queries);
        sourceSlaBreaches(read).forEach((key, breach) -> breached.merge(key, breach, FirstBreach::earlier));
        return new DemandInputs(asOf, read, episodes, perServiceAndDay(breached.values()), problemLinks(read));
    }

    /** Incident key to the key of its linked problem (the repository gives one version per ticket: its newest). */
    private static Map<String, String> problemLinks(List<Ticket> tickets) {
        Map<String, String> links = new TreeMap<>();
        for (Ticket ticket : tickets) {
            if (ticket.kind() == TicketKind.INCIDENT && ticket.signals() != null && ticket.signals().problem() != null) {
                links.put(ticket.key(), ticket.signals().problem());
            }
        }
        return links;
    }

    /**
     * The breaches the sources report themselves ({@code signals.slaMet} false, e.g. ServiceNow's {@code made_sla}),
     * by ticket key: of the ticket's service, when it was resolved, else opened.
     */
    private static Map<String, FirstBreach> sourceSlaBreaches(List<Ticket> tickets) {
        Map<String, FirstBreach> breaches = new HashMap<>();
        for (Ticket ticket : tickets) {
            if (ticket.signals() != null && Boolean.FALSE.equals(ticket.signals().slaMet())) {
                Instant at = ticket.resolvedAt() != null ? ticket.resolvedAt() : ticket.openedAt();
                breaches.put(ticket.key(), new FirstBreach(ticket.service(), at));
            }
        }
        return breaches;
    }

    /**
     * The tickets whose SLA clocks breached in {@code [from, to)} as SLA tracking recorded them, each with its first
     * breach there, by ticket key (so that breaches found elsewhere can be added and a ticket still counts once).
     */
    private Map<String, FirstBreach> trackedSlaBreaches(Collection<String> services, Instant from, Instant to,
                                                        ExecutorService queries) {
        Map<String, FirstBreach> first = new HashMap<>();
        for (SlaBreach breach : inOrder(services, service -> sla.breachesBetween(service, from, to), queries)) {
            first.merge(breach.ticketKey(), new FirstBreach(breach.service(), breach.breachedAt()), FirstBreach::earlier);
        }
        return first;
    }

    /**
     * Reads each key's list on {@code queries} and joins them in the keys' order, as reading them one by one would. A
     * failure is thrown once every read submitted has ended (the first in the keys' order): no read is left running or
     * interrupted half-way, so what a failed read did is the same on every run.
     */
    private static <K, T> List<T> inOrder(Collection<K> keys, Function<K, List<T>> reader, ExecutorService queries) {
        List<Future<List<T>>> pending = new ArrayList<>();
        for (K key : keys) {
            pending.add(queries.submit(() -> reader.apply(key)));
        }
        List<T> joined = new ArrayList<>();
        Throwable failure = null;
        for (Future<List<T>> future : pending) {
            try {
                List<T> read = future.get();
                if (failure == null) {
                    joined.addAll(read);
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading the demand inputs", e);
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return joined;
    }

    /** Breached tickets per service and UTC day of their first breach. */
    private static List<SlaBreachCount> perServiceAndDay(Collection<FirstBreach> breached) {
        Map<String, Map<LocalDate, Integer>> counts = new TreeMap<>();
        for (FirstBreach breach : breached) {
            counts.computeIfAbsent(breach.service(), s -> new TreeMap<>())
                    .merge(LocalDate.ofInstant(breach.at(), ZoneOffset.UTC), 1, Integer::sum);
        }
        List<SlaBreachCount> result = new ArrayList<>();
        counts.forEach((service, days) -> days.forEach((day, n) -> result.add(new SlaBreachCount(service, day, n))));
        return result;
    }

    /** A ticket's first SLA breach in the span: the service it counts for and when. */
    private record FirstBreach(String service, Instant at) {
        FirstBreach earlier(FirstBreach other) {
            return other.at.isBefore(at) ? other : this;
        }
    }
}
