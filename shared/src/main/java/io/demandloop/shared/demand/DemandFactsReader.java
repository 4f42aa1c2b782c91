package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Gathers the {@link DemandInputs} of one evaluation from the stores, by Query only: the tickets of each kind opened
 * in the evaluation's span ({@link TicketRepository#findOpenedBetween}, the tickets table's {@code OpenedIndex},
 * one Query per kind and month) and the alert episodes of each service starting in it
 * ({@link AlertRepository#episodesStartingBetween}, one Query per service). The span is the longest configured
 * window and the window before it, ending at {@code asOf}; so what a night reads depends on the window and the
 * number of services, never on the history before the span.
 *
 * <p>The services whose episodes are read are those of the catalog, those the read tickets name and those the
 * alert store lists as having had episodes ({@link AlertRepository#servicesWithEpisodes}, one Query), except
 * {@code unknown}: so an alert-only service no ticket and no catalog entry names is evaluated too. SLA breaches and problem links are not read yet (docs/demand.md, "Not built yet").
 */
public final class DemandFactsReader {

    private static final String UNKNOWN_SERVICE = "unknown";

    private final TicketRepository tickets;
    private final AlertRepository alerts;
    private final ServiceCatalog catalog;
    private final Duration longestWindow;

    public DemandFactsReader(TicketRepository tickets, AlertRepository alerts, ServiceCatalog catalog,
                             DemandConfig config) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
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
        Instant from = spanStart(asOf);
        // findOpenedBetween is inclusive at both ends; windows end at asOf exclusive.
        Instant to = asOf.minusMillis(1);
        List<Ticket> read = new ArrayList<>();
        for (TicketKind kind : TicketKind.values()) {
            read.addAll(tickets.findOpenedBetween(kind, from, to));
        }
        SortedSet<String> services = new TreeSet<>(catalog.services());
        for (Ticket ticket : read) {
            if (ticket.service() != null && !ticket.service().isBlank()) {
                services.add(ticket.service());
            }
        }
        services.addAll(alerts.servicesWithEpisodes());
        services.remove(UNKNOWN_SERVICE);
        List<AlertEpisode> episodes = new ArrayList<>();
        for (String service : services) {
            episodes.addAll(alerts.episodesStartingBetween(service, from, to));
        }
        return new DemandInputs(asOf, read, episodes, List.of(), Map.of());
    }
}
