package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.Anchors;
import io.demandloop.functions.portfolioreport.model.DataQuality;
import io.demandloop.functions.portfolioreport.model.DemandEntry;
import io.demandloop.functions.portfolioreport.model.Headline;
import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import io.demandloop.functions.portfolioreport.model.SupportLoad;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.demand.CriterionResult;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.Measure;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.SlaOutcome;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.stats.KaplanMeier;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns {@link ReportInputs} into the {@link PortfolioReport}: no reads, no clock, every list in a total order, so
 * the same inputs give an equal report. Records dated after the as-of instant are left out where they carry a date
 * (tickets, demands first raised, outcomes measured), so the result does not depend on how exactly a read is bounded.
 */
public final class PortfolioReportAssembler {

    /** At most this many headline items of one kind; the rest are summed up in one more sentence. */
    static final int HEADLINE_PER_KIND = 10;

    private static final double HOURS = 3_600_000.0;

    private PortfolioReportAssembler() {
    }

    /** The report of the inputs. */
    public static PortfolioReport assemble(ReportInputs in) {
        PortfolioReport.Window window = in.window();
        Instant asOf = window.to();

        List<StoredDemand> demands = in.demands().stream()
                .filter(d -> !d.firstRaisedAt().isAfter(asOf))
                .sorted(DEMAND_ORDER)
                .toList();
        Map<String, List<String>> initiativesByDemand = new HashMap<>();
        for (Initiative initiative : in.initiatives()) {
            for (String demandId : initiative.demandIds()) {
                initiativesByDemand.computeIfAbsent(demandId, k -> new ArrayList<>()).add(initiative.id());
            }
        }
        List<DemandEntry> demandEntries = new ArrayList<>(demands.size());
        for (StoredDemand demand : demands) {
            demandEntries.add(demandEntry(demand, demandEntries.size() + 1, asOf,
                    initiativesByDemand.getOrDefault(demand.id(), List.of())));
        }
        List<PortfolioReport.TierCount> tierCounts = tierCounts(demands);

        List<InitiativeEntry> initiatives = initiatives(in, asOf, demands);
        ServiceHealth services = serviceHealth(in);
        SupportLoad capacity = in.capacity() == null ? null : SupportLoad.of(in.capacity(), in.flagShare());
        DataQuality dataQuality = dataQuality(in);
        Headline headline = headline(in.previousAsOf(), asOf, demandEntries, demands, in.outcomes(), capacity);

        boolean empty = in.incidents().stream().noneMatch(t -> window.contains(t.openedAt()))
                && in.requests().stream().noneMatch(t -> window.contains(t.openedAt()))
                && in.changes().stream().noneMatch(t -> window.contains(t.openedAt()))
                && demands.isEmpty() && initiatives.isEmpty()
                && services.services().stream().allMatch(s -> s.alerts().episodes() == 0);
        String summary = summary(empty, window, demands.size(), tierCounts, services, capacity);
        PortfolioReport.Provenance provenance = new PortfolioReport.Provenance(asOf, asOf, in.configHash(),
                PortfolioReport.SCHEMA_VERSION, in.previousAsOf());
        return new PortfolioReport(PortfolioReport.SCHEMA_VERSION, asOf, window, empty, summary, headline,
                demandEntries, tierCounts, initiatives, services, capacity, dataQuality, provenance);
    }

    /** Highest tier first, then score, WSJF, id: a total order. */
    static final Comparator<StoredDemand> DEMAND_ORDER = Comparator
            .comparing((StoredDemand d) -> d.record().tier()).reversed()
            .thenComparing(Comparator.comparingDouble((StoredDemand d) -> d.record().score()).reversed())
            .thenComparing(Comparator.comparingDouble((StoredDemand d) -> d.record().wsjf()).reversed())
            .thenComparing(StoredDemand::id);

