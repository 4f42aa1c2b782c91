package io.demandloop.functions.portfolioreport.html;

import io.demandloop.functions.portfolioreport.model.Anchors;
import io.demandloop.functions.portfolioreport.model.DataQuality;
import io.demandloop.functions.portfolioreport.model.DemandEntry;
import io.demandloop.functions.portfolioreport.model.Headline;
import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import io.demandloop.functions.portfolioreport.model.SupportLoad;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.stats.IntervalEstimate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Report models for the HTML tests: a rich one whose every text passes through a function (so a test
 * can put a hostile string in every text field at once), one sized by counts, and an empty one.
 */
public final class ReportFixtures {

    public static final Instant AS_OF = Instant.parse("2026-12-07T05:30:00Z");
    public static final String[] TIERS = {"portfolio-review", "initiative", "process-improvement", "stay-in-service-management"};

    private ReportFixtures() {
    }

    /** A report with something in every section; every text is {@code text.apply(plain)}. */
    public static PortfolioReport rich(UnaryOperator<String> text) {
        return sized(text, 3, 2, 2, 2);
    }

    /** The rich report with plain texts. */
    public static PortfolioReport rich() {
        return rich(UnaryOperator.identity());
    }

    /**
     * A report with {@code services} services (26-week trends), {@code demands} demands (three evidence tickets each),
     * {@code initiatives} delivered and measured initiatives (52 weekly points each) and {@code teams} teams.
     */
    public static PortfolioReport sized(UnaryOperator<String> text, int services, int demands, int initiatives, int teams) {
        LocalDate trendFrom = LocalDate.of(2026, 6, 8);
        List<ServiceHealth.ServiceLine> lines = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            List<ServiceHealth.WeekCount> trend = new ArrayList<>();
            for (int w = 0; w < ServiceHealth.TREND_WEEKS; w++) {
                trend.add(new ServiceHealth.WeekCount(trendFrom.plusWeeks(w), (s + w * 7) % 9));
            }
            lines.add(ServiceHealth.ServiceLine.builder()
                    .service(text.apply("service-" + s)).tier(text.apply("tier-1")).team(text.apply("team-" + s % Math.max(1, teams)))
                    .capability(text.apply("payments")).incidents(12 + s).incidentsP1P2(3).openIncidents(2).resolvedIncidents(9 + s)
                    .cancelledIncidents(1).resolution(new ServiceHealth.ResolutionTime(9, 2, 4.5, 30.25)).requests(40)
                    .changes(new ServiceHealth.ChangeFailure(10, 2, 0.2)).alerts(new ServiceHealth.AlertNoise(5, 1))
                    .sla(new ServiceHealth.SlaPercent(8, 2, 1, 80.0)).trend(trend).build());
        }
        List<ServiceHealth.SlaCompliance> sla = services == 0 ? List.of()
                : List.of(new ServiceHealth.SlaCompliance(text.apply("service-0"), 1, "resolution", 8, 2, 1));

        List<String> initiativeIds = new ArrayList<>();
        for (int i = 0; i < initiatives; i++) {
            initiativeIds.add(text.apply("jira#INIT-" + i));
        }
        List<DemandEntry> demandEntries = new ArrayList<>();
        for (int d = 0; d < demands; d++) {
            String id = text.apply("service-" + d % Math.max(1, services) + "#recurring-incidents#category:" + d);
            demandEntries.add(DemandEntry.builder()
                    .id(id).rank(d + 1).service(text.apply("service-" + d % Math.max(1, services)))
                    .pattern(text.apply("recurring-incidents#category:network-" + d)).tier(text.apply(TIERS[d % TIERS.length]))
                    .previousTier(d % 2 == 0 ? null : text.apply(TIERS[(d + 1) % TIERS.length])).score(7.5 - d % 5).wsjf(2.25)
                    .criteria(List.of(new DemandEntry.CriterionLine("repeated-disruption", text.apply("repeated disruption"),
                            List.of(new DemandEntry.MeasureLine(text.apply("incidents"), text.apply("5"), text.apply(">="),
                                    text.apply("3"), true)))))
                    .explanation(text.apply("Five incidents in 30 days on a critical service."))
                    .status(new DemandEntry.Status(text.apply(d % 2 == 0 ? "new" : "acknowledged"), text.apply("Dana Lead"),
                            AS_OF.minus(Duration.ofDays(2)), text.apply("on the board's list")))
                    .firstRaisedAt(AS_OF.minus(Duration.ofDays(20))).evaluatedAt(AS_OF.minus(Duration.ofDays(1))).ageDays(20)
                    .evidence(List.of(
                            new DemandEntry.EvidenceTicket(text.apply("servicenow#incident#a" + d), text.apply("INC00" + d), 2,
                                    AS_OF.minus(Duration.ofDays(3)), "https://example.service-now.com/incident.do?sys_id=a" + d),
                            new DemandEntry.EvidenceTicket(text.apply("jira#incident#b" + d), text.apply("OPS-" + d), 3,
                                    AS_OF.minus(Duration.ofDays(4)), "javascript:alert(1)"),
                            new DemandEntry.EvidenceTicket(text.apply("mapped#incident#c" + d), null, 4,
                                    AS_OF.minus(Duration.ofDays(5)), null)))
                    .initiatives(initiativeIds.isEmpty() ? List.of() : List.of(initiativeIds.get(d % initiativeIds.size())))
                    .build());
        }

