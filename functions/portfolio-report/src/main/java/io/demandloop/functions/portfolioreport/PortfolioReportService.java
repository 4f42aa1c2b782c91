package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.functions.portfolioreport.model.DataQuality;
import io.demandloop.functions.portfolioreport.model.Headline;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeRepository;
import io.demandloop.shared.quality.DeadLetterQueues;
import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import io.demandloop.shared.report.ReportLinker;
import io.demandloop.shared.report.ReportStore;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the portfolio report as of one instant, writes it as JSON, HTML and CSV twice: under
 * {@code reports/YYYY/MM/DD/} (the as-of date, UTC) and under {@code reports/latest/}; then adds it to the history
 * ({@code reports/index.json}, {@code reports/index.html}) and announces it on the bus.
 *
 * <p>Reads by Query, GetItem and BatchGetItem only, each bounded by the report's windows (docs/reports.md#reads): the
 * incidents of the trend's 26 weeks, the requests and changes of the window, the SLA states of the window's incidents,
 * the demands by tier, the initiatives and outcomes, the newest capacity snapshot, the alert episodes of the services
 * that have any, the refusal counters of the window's days, and the history's manifest (one GET). Everything is read
 * before anything is computed, as the nightly evaluation does.
 *
 * <p>The report depends only on what is stored and {@code asOf}: no wall-clock time in it, stable ordering. A re-run for
 * the same instant (a scheduler retry, a replay) therefore writes the same bytes; the manifest's entry for that date is
 * replaced, not added. Only the presigned links in the result depend on the clock.
 */
public final class PortfolioReportService {