    private static DemandEntry demandEntry(StoredDemand stored, int rank, Instant asOf, List<String> initiativeIds) {
        DemandRecord record = stored.record();
        List<DemandEntry.CriterionLine> criteria = new ArrayList<>();
        for (CriterionResult result : record.criteria()) {
            if (!result.met()) {
                continue;
            }
            List<DemandEntry.MeasureLine> measures = new ArrayList<>();
            for (Measure m : result.measures()) {
                measures.add(new DemandEntry.MeasureLine(m.name(), m.value(), m.comparator(), m.threshold(), m.met()));
            }
            criteria.add(new DemandEntry.CriterionLine(result.criterion().wireName(), result.criterion().label(), measures));
        }
        List<DemandEntry.EvidenceTicket> evidence = new ArrayList<>();
        if (record.evidence() != null) {
            for (DemandRecord.TicketRef ref : record.evidence().tickets()) {
                evidence.add(new DemandEntry.EvidenceTicket(ref.key(), ref.number(), ref.priority(), ref.openedAt(),
                        TicketLinks.browsable(ref.link())));
            }
        }
        return DemandEntry.builder()
                .id(stored.id())
                .rank(rank)
                .service(record.service())
                .pattern(record.pattern())
                .tier(record.tier().wireName())
                .previousTier(stored.previousTier() == null ? null : stored.previousTier().wireName())
                .score(record.score())
                .wsjf(record.wsjf())
                .criteria(criteria)
                .explanation(record.explanation())
                .status(new DemandEntry.Status(stored.status().wireName(), stored.statusBy(), stored.statusAt(),
                        stored.statusWhy()))
                .firstRaisedAt(stored.firstRaisedAt())
                .evaluatedAt(stored.evaluatedAt())
                .ageDays(Math.max(0, Duration.between(stored.firstRaisedAt(), asOf).toDays()))
                .evidence(evidence)
                .initiatives(initiativeIds.stream().sorted().distinct().toList())
                .build();
    }

    private static List<PortfolioReport.TierCount> tierCounts(List<StoredDemand> demands) {
        int[] counts = new int[DemandTier.values().length];
        for (StoredDemand demand : demands) {
            counts[demand.record().tier().ordinal()]++;
        }
        List<PortfolioReport.TierCount> tiers = new ArrayList<>();
        for (int i = counts.length - 1; i >= 0; i--) {
            tiers.add(new PortfolioReport.TierCount(DemandTier.values()[i].wireName(), counts[i]));
        }
        return tiers;
    }

    // ---------------------------------------------------------------- initiatives