        List<InitiativeEntry> initiativeEntries = new ArrayList<>();
        for (int i = 0; i < initiatives; i++) {
            Instant delivered = AS_OF.minus(Duration.ofDays(120));
            List<InitiativeEntry.WeekPoint> weekly = new ArrayList<>();
            LocalDate firstWeek = LocalDate.ofInstant(delivered.minus(Duration.ofDays(182)), ZoneOffset.UTC);
            for (int w = 0; w < 43; w++) {
                weekly.add(new InitiativeEntry.WeekPoint(firstWeek.plusWeeks(w), w < 26 ? 4 + w % 3 : 1 + w % 2));
            }
            InitiativeEntry.Rate before = new InitiativeEntry.Rate(delivered.minus(Duration.ofDays(182)), delivered, 130, 5, null);
            InitiativeEntry.Rate after = new InitiativeEntry.Rate(delivered.plus(Duration.ofDays(14)),
                    delivered.plus(Duration.ofDays(112)), 21, 1.5, null);
            InitiativeEntry.OutcomeLine outcome = new InitiativeEntry.OutcomeLine(text.apply("incidents"), text.apply("category:network"),
                    text.apply("improved"), text.apply("Incidents fell by 70 % (95 % interval -85 % to -45 %): improved."),
                    text.apply("exact rate ratio"), AS_OF.minus(Duration.ofDays(1)), delivered, before, after,
                    new IntervalEstimate(-0.7, -0.85, -0.45, 0.001), null, weekly);
            List<InitiativeEntry.DemandLink> links = demandEntries.isEmpty() ? List.of(new InitiativeEntry.DemandLink(text.apply("gone#demand"), null))
                    : List.of(new InitiativeEntry.DemandLink(demandEntries.get(i % demandEntries.size()).id(),
                            demandEntries.get(i % demandEntries.size()).anchor()));
            initiativeEntries.add(new InitiativeEntry(Anchors.initiative(initiativeIds.get(i)), initiativeIds.get(i),
                    text.apply("Replace the VPN concentrator " + i), text.apply(i % 2 == 0 ? "delivered" : "in-progress"),
                    List.of(text.apply("service-0")), text.apply("network team"),
                    i % 2 == 0 ? "https://example.atlassian.net/browse/INIT-" + i : "javascript:alert(document.domain)",
                    i % 2 == 0 ? delivered : null, links, i % 2 == 0 ? outcome : null));
        }

