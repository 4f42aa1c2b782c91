package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.report.ReportStore;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the portfolio report as of one instant and writes it as JSON, HTML and CSV, twice: under
 * {@code reports/<yyyy-MM-dd>/} (the as-of date, UTC) and under {@code reports/latest/}; then announces it
 * on the bus.
 *
 * <p>The report depends only on what is stored (tickets, SLA states, the newest capacity snapshot at or before
 * {@code asOf}) and {@code asOf}: no wall-clock time, stable ordering. A re-run for the same instant (a scheduler
 * retry, a replay) therefore writes the same bytes and is safe.
 */
public final class PortfolioReportService {

    static final String REPORTS_PREFIX = "reports/";
    static final String LATEST_PREFIX = REPORTS_PREFIX + "latest/";
    /** The share of capacity flagged when none is configured (the tests' constructors): half of it. */
    static final double DEFAULT_FLAG_SHARE = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioReportService.class);

    private final TicketRepository tickets;
    private final SlaRepository slaStates;
    private final String slaPolicyVersion;
    private final DemandRepository capacity;
    private final io.demandloop.shared.outcome.OutcomeRepository outcomes;
    private final double flagShare;
    private final ReportStore reports;
    private final EventPublisher events;
    private final int windowDays;
    private final List<ReportRenderer> renderers = List.of(new JsonReportRenderer(), new HtmlReportRenderer(),
            new CsvReportRenderer(), new SlaCsvReportRenderer(), new CapacityCsvReportRenderer());

    /** A report without SLA compliance (no SLA table) and without capacity snapshots. */
    public PortfolioReportService(TicketRepository tickets, ReportStore reports, EventPublisher events, int windowDays) {
        this(tickets, null, null, reports, events, windowDays);
    }

    /** A report without capacity snapshots. */
    public PortfolioReportService(TicketRepository tickets, SlaRepository slaStates, String slaPolicyVersion,
                                  ReportStore reports, EventPublisher events, int windowDays) {
        this(tickets, slaStates, slaPolicyVersion, null, DEFAULT_FLAG_SHARE, reports, events, windowDays);
    }

    /**
     * @param slaStates        where the SLA states are kept; null for a report without SLA compliance
     * @param slaPolicyVersion the policy version whose states are reported
     * @param capacity         where the capacity snapshots are kept; null for a report that says it has none
     * @param flagShare        the share of capacity at or above which a team's support load is flagged
     */
    public PortfolioReportService(TicketRepository tickets, SlaRepository slaStates, String slaPolicyVersion,
                                  DemandRepository capacity, double flagShare, ReportStore reports,
                                  EventPublisher events, int windowDays) {
        this(tickets, slaStates, slaPolicyVersion, capacity, flagShare, null, reports, events, windowDays);
    }

    /**
     * @param outcomes where the measured outcomes are kept; null for a report without them
     * @see #PortfolioReportService(TicketRepository, SlaRepository, String, DemandRepository, double, ReportStore,
     *      EventPublisher, int)
     */
    public PortfolioReportService(TicketRepository tickets, SlaRepository slaStates, String slaPolicyVersion,
                                  DemandRepository capacity, double flagShare,
                                  io.demandloop.shared.outcome.OutcomeRepository outcomes, ReportStore reports,
                                  EventPublisher events, int windowDays) {
        this.capacity = capacity;
        this.outcomes = outcomes;
        if (!(flagShare > 0)) {
            throw new IllegalArgumentException("flagShare must be above 0, was " + flagShare);
        }
        this.flagShare = flagShare;
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.slaStates = slaStates;
        this.slaPolicyVersion = slaPolicyVersion;
        if (slaStates != null) {
            Objects.requireNonNull(slaPolicyVersion, "slaPolicyVersion");
        }
        this.reports = Objects.requireNonNull(reports, "reports");
        this.events = Objects.requireNonNull(events, "events");
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be at least 1, was " + windowDays);
        }
        this.windowDays = windowDays;
    }

    /**
     * Writes the report for the window {@code [asOf - windowDays days, asOf]} and publishes
     * "Portfolio Report Published".
     *
     * @return the as-of instant and the keys written
     */
    public PublishedReport publish(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        PortfolioReport.Window window = PortfolioReport.Window.endingAt(asOf, windowDays);
        List<Ticket> incidents = tickets.findOpenedBetween(TicketKind.INCIDENT, window.from(), window.to());
        // One BatchGetItem per 100 incidents of the window: the cost follows the window, like the ticket read.
        Map<String, SlaState> states = slaStates == null ? Map.of()
                : slaStates.findStates(slaPolicyVersion, incidents.stream().map(Ticket::key).toList());
        // One Query: the newest snapshot at or before asOf, whatever how many nights are kept.
        PortfolioReport.SupportLoad load = capacity == null ? null : capacity.latestCapacity(asOf)
                .map(snapshot -> PortfolioReport.SupportLoad.of(snapshot, flagShare)).orElse(null);
        // One Query: the current outcome of every measured initiative.
        List<PortfolioReport.OutcomeSummary> measured = outcomes == null ? List.of() : outcomes.findAll().stream()
                .map(stored -> PortfolioReport.OutcomeSummary.of(stored.outcome())).toList();
        PortfolioReport report = PortfolioReport.of(window, incidents, states, load).withOutcomes(measured);

        List<byte[]> bodies = new ArrayList<>(renderers.size());
        for (ReportRenderer renderer : renderers) {
            bodies.add(renderer.render(report));
        }
        // Dated copy first: reports/latest/ never names a report whose dated copy is missing.
        List<String> keys = new ArrayList<>(2 * renderers.size());
        for (String prefix : List.of(datedPrefix(asOf), LATEST_PREFIX)) {
            for (int i = 0; i < renderers.size(); i++) {
                ReportRenderer renderer = renderers.get(i);
                String key = prefix + renderer.fileName();
                reports.put(key, bodies.get(i), renderer.contentType());
                keys.add(key);
            }
        }

        PublishedReport published = new PublishedReport(asOf, keys);
        events.publish(List.of(new BusEvent(EventNames.REPORT_SOURCE, EventNames.REPORT_PUBLISHED, toJson(published))));
        PortfolioReport.IncidentCounts totals = report.totals().incidents();
        LOG.info("Portfolio report as of {} ({} days): {} incidents opened across {} services, {} still open; {}; wrote {}",
                asOf, windowDays, totals.opened(), report.totals().services(), totals.open(),
                load == null ? "no capacity snapshot" : "capacity snapshot as of " + load.asOf() + ", "
                        + load.flaggedTeams() + " of " + load.teams().size() + " teams flagged", keys);
        return published;
    }

    /** {@code reports/<yyyy-MM-dd>/} for the UTC date of {@code asOf}. */
    static String datedPrefix(Instant asOf) {
        return REPORTS_PREFIX + LocalDate.ofInstant(asOf, ZoneOffset.UTC) + "/";
    }

    static String toJson(PublishedReport published) {
        try {
            return Json.mapper().writeValueAsString(published);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the report summary could not be written as JSON", e);
        }
    }
}