    private static List<InitiativeEntry> initiatives(ReportInputs in, Instant asOf, List<StoredDemand> demands) {
        Set<String> listedDemands = new HashSet<>();
        demands.forEach(d -> listedDemands.add(d.id()));
        Map<String, Outcome> outcomes = new HashMap<>();
        for (Outcome outcome : in.outcomes()) {
            if (!outcome.measuredAt().isAfter(asOf)) {
                outcomes.put(outcome.initiativeId(), outcome);
            }
        }
        List<Initiative> shown = new ArrayList<>();
        for (Initiative initiative : in.initiatives()) {
            if (initiative.status() != InitiativeStatus.CANCELLED) {
                shown.add(initiative);
            }
        }
        // In flight first (by status, then id), then delivered, newest delivery first, then id.
        shown.sort(Comparator.comparing((Initiative i) -> i.status() == InitiativeStatus.DELIVERED)
                .thenComparing(i -> i.status() == InitiativeStatus.DELIVERED ? 0 : -i.status().ordinal())
                .thenComparing(i -> i.deliveredAt() == null ? Instant.MIN : i.deliveredAt(), Comparator.reverseOrder())
                .thenComparing(Initiative::id));
        List<InitiativeEntry> entries = new ArrayList<>(shown.size());
        Set<String> shownIds = new HashSet<>();
        shown.forEach(i -> shownIds.add(i.id()));
        for (Initiative initiative : shown) {
            List<InitiativeEntry.DemandLink> links = new ArrayList<>();
            for (String demandId : initiative.demandIds()) {
                links.add(new InitiativeEntry.DemandLink(demandId,
                        listedDemands.contains(demandId) ? Anchors.demand(demandId) : null));
            }
            Outcome outcome = outcomes.get(initiative.id());
            entries.add(new InitiativeEntry(Anchors.initiative(initiative.id()), initiative.id(), initiative.title(),
                    initiative.status().wireName(), initiative.services(), initiative.team(), initiative.link(),
                    initiative.deliveredAt(), links, outcome == null ? null : outcomeLine(outcome)));
        }
        // A measured outcome whose initiative is not stored (a `measure` run, an initiative since deleted) still shows,
        // as delivered, with the lineage the outcome itself keeps.
        List<Outcome> orphans = outcomes.values().stream().filter(o -> !shownIds.contains(o.initiativeId()))
                .sorted(Comparator.comparing(Outcome::deliveredAt, Comparator.reverseOrder())
                        .thenComparing(Outcome::initiativeId))
                .toList();
        for (Outcome outcome : orphans) {
            List<InitiativeEntry.DemandLink> links = new ArrayList<>();
            for (String demandId : outcome.demandIds()) {
                links.add(new InitiativeEntry.DemandLink(demandId,
                        listedDemands.contains(demandId) ? Anchors.demand(demandId) : null));
            }
            entries.add(new InitiativeEntry(Anchors.initiative(outcome.initiativeId()), outcome.initiativeId(),
                    outcome.title(), InitiativeStatus.DELIVERED.wireName(), outcome.services(), null, null,
                    outcome.deliveredAt(), links, outcomeLine(outcome)));
        }
        return entries;
    }

    static InitiativeEntry.OutcomeLine outcomeLine(Outcome outcome) {
        MetricOutcome primary = outcome.primary();
        List<InitiativeEntry.WeekPoint> weekly = new ArrayList<>();
        if (primary.weekly() != null) {
            for (MetricOutcome.WeekPoint point : primary.weekly()) {
                weekly.add(new InitiativeEntry.WeekPoint(point.weekStart(), point.value()));
            }
        }
        return new InitiativeEntry.OutcomeLine(primary.metric().wireName(), outcome.category(),
                primary.verdict().wireName(), primary.sentence(), primary.method(), outcome.measuredAt(),
                outcome.deliveredAt(), rate(primary.before()), rate(primary.after()), primary.change(),
                primary.daysRemaining(), weekly);
    }

    private static InitiativeEntry.Rate rate(MetricOutcome.WindowFigures figures) {
        return figures == null ? null : new InitiativeEntry.Rate(figures.from(), figures.to(), figures.count(),
                figures.ratePerWeek(), figures.median());
    }

    // ---------------------------------------------------------------- service health