    static final String REPORTS_PREFIX = "reports/";
    static final String LATEST_PREFIX = REPORTS_PREFIX + "latest/";
    static final String INDEX_JSON = REPORTS_PREFIX + "index.json";
    static final String INDEX_HTML = REPORTS_PREFIX + "index.html";
    /** The share of capacity flagged when none is configured (the tests' services): half of it. */
    static final double DEFAULT_FLAG_SHARE = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioReportService.class);

    private final Builder settings;
    private final String configHash;
    /** The renderers, each stateless; the order the files are written in. */
    private static final List<ReportRenderer> RENDERERS = List.of(new JsonReportRenderer(), new HtmlReportRenderer(),
            new DemandsCsvReportRenderer(), new InitiativesCsvReportRenderer(), new CsvReportRenderer(),
            new SlaCsvReportRenderer(), new CapacityCsvReportRenderer(), new DataQualityCsvReportRenderer());

    private PortfolioReportService(Builder settings) {
        this.settings = settings;
        this.configHash = configHash(settings);
    }

    /** A builder over the three ports every report needs; the others are optional (a report then lacks that part). */
    public static Builder builder(TicketRepository tickets, ReportStore reports, EventPublisher events) {
        return new Builder(tickets, reports, events);
    }

    /** The window's length in days. */
    public int windowDays() {
        return settings.windowDays;
    }

    /**
     * Writes the report for the window {@code [asOf - windowDays days, asOf]}, adds it to the history and publishes
     * "Portfolio Report Published".
     *
     * @return the as-of instant, the keys written and, when a linker is configured, presigned links to the dated copies
     */
    public PublishedReport publish(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        ReportIndex index = readIndex();
        Instant previous = index.previousBefore(asOf).map(ReportIndex.Entry::asOf).orElse(null);
        PortfolioReport report = PortfolioReportAssembler.assemble(read(asOf, previous));

        String dated = datedPrefix(asOf);
        List<String> keys = new ArrayList<>(2 * RENDERERS.size() + 2);
        List<byte[]> bodies = new ArrayList<>(render(report).values());
        // Dated copy first: reports/latest/ and the index never name a report whose dated copy is missing.
        for (String prefix : List.of(dated, LATEST_PREFIX)) {
            for (int i = 0; i < RENDERERS.size(); i++) {
                ReportRenderer renderer = RENDERERS.get(i);
                String key = prefix + renderer.fileName();
                settings.reports.put(key, bodies.get(i), renderer.contentType());
                keys.add(key);
            }
        }
        ReportIndex updated = withEntry(index, report);
        settings.reports.put(INDEX_JSON, ReportIndexRenderer.json(updated), "application/json");
        settings.reports.put(INDEX_HTML, ReportIndexRenderer.html(updated), "text/html; charset=utf-8");
        keys.add(INDEX_JSON);
        keys.add(INDEX_HTML);

        PublishedReport published = new PublishedReport(asOf, keys, settings.linker == null ? List.of()
                : links(dated, settings.linkExpiry));
        announce(published);
        LOG.info("Portfolio report as of {} ({} days): {}; previous report {}; wrote {}", asOf, settings.windowDays,
                report.summary(), previous, keys);
        return published;
    }

    /**
     * The report as of {@code asOf}, read and assembled as {@link #publish} does, written nowhere; the previous report
     * comes from the history's manifest.
     */
    public PortfolioReport report(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Instant previous = readIndex().previousBefore(asOf).map(ReportIndex.Entry::asOf).orElse(null);
        return PortfolioReportAssembler.assemble(read(asOf, previous));
    }

    /** Every file of a report by its name ({@code portfolio.json}, ...), in the order they are written. */
    public static Map<String, byte[]> render(PortfolioReport report) {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (ReportRenderer renderer : RENDERERS) {
            files.put(renderer.fileName(), renderer.render(report));
        }
        return files;
    }

    /**
     * Presigned links to the files of the report of {@code date}'s folder (or {@code reports/latest/} when
     * {@code date} is null), valid for {@code expiry}.
     *
     * @throws IllegalStateException    when no linker is configured
     * @throws IllegalArgumentException when the expiry is not positive or longer than seven days
     */
    public List<PublishedReport.ReportLink> links(LocalDate date, Duration expiry) {
        return links(date == null ? LATEST_PREFIX : datedPrefix(date), expiry);
    }

    private List<PublishedReport.ReportLink> links(String prefix, Duration expiry) {
        if (settings.linker == null) {
            throw new IllegalStateException("no report linker is configured");
        }
        ReportLinker.checkExpiry(expiry);
        Instant now = settings.clock.instant();
        List<PublishedReport.ReportLink> links = new ArrayList<>(RENDERERS.size());
        for (ReportRenderer renderer : RENDERERS) {
            String key = prefix + renderer.fileName();
            links.add(new PublishedReport.ReportLink(key, settings.linker.link(key, expiry, now).toString(),
                    now.plus(expiry)));
        }
        return links;
    }

    /** Reads everything the report needs, flat, before anything is computed. */
    ReportInputs read(Instant asOf, Instant previousAsOf) {
        PortfolioReport.Window window = PortfolioReport.Window.endingAt(asOf, settings.windowDays);
        Instant trendStart = PortfolioReportAssembler.trendFrom(asOf).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant incidentsFrom = trendStart.isBefore(window.from()) ? trendStart : window.from();
        TicketRepository tickets = settings.tickets;
        List<Ticket> incidents = tickets.findOpenedBetween(TicketKind.INCIDENT, incidentsFrom, asOf);
        List<Ticket> requests = tickets.findOpenedBetween(TicketKind.REQUEST, window.from(), asOf);
        List<Ticket> changes = tickets.findOpenedBetween(TicketKind.CHANGE, window.from(), asOf);
        // One BatchGetItem per 100 incidents of the window: the cost follows the window, like the ticket read.
        Map<String, SlaState> states = settings.slaStates == null ? Map.of()
                : settings.slaStates.findStates(settings.slaPolicyVersion, incidents.stream()
                        .filter(t -> window.contains(t.openedAt())).map(Ticket::key).toList());
        List<StoredDemand> demands = new ArrayList<>();
        CapacitySnapshot capacity = null;
        if (settings.demands != null) {
            for (DemandTier tier : DemandTier.values()) {
                demands.addAll(settings.demands.findByTier(tier)); // one Query per tier
            }
            capacity = settings.demands.latestCapacity(asOf).orElse(null);
        }
        List<Initiative> initiatives = settings.initiatives == null ? List.of() : settings.initiatives.findAll();
        List<Outcome> outcomes = settings.outcomes == null ? List.of()
                : settings.outcomes.findAll().stream().map(stored -> stored.outcome()).toList();
        Map<String, List<AlertEpisode>> episodes = new TreeMap<>();
        if (settings.alerts != null) {
            // One Query for the services that have episodes at all, then one per such service over the window.
            for (String service : settings.alerts.servicesWithEpisodes()) {
                List<AlertEpisode> found = settings.alerts.episodesStartingBetween(service, window.from(), asOf);
                if (!found.isEmpty()) {
                    episodes.put(service, found);
                }
            }
        }
        DataQuality.Refusals refusals = refusals(window, asOf);
        DataQuality.DeadLetters deadLetters = deadLetters();
        return ReportInputs.builder(window)
                .incidents(incidents).requests(requests).changes(changes).slaStates(states)
                .demands(demands).initiatives(initiatives).outcomes(outcomes)
                .capacity(capacity).flagShare(settings.flagShare)
                .episodes(episodes).refusals(refusals).deadLetters(deadLetters)
                .catalog(settings.catalog).configHash(configHash).previousAsOf(previousAsOf)
                .build();
    }

    /** The window's refusal counters summed over its days, per source and reason, by source then reason. */
    private DataQuality.Refusals refusals(PortfolioReport.Window window, Instant asOf) {
        if (settings.refusals == null) {
            return DataQuality.Refusals.notAvailable();
        }
        Map<String, Map<String, Long>> summed = new TreeMap<>();
        for (RefusalCount count : settings.refusals.countsBetween(LocalDate.ofInstant(window.from(), ZoneOffset.UTC),
                LocalDate.ofInstant(asOf, ZoneOffset.UTC))) {
            summed.computeIfAbsent(count.source(), k -> new TreeMap<>()).merge(count.reason(), count.count(), Long::sum);
        }
        List<DataQuality.RefusalCount> counts = new ArrayList<>();
        summed.forEach((source, reasons) -> reasons.forEach((reason, n) ->
                counts.add(new DataQuality.RefusalCount(source, reason, n))));
        return DataQuality.Refusals.of(counts);
    }

    private DataQuality.DeadLetters deadLetters() {
        if (settings.deadLetters == null) {
            return DataQuality.DeadLetters.notAvailable();
        }
        List<DeadLetterQueues.Depth> depths;
        try {
            depths = settings.deadLetters.depths();
        } catch (RuntimeException e) {
            // The report is still worth writing; the section says the depth could not be read.
            LOG.warn("Dead-letter queue depths could not be read", e);
            return DataQuality.DeadLetters.notAvailable();
        }
        if (depths.isEmpty()) {
            return DataQuality.DeadLetters.notAvailable();
        }
        List<DataQuality.QueueDepth> queues = depths.stream()
                .map(d -> new DataQuality.QueueDepth(d.queue(), d.messages()))
                .sorted(Comparator.comparing(DataQuality.QueueDepth::queue))
                .toList();
        return new DataQuality.DeadLetters(true, queues);
    }

    private ReportIndex readIndex() {
        return settings.reports.get(INDEX_JSON).map(ReportIndexRenderer::parse).orElseGet(ReportIndex::empty);
    }

    /** The index with this report's entry, replacing the entry of the same date; newest first. */
    static ReportIndex withEntry(ReportIndex index, PortfolioReport report) {
        LocalDate date = LocalDate.ofInstant(report.asOf(), ZoneOffset.UTC);
        List<ReportIndex.Entry> entries = new ArrayList<>();
        for (ReportIndex.Entry entry : index.reports()) {
            if (!entry.date().equals(date)) {
                entries.add(entry);
            }
        }
        entries.add(new ReportIndex.Entry(date, report.asOf(), datedPrefix(report.asOf()).substring(REPORTS_PREFIX.length()),
                report.summary(), report.headline().items().stream().map(Headline.Item::sentence).toList(),
                report.tierCounts()));
        entries.sort(Comparator.comparing(ReportIndex.Entry::date).reversed());
        return new ReportIndex(PortfolioReport.SCHEMA_VERSION, entries);
    }

    /** {@code reports/YYYY/MM/DD/} for the UTC date of {@code asOf}. */
    static String datedPrefix(Instant asOf) {
        return datedPrefix(LocalDate.ofInstant(asOf, ZoneOffset.UTC));
    }

    static String datedPrefix(LocalDate date) {
        return String.format("%s%04d/%02d/%02d/", REPORTS_PREFIX, date.getYear(), date.getMonthValue(),
                date.getDayOfMonth());
    }

    /** The configuration's hash: the window, flag share, SLA policy version and service catalog, canonical JSON. */
    private static String configHash(Builder settings) {
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("windowDays", settings.windowDays);
        config.put("flagShare", settings.flagShare);
        config.put("slaPolicyVersion", settings.slaPolicyVersion);
        config.set("services", Json.mapper().valueToTree(settings.catalog));
        try {
            byte[] canonical = Json.mapper().writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(config);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical), 0, 8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the configuration could not be written as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    static String toJson(PublishedReport published) {
        try {
            return Json.mapper().writeValueAsString(published);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the report summary could not be written as JSON", e);
        }
    }

    /** Announces a report; its links are left out of the event (anyone who reads the bus would hold them). */
    private void announce(PublishedReport published) {
        PublishedReport announced = new PublishedReport(published.asOf(), published.keys());
        settings.events.publish(List.of(new BusEvent(EventNames.REPORT_SOURCE, EventNames.REPORT_PUBLISHED,
                toJson(announced))));
    }

    /** Builds a {@link PortfolioReportService}. */
    public static final class Builder {
        private final TicketRepository tickets;
        private final ReportStore reports;
        private final EventPublisher events;
        private int windowDays = 30;
        private SlaRepository slaStates;
        private String slaPolicyVersion;
        private DemandRepository demands;
        private double flagShare = DEFAULT_FLAG_SHARE;
        private OutcomeRepository outcomes;
        private InitiativeRepository initiatives;
        private AlertRepository alerts;
        private RefusalLog refusals;
        private DeadLetterQueues deadLetters;
        private ServiceCatalog catalog = new ServiceCatalog(null, null, null, null);
        private ReportLinker linker;
        private Duration linkExpiry = ReportLinker.MAX_EXPIRY;
        private Clock clock = Clock.systemUTC();

        private Builder(TicketRepository tickets, ReportStore reports, EventPublisher events) {
            this.tickets = Objects.requireNonNull(tickets, "tickets");
            this.reports = Objects.requireNonNull(reports, "reports");
            this.events = Objects.requireNonNull(events, "events");
        }

        /** The window's length in days (at least 1). */
        public Builder windowDays(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("windowDays must be at least 1, was " + value);
            }
            this.windowDays = value;
            return this;
        }

        /** The SLA states of one policy version, for the compliance figures. */
        public Builder sla(SlaRepository states, String policyVersion) {
            this.slaStates = Objects.requireNonNull(states, "states");
            this.slaPolicyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
            return this;
        }

        /** The demands and capacity snapshots, and the share of capacity at or above which a team is flagged. */
        public Builder demands(DemandRepository value, double flagShareOfCapacity) {
            if (!(flagShareOfCapacity > 0)) {
                throw new IllegalArgumentException("flagShare must be above 0, was " + flagShareOfCapacity);
            }
            this.demands = Objects.requireNonNull(value, "demands");
            this.flagShare = flagShareOfCapacity;
            return this;
        }

        public Builder outcomes(OutcomeRepository value) { this.outcomes = value; return this; }
        public Builder initiatives(InitiativeRepository value) { this.initiatives = value; return this; }
        public Builder alerts(AlertRepository value) { this.alerts = value; return this; }
        public Builder refusals(RefusalLog value) { this.refusals = value; return this; }
        public Builder deadLetters(DeadLetterQueues value) { this.deadLetters = value; return this; }

        /** The service catalog: tier, team and capability of each service. */
        public Builder catalog(ServiceCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /** Presigned links in each result, valid for {@code expiry} (at most seven days), timed by {@code clock}. */
        public Builder links(ReportLinker value, Duration expiry, Clock linkClock) {
            this.linker = Objects.requireNonNull(value, "linker");
            this.linkExpiry = ReportLinker.checkExpiry(expiry);
            this.clock = Objects.requireNonNull(linkClock, "clock");
            return this;
        }

        public PortfolioReportService build() {
            return new PortfolioReportService(this);
        }
    }
}
