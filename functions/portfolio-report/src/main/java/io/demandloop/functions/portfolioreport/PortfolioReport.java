package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The portfolio report: incidents opened in the window, counted per service as of one instant. This is the
 * JSON document written as {@code portfolio.json} (schema in {@code docs/reports.md}); the HTML and CSV
 * renderings show the same numbers.
 *
 * <p>Every incident opened in the window is in exactly one of {@code open}, {@code resolved} and
 * {@code cancelled}, so {@code opened = open + resolved + cancelled}.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}; raised only when a field changes meaning or disappears
 * @param asOf          the instant the report describes
 * @param window        the window incidents were opened in
 * @param services      one entry per service with at least one incident opened in the window, sorted by
 *                      open desc, then opened desc, then service name
 * @param totals        the sums over all services
 */
@JsonPropertyOrder({"schemaVersion", "asOf", "window", "services", "totals"})
public record PortfolioReport(int schemaVersion, Instant asOf, Window window, List<ServiceSummary> services, Totals totals) {

    /** The version of the JSON schema this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Open first: that is what a portfolio manager acts on. The name last makes the order total. */
    static final Comparator<ServiceSummary> ORDER = Comparator
            .comparingInt((ServiceSummary s) -> s.incidents().open()).reversed()
            .thenComparing(Comparator.comparingInt((ServiceSummary s) -> s.incidents().opened()).reversed())
            .thenComparing(ServiceSummary::service);

    public PortfolioReport {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        services = List.copyOf(services);
        Objects.requireNonNull(totals, "totals");
    }

    /**
     * The window {@code [from, to]}, both inclusive.
     *
     * @param from {@code to} minus {@code days} days
     * @param to   the report's as-of instant
     * @param days the window's length in days
     */
    @JsonPropertyOrder({"from", "to", "days"})
    public record Window(Instant from, Instant to, int days) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** The window of {@code days} days ending at {@code asOf}. */
        public static Window endingAt(Instant asOf, int days) {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1, was " + days);
            }
            return new Window(asOf.minus(Duration.ofDays(days)), asOf, days);
        }

        /** Whether {@code instant} lies in the window, bounds included. */
        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }
    }

    /**
     * Incident counts of one service, or of all of them.
     *
     * @param opened    incidents opened in the window
     * @param open      of those, not resolved, closed or cancelled as of the as-of instant
     * @param resolved  of those, resolved or closed by the as-of instant
     * @param cancelled of those, cancelled by the as-of instant
     */
    @JsonPropertyOrder({"opened", "open", "resolved", "cancelled"})
    public record IncidentCounts(int opened, int open, int resolved, int cancelled) {
        static final IncidentCounts ZERO = new IncidentCounts(0, 0, 0, 0);

        IncidentCounts plus(IncidentCounts other) {
            return new IncidentCounts(opened + other.opened, open + other.open,
                    resolved + other.resolved, cancelled + other.cancelled);
        }
    }

    /** One service's line. */
    @JsonPropertyOrder({"service", "incidents"})
    public record ServiceSummary(String service, IncidentCounts incidents) {
        public ServiceSummary {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(incidents, "incidents");
        }
    }

    /**
     * Sums over all services.
     *
     * @param services  how many services had at least one incident opened in the window
     * @param incidents the incident counts summed over every service
     */
    @JsonPropertyOrder({"services", "incidents"})
    public record Totals(int services, IncidentCounts incidents) {
        public Totals {
            Objects.requireNonNull(incidents, "incidents");
        }
    }

    /**
     * Builds the report from the tickets the repository returned for the window. Tickets of another kind or
     * opened outside the window are ignored, so the result does not depend on how exactly the repository
     * bounds its read.
     */
    static PortfolioReport of(Window window, List<Ticket> tickets) {
        Map<String, int[]> countsByService = new HashMap<>();
        for (Ticket ticket : tickets) {
            if (ticket.kind() != TicketKind.INCIDENT || !window.contains(ticket.openedAt())) {
                continue;
            }
            int[] counts = countsByService.computeIfAbsent(serviceName(ticket), s -> new int[4]);
            counts[0]++;
            // State is the ticket's current state; whether it counts as finished is judged at asOf.
            if (!ticket.isFinishedAt(window.to())) {
                counts[1]++;
            } else if (ticket.state() == TicketState.CANCELLED) {
                counts[3]++;
            } else {
                counts[2]++;
            }
        }
        List<ServiceSummary> services = new ArrayList<>(countsByService.size());
        IncidentCounts total = IncidentCounts.ZERO;
        for (Map.Entry<String, int[]> entry : countsByService.entrySet()) {
            int[] c = entry.getValue();
            IncidentCounts counts = new IncidentCounts(c[0], c[1], c[2], c[3]);
            services.add(new ServiceSummary(entry.getKey(), counts));
            total = total.plus(counts);
        }
        services.sort(ORDER);
        return new PortfolioReport(SCHEMA_VERSION, window.to(), window, services, new Totals(services.size(), total));
    }

    private static String serviceName(Ticket ticket) {
        return ticket.service().isBlank() ? Ticket.UNKNOWN_SERVICE : ticket.service();
    }
}