    private static ServiceHealth serviceHealth(ReportInputs in) {
        PortfolioReport.Window window = in.window();
        Instant asOf = window.to();
        LocalDate trendFrom = trendFrom(asOf);
        Map<String, Acc> byService = new TreeMap<>();
        for (String service : in.catalog().services()) {
            byService.put(service, new Acc());
        }
        for (Ticket incident : in.incidents()) {
            if (incident.openedAt().isAfter(asOf)) {
                continue;
            }
            Acc acc = byService.computeIfAbsent(serviceName(incident), s -> new Acc());
            LocalDate day = LocalDate.ofInstant(incident.openedAt(), ZoneOffset.UTC);
            int week = (int) ChronoUnit.WEEKS.between(trendFrom, day);
            if (!day.isBefore(trendFrom) && week < ServiceHealth.TREND_WEEKS) {
                acc.trend[week]++;
            }
            if (window.contains(incident.openedAt())) {
                acc.incident(incident, asOf, in.slaStates().get(incident.key()));
            }
        }
        for (Ticket request : in.requests()) {
            if (window.contains(request.openedAt())) {
                byService.computeIfAbsent(serviceName(request), s -> new Acc()).requests++;
            }
        }
        for (Ticket change : in.changes()) {
            if (!window.contains(change.openedAt())) {
                continue;
            }
            Acc acc = byService.computeIfAbsent(serviceName(change), s -> new Acc());
            acc.changes++;
            ChangeOutcome outcome = change.change() == null ? null : change.change().outcome();
            if (outcome != null) {
                acc.changesWithOutcome++;
                if (outcome != ChangeOutcome.SUCCESSFUL) {
                    acc.failedChanges++;
                }
            }
        }
        for (Map.Entry<String, List<AlertEpisode>> entry : in.episodes().entrySet()) {
            for (AlertEpisode episode : entry.getValue()) {
                if (window.contains(episode.start())) {
                    Acc acc = byService.computeIfAbsent(entry.getKey(), s -> new Acc());
                    acc.episodes++;
                    if (episode.flapping()) {
                        acc.flapping++;
                    }
                }
            }
        }
        List<ServiceHealth.ServiceLine> lines = new ArrayList<>(byService.size());
        for (Map.Entry<String, Acc> entry : byService.entrySet()) {
            String service = entry.getKey();
            Acc acc = entry.getValue();
            List<ServiceHealth.WeekCount> trend = new ArrayList<>(ServiceHealth.TREND_WEEKS);
            for (int w = 0; w < ServiceHealth.TREND_WEEKS; w++) {
                trend.add(new ServiceHealth.WeekCount(trendFrom.plusWeeks(w), acc.trend[w]));
            }
            lines.add(ServiceHealth.ServiceLine.builder()
                    .service(service)
                    .tier(in.catalog().tierOf(service).wireName())
                    .team(in.catalog().teamOf(service).orElse(null))
                    .capability(in.catalog().capabilityOf(service).orElse(null))
                    .incidents(acc.incidents)
                    .incidentsP1P2(acc.major)
                    .openIncidents(acc.open)
                    .resolvedIncidents(acc.resolved)
                    .cancelledIncidents(acc.cancelled)
                    .resolution(acc.resolution())
                    .requests(acc.requests)
                    .changes(new ServiceHealth.ChangeFailure(acc.changes, acc.failedChanges,
                            acc.changesWithOutcome == 0 ? null : round(acc.failedChanges / (double) acc.changesWithOutcome, 4)))
                    .alerts(new ServiceHealth.AlertNoise(acc.episodes, acc.flapping))
                    .sla(new ServiceHealth.SlaPercent(acc.slaMet, acc.slaBreached, acc.slaInProgress,
                            acc.slaMet + acc.slaBreached == 0 ? null
                                    : round(100.0 * acc.slaMet / (acc.slaMet + acc.slaBreached), 1)))
                    .trend(trend)
                    .build());
        }
        lines.sort(Comparator.comparingInt(ServiceHealth.ServiceLine::openIncidents).reversed()
                .thenComparing(Comparator.comparingInt(ServiceHealth.ServiceLine::incidents).reversed())
                .thenComparing(ServiceHealth.ServiceLine::service));
        return new ServiceHealth(ServiceHealth.TREND_WEEKS, trendFrom, lines, slaCompliance(in));
    }