        List<SupportLoad.TeamSupport> teamLines = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            double share = t == 0 ? 0.72 : 0.3;
            teamLines.add(new SupportLoad.TeamSupport(Anchors.team("team-" + t), text.apply("team-" + t), 40.0,
                    new CapacitySnapshot.Load(40 * share, 20 * share, 15 * share, 5 * share), share, share >= 0.5,
                    List.of(new CapacitySnapshot.ServiceLoad(text.apply("service-" + t), new CapacitySnapshot.Load(10, 5, 4, 1), 0.25))));
        }
        SupportLoad capacity = new SupportLoad(AS_OF.minus(Duration.ofHours(1)),
                new SupportLoad.LoadWindow("30d", AS_OF.minus(Duration.ofDays(30)), AS_OF.minus(Duration.ofHours(1))), 0.5,
                teamLines, List.of(new CapacitySnapshot.ServiceLoad(text.apply("orphan-service"), new CapacitySnapshot.Load(3, 2, 1, 0), null)));

        List<Headline.Item> items = new ArrayList<>();
        if (!demandEntries.isEmpty()) {
            items.add(new Headline.Item(Headline.Kind.NEW_DEMAND, text.apply("New demand: service-0 recurring incidents."),
                    demandEntries.get(0).anchor()));
        }
        if (!initiativeEntries.isEmpty()) {
            items.add(new Headline.Item(Headline.Kind.OUTCOME_MEASURED, text.apply("Outcome measured: improved."),
                    initiativeEntries.get(0).anchor()));
        }
        if (!teamLines.isEmpty()) {
            items.add(new Headline.Item(Headline.Kind.TEAM_OVER_FLAG, text.apply("team-0 is at 72 % of its capacity."),
                    teamLines.get(0).anchor()));
        }

        DataQuality quality = new DataQuality(
                DataQuality.Refusals.of(List.of(new DataQuality.RefusalCount(text.apply("jira"), text.apply("unauthorised"), 3))),
                new DataQuality.DeadLetters(true, List.of(new DataQuality.QueueDepth(text.apply("TicketStoreDeadLetters"), 2L),
                        new DataQuality.QueueDepth(text.apply("SlaDeadLetters"), null))),
                4, List.of(new DataQuality.SourceFreshness(text.apply("pagerduty"), AS_OF.minus(Duration.ofDays(9)), 9)));

        return new PortfolioReport(PortfolioReport.SCHEMA_VERSION, AS_OF, PortfolioReport.Window.endingAt(AS_OF, 90), false,
                text.apply("3 demands, 2 initiatives, 3 services."), new Headline(AS_OF.minus(Duration.ofDays(1)), items),
                demandEntries, tierCounts(demands), initiativeEntries, new ServiceHealth(ServiceHealth.TREND_WEEKS, trendFrom, lines, sla),
                capacity, quality,
                new PortfolioReport.Provenance(AS_OF, AS_OF, text.apply("0123456789abcdef"), PortfolioReport.SCHEMA_VERSION,
                        AS_OF.minus(Duration.ofDays(1))));
    }

    /** A report for a day with no data at all. */
    public static PortfolioReport empty() {
        return new PortfolioReport(PortfolioReport.SCHEMA_VERSION, AS_OF, PortfolioReport.Window.endingAt(AS_OF, 90), true,
                "No data for this day: no ticket, demand, initiative or alert episode in the last 90 days.",
                new Headline(null, List.of()), List.of(), tierCounts(0), List.of(),
                new ServiceHealth(ServiceHealth.TREND_WEEKS, LocalDate.of(2026, 6, 8), List.of(), List.of()), null,
                new DataQuality(DataQuality.Refusals.notAvailable(), DataQuality.DeadLetters.notAvailable(), 0, List.of()),
                new PortfolioReport.Provenance(AS_OF, AS_OF, "0000000000000000", PortfolioReport.SCHEMA_VERSION, null));
    }

    /** An index of {@code reports} daily reports, newest first. */
    public static ReportIndex index(UnaryOperator<String> text, int reports) {
        List<ReportIndex.Entry> entries = new ArrayList<>();
        for (int r = 0; r < reports; r++) {
            Instant asOf = AS_OF.minus(Duration.ofDays(r));
            LocalDate date = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            entries.add(new ReportIndex.Entry(date, asOf, String.format("%04d/%02d/%02d/", date.getYear(), date.getMonthValue(),
                    date.getDayOfMonth()), text.apply("Report of day " + r), List.of(text.apply("New demand on day " + r)),
                    tierCounts(r + 1)));
        }
        return new ReportIndex(PortfolioReport.SCHEMA_VERSION, entries);
    }

    static List<PortfolioReport.TierCount> tierCounts(int demands) {
        List<PortfolioReport.TierCount> counts = new ArrayList<>();
        for (int t = 0; t < TIERS.length; t++) {
            int count = 0;
            for (int d = 0; d < demands; d++) {
                count += d % TIERS.length == t ? 1 : 0;
            }
            counts.add(new PortfolioReport.TierCount(TIERS[t], count));
        }
        return counts;
    }
}