    /** The Monday that starts the first of the {@link ServiceHealth#TREND_WEEKS} weeks ending with as-of's week. */
    static LocalDate trendFrom(Instant asOf) {
        LocalDate monday = LocalDate.ofInstant(asOf, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.minusWeeks(ServiceHealth.TREND_WEEKS - 1L);
    }

    private static List<ServiceHealth.SlaCompliance> slaCompliance(ReportInputs in) {
        PortfolioReport.Window window = in.window();
        Map<String, Map<Integer, Map<SlaMetric, int[]>>> counts = new TreeMap<>();
        for (Ticket ticket : in.incidents()) {
            SlaState state = in.slaStates().get(ticket.key());
            if (state == null || !window.contains(ticket.openedAt())) {
                continue;
            }
            for (SlaMetric metric : SlaMetric.values()) {
                SlaOutcome outcome = state.outcome(metric, window.to());
                if (outcome == null || outcome == SlaOutcome.CANCELLED) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(serviceName(ticket), s -> new TreeMap<>())
                        .computeIfAbsent(ticket.priority(), p -> new TreeMap<>())
                        .computeIfAbsent(metric, m -> new int[3]);
                c[outcome == SlaOutcome.MET ? 0 : outcome == SlaOutcome.BREACHED ? 1 : 2]++;
            }
        }
        List<ServiceHealth.SlaCompliance> rows = new ArrayList<>();
        counts.forEach((service, byPriority) -> byPriority.forEach((priority, byMetric) -> byMetric.forEach((metric, c) ->
                rows.add(new ServiceHealth.SlaCompliance(service, priority, metric.wireName(), c[0], c[1], c[2])))));
        return rows;
    }

    /** One service's running counts. */
    private static final class Acc {
        int incidents;
        int major;
        int open;
        int resolved;
        int cancelled;
        final List<double[]> durations = new ArrayList<>();
        int requests;
        int changes;
        int changesWithOutcome;
        int failedChanges;
        int episodes;
        int flapping;
        int slaMet;
        int slaBreached;
        int slaInProgress;
        final int[] trend = new int[ServiceHealth.TREND_WEEKS];

        void incident(Ticket ticket, Instant asOf, SlaState sla) {
            incidents++;
            if (ticket.priority() <= 2) {
                major++;
            }
            boolean finished = ticket.isFinishedAt(asOf);
            if (!finished) {
                open++;
                durations.add(new double[] {hours(ticket.openedAt(), asOf), 0});
            } else if (ticket.state() == TicketState.CANCELLED || ticket.state() == TicketState.DELETED) {
                cancelled++;
            } else {
                resolved++;
                durations.add(new double[] {hours(ticket.openedAt(), ticket.finishedAt()), 1});
            }
            SlaOutcome outcome = sla == null ? null : sla.outcome(SlaMetric.RESOLUTION, asOf);
            if (outcome == null && ticket.signals() != null && ticket.signals().slaMet() != null) {
                // An imported ticket has no clock here: its source's own verdict counts.
                outcome = ticket.signals().slaMet() ? SlaOutcome.MET : SlaOutcome.BREACHED;
            }
            if (outcome == SlaOutcome.MET) {
                slaMet++;
            } else if (outcome == SlaOutcome.BREACHED) {
                slaBreached++;
            } else if (outcome == SlaOutcome.IN_PROGRESS) {
                slaInProgress++;
            }
        }

        ServiceHealth.ResolutionTime resolution() {
            if (durations.isEmpty()) {
                return new ServiceHealth.ResolutionTime(0, 0, null, null);
            }
            double[] times = new double[durations.size()];
            boolean[] events = new boolean[durations.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = durations.get(i)[0];
                events[i] = durations.get(i)[1] > 0;
            }
            KaplanMeier km = KaplanMeier.fit(times, events);
            return new ServiceHealth.ResolutionTime(resolved, open, hoursOf(km.quantile(0.5, 0.95)),
                    hoursOf(km.quantile(0.9, 0.95)));
        }

        private static Double hoursOf(IntervalEstimate estimate) {
            return estimate == null || estimate.estimate() == null ? null : round(estimate.estimate(), 2);
        }

        private static double hours(Instant from, Instant to) {
            return Math.max(0, to.toEpochMilli() - from.toEpochMilli()) / HOURS;
        }
    }

    // ---------------------------------------------------------------- data quality

    private static DataQuality dataQuality(ReportInputs in) {
        PortfolioReport.Window window = in.window();
        Instant asOf = window.to();
        int unknown = 0;
        Map<String, Instant> newest = new TreeMap<>();
        for (List<Ticket> tickets : List.of(in.incidents(), in.requests(), in.changes())) {
            for (Ticket ticket : tickets) {
                if (ticket.openedAt().isAfter(asOf)) {
                    continue;
                }
                if (window.contains(ticket.openedAt()) && Ticket.UNKNOWN_SERVICE.equals(serviceName(ticket))) {
                    unknown++;
                }
                Instant seen = ticket.sourceUpdatedAt() != null && !ticket.sourceUpdatedAt().isAfter(asOf)
                        ? ticket.sourceUpdatedAt() : ticket.openedAt();
                newest.merge(ticket.source(), seen, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        // Monitoring tools: the episodes the report already read, each by its first alert's source (the alert key is
        // <source>#<alertId>) and its last alert's start. A tool whose alerts only join episodes another tool opened
        // is not seen here.
        for (List<AlertEpisode> episodes : in.episodes().values()) {
            for (AlertEpisode episode : episodes) {
                int hash = episode.firstAlert().indexOf('#');
                if (hash <= 0 || episode.lastStart().isAfter(asOf)) {
                    continue;
                }
                newest.merge(episode.firstAlert().substring(0, hash), episode.lastStart(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<DataQuality.SourceFreshness> sources = new ArrayList<>();
        newest.forEach((source, at) -> sources.add(new DataQuality.SourceFreshness(source, at,
                Duration.between(at, asOf).toDays())));
        sources.sort(Comparator.comparing(DataQuality.SourceFreshness::newest)
                .thenComparing(DataQuality.SourceFreshness::source));
        return new DataQuality(in.refusals(), in.deadLetters(), unknown, sources);
    }

    // ---------------------------------------------------------------- headline and summary

    private static Headline headline(Instant since, Instant asOf, List<DemandEntry> entries, List<StoredDemand> demands,
                                     List<Outcome> outcomes, SupportLoad capacity) {
        List<Headline.Item> items = new ArrayList<>();
        List<Headline.Item> fresh = new ArrayList<>();
        List<Headline.Item> retiered = new ArrayList<>();
        for (int i = 0; i < demands.size(); i++) {
            StoredDemand demand = demands.get(i);
            DemandEntry entry = entries.get(i);
            DemandTier tier = demand.record().tier();
            if (tier == DemandTier.STAY_IN_SERVICE_MANAGEMENT) {
                continue; // recorded, not escalated: nothing to decide
            }
            boolean isNew = since == null || demand.firstRaisedAt().isAfter(since);
            if (isNew) {
                fresh.add(new Headline.Item(Headline.Kind.NEW_DEMAND, "New demand for " + demand.record().service() + ": "
                        + describe(demand.record().pattern()) + ", " + label(tier) + " (score "
                        + Measure.format(demand.record().score()) + ").", entry.anchor()));
            } else if (demand.previousTier() != null && demand.previousTier() != tier
                    && demand.evaluatedAt().isAfter(since) && !demand.evaluatedAt().isAfter(asOf)) {
                retiered.add(new Headline.Item(Headline.Kind.RE_TIERED_DEMAND, "Demand for " + demand.record().service()
                        + " (" + describe(demand.record().pattern()) + ") moved from " + label(demand.previousTier())
                        + " to " + label(tier) + " (score " + Measure.format(demand.record().score()) + ").",
                        entry.anchor()));
            }
        }
        addCapped(items, fresh, "new demands");
        addCapped(items, retiered, "re-tiered demands");
        List<Outcome> measured = outcomes.stream()
                .filter(o -> !o.measuredAt().isAfter(asOf) && o.verdict() != Verdict.TOO_EARLY)
                .filter(o -> since == null || decidedAt(o).isAfter(since))
                .sorted(Comparator.comparing(Outcome::initiativeId))
                .toList();
        List<Headline.Item> outcomeItems = new ArrayList<>();
        for (Outcome outcome : measured) {
            outcomeItems.add(new Headline.Item(Headline.Kind.OUTCOME_MEASURED, "Outcome of " + outcome.title() + ": "
                    + outcome.verdict().wireName().replace('-', ' ') + ". " + outcome.sentence(),
                    Anchors.initiative(outcome.initiativeId())));
        }
        addCapped(items, outcomeItems, "outcomes measured");
        if (capacity != null) {
            List<Headline.Item> teams = new ArrayList<>();
            for (SupportLoad.TeamSupport team : capacity.teams()) {
                if (team.flagged()) {
                    teams.add(new Headline.Item(Headline.Kind.TEAM_OVER_FLAG, "Team " + team.team() + " spends "
                            + percent(team.share()) + " of its capacity in support work (" + Measure.format(team.hoursPerWeek().total())
                            + " of " + Measure.format(team.capacityHoursPerWeek()) + " hours a week), at or above the flag of "
                            + percent(capacity.flagShare()) + ".", team.anchor()));
                }
            }
            addCapped(items, teams, "teams over the flag");
        }
        return new Headline(since, items);
    }

    /** When an outcome's after window is complete: the verdict is final from then on. */
    private static Instant decidedAt(Outcome outcome) {
        if (outcome.windows() == null || outcome.deliveredAt() == null) {
            return outcome.measuredAt();
        }
        return outcome.deliveredAt().plus(Duration.ofDays(
                (long) outcome.windows().settleDays() + outcome.windows().afterDays()));
    }

    private static void addCapped(List<Headline.Item> items, List<Headline.Item> kind, String what) {
        int shown = Math.min(HEADLINE_PER_KIND, kind.size());
        items.addAll(kind.subList(0, shown));
        if (kind.size() > shown) {
            Headline.Item last = kind.get(shown);
            items.add(new Headline.Item(last.kind(), "And " + (kind.size() - shown) + " more " + what
                    + " further down.", last.anchor()));
        }
    }

    private static String summary(boolean empty, PortfolioReport.Window window, int demands,
                                  List<PortfolioReport.TierCount> tiers, ServiceHealth services, SupportLoad capacity) {
        String span = plural(window.days(), "day") + " to " + LocalDate.ofInstant(window.to(), ZoneOffset.UTC);
        if (empty) {
            return "No data for the " + span + ": no ticket, alert episode, demand or initiative was stored, so there "
                    + "is nothing to decide.";
        }
        int incidents = 0;
        int withIncidents = 0;
        for (ServiceHealth.ServiceLine line : services.services()) {
            incidents += line.incidents();
            withIncidents += line.incidents() > 0 ? 1 : 0;
        }
        StringBuilder text = new StringBuilder().append(plural(demands, "demand"));
        List<String> parts = new ArrayList<>();
        for (PortfolioReport.TierCount tier : tiers) {
            if (tier.count() > 0) {
                parts.add(tier.count() + " " + tier.tier().replace('-', ' '));
            }
        }
        if (!parts.isEmpty()) {
            text.append(" (").append(String.join(", ", parts)).append(')');
        }
        text.append("; ").append(plural(incidents, "incident")).append(" across ").append(plural(withIncidents, "service"))
                .append(" in the ").append(span);
        if (capacity != null) {
            text.append("; ").append(capacity.flaggedTeams()).append(" of ").append(plural(capacity.teams().size(), "team"))
                    .append(" at or above the support-load flag");
        }
        return text.append('.').toString();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String label(DemandTier tier) {
        return tier.wireName().replace('-', ' ');
    }

    /** {@code recurring-incidents#category:network} reads "recurring incidents (category: network)". */
    static String describe(String pattern) {
        int hash = pattern.indexOf('#');
        String kind = (hash < 0 ? pattern : pattern.substring(0, hash)).replace('-', ' ');
        if (hash < 0) {
            return kind;
        }
        return kind + " (" + pattern.substring(hash + 1).replaceFirst(":", ": ") + ")";
    }

    private static String percent(Double share) {
        return share == null ? "an unknown share" : BigDecimal.valueOf(share * 100).setScale(0, RoundingMode.HALF_UP)
                .toPlainString() + " %";
    }

    static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static String serviceName(Ticket ticket) {
        return ticket.service().isBlank() ? Ticket.UNKNOWN_SERVICE : ticket.service();
    }
}
