package io.demandloop.functions.portfolioreport.html;

import gg.jte.Content;
import gg.jte.html.escape.Escape;
import io.demandloop.functions.portfolioreport.chart.BarChart;
import io.demandloop.functions.portfolioreport.chart.Sparkline;
import io.demandloop.functions.portfolioreport.chart.Svg;
import io.demandloop.functions.portfolioreport.chart.TrendChart;
import io.demandloop.functions.portfolioreport.chart.WeeklyLineChart;
import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import io.demandloop.functions.portfolioreport.model.SupportLoad;
import io.demandloop.shared.stats.IntervalEstimate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The report's charts, from the model to {@link Svg} and on to jte {@link Content}. A chart the model cannot draw (a
 * value that is not a finite number) becomes a sentence saying so, so one bad figure never costs the whole report.
 */
final class Charts {

    private Charts() {
    }

    /** An initiative's metric per week with its delivery line, before and after rates and the after window's interval. */
    static Content outcome(InitiativeEntry initiative) {
        InitiativeEntry.OutcomeLine outcome = initiative.outcome();
        if (outcome == null) {
            return sentence("No measurement yet, so nothing to chart.");
        }
        try {
            String unit = Format.words(outcome.metric()) + (isDuration(outcome) ? ", median hours per week" : " per week");
            List<WeeklyLineChart.Week> weeks = new ArrayList<>();
            StringJoiner values = new StringJoiner("; ");
            for (InitiativeEntry.WeekPoint point : outcome.weekly()) {
                weeks.add(new WeeklyLineChart.Week(point.weekStart(), point.value()));
                values.add("week of " + Format.date(point.weekStart()) + ": " + Format.number(point.value()));
            }
            Double before = level(outcome.before());
            Double after = level(outcome.after());
            WeeklyLineChart.Builder chart = WeeklyLineChart.builder(initiative.title() + ": " + unit)
                    .unit(unit)
                    .weeks(weeks)
                    .description(outcomeSentence(outcome) + (weeks.isEmpty() ? "" : " Weekly values: " + values + "."));
            if (outcome.deliveredAt() != null) {
                chart.delivery(day(outcome.deliveredAt()));
            }
            if (before != null) {
                chart.before(new WeeklyLineChart.Rate(day(outcome.before().from()), lastDay(outcome.before().to()), before));
            }
            if (after != null) {
                chart.after(new WeeklyLineChart.Rate(day(outcome.after().from()), lastDay(outcome.after().to()), after));
                IntervalEstimate change = outcome.change();
                if (before != null && change != null && change.lower() != null && change.upper() != null) {
                    chart.band(new WeeklyLineChart.Band(day(outcome.after().from()), lastDay(outcome.after().to()),
                            Math.max(0, before * (1 + change.lower())), Math.max(0, before * (1 + change.upper()))));
                }
            }
            return svg(chart.build());
        } catch (IllegalArgumentException | NullPointerException e) {
            return sentence("The chart could not be drawn: " + e.getMessage() + ".");
        }
    }

    /**
     * The before and after figures in words, e.g. "Before: 4.2 per week (3 Mar 2026 to 1 Jun 2026). After: 1.5 per
     * week (…). Change −64 % (95 % interval −80 % to −40 %)."
     */
    static String outcomeSentence(InitiativeEntry.OutcomeLine outcome) {
        String unit = isDuration(outcome) ? " hours (median)" : " per week";
        StringBuilder text = new StringBuilder();
        Double before = level(outcome.before());
        if (before != null) {
            text.append("Before: ").append(Format.number(before)).append(unit).append(" (")
                    .append(Format.shortDate(outcome.before().from())).append(" to ")
                    .append(Format.shortDate(outcome.before().to())).append(").");
        }
        Double after = level(outcome.after());
        if (after != null) {
            text.append(text.isEmpty() ? "" : " ").append("After: ").append(Format.number(after)).append(unit).append(" (")
                    .append(Format.shortDate(outcome.after().from())).append(" to ")
                    .append(Format.shortDate(outcome.after().to())).append(").");
        } else if (outcome.daysRemaining() != null) {
            text.append(text.isEmpty() ? "" : " ").append("The after window completes in ")
                    .append(Format.plural(outcome.daysRemaining(), "day")).append('.');
        }
        IntervalEstimate change = outcome.change();
        if (change != null && change.estimate() != null) {
            text.append(text.isEmpty() ? "" : " ").append("Change ").append(Format.change(change.estimate()));
            if (change.lower() != null && change.upper() != null) {
                text.append(" (95\u00a0% interval ").append(Format.change(change.lower())).append(" to ")
                        .append(Format.change(change.upper())).append(')');
            }
            text.append('.');
        }
        return text.isEmpty() ? "No figures yet." : text.toString();
    }

    /** A service's incidents per week over the trend weeks. */
    static Content trend(ServiceHealth.ServiceLine service) {
        List<Double> values = new ArrayList<>(service.trend().size());
        StringJoiner words = new StringJoiner(", ");
        for (ServiceHealth.WeekCount week : service.trend()) {
            values.add((double) week.count());
            words.add(Integer.toString(week.count()));
        }
        String description = service.trend().isEmpty() ? "No weekly counts."
                : Format.plural(service.trend().size(), "week") + " from " + Format.date(service.trend().get(0).weekStart())
                        + ", oldest first: " + words + ".";
        try {
            return svg(Sparkline.of(service.service() + ": incidents opened per week", description, values));
        } catch (IllegalArgumentException e) {
            return sentence("The trend could not be drawn: " + e.getMessage() + ".");
        }
    }

    /** Each team's support load as a share of its capacity, with lines at the flag share and at 100 %. */
    static Content capacity(SupportLoad load) {
        List<BarChart.Bar> bars = new ArrayList<>();
        StringJoiner words = new StringJoiner("; ");
        for (SupportLoad.TeamSupport team : load.teams()) {
            if (team.share() == null) {
                continue;
            }
            bars.add(new BarChart.Bar(team.team(), team.share() * 100, Format.share(team.share()), team.flagged()));
            words.add(team.team() + " " + Format.share(team.share()) + (team.flagged() ? " (flagged)" : ""));
        }
        if (bars.isEmpty()) {
            return sentence("No team has a configured capacity, so there is no share to chart.");
        }
        try {
            return svg(BarChart.of("Support load as a share of each team's capacity",
                    "Share of capacity per team: " + words + ". Flag at " + Format.share(load.flagShare()) + ".",
                    bars, List.of(new BarChart.Reference(load.flagShare() * 100, "flag " + Format.share(load.flagShare())),
                            new BarChart.Reference(100, "capacity"))));
        } catch (IllegalArgumentException e) {
            return sentence("The chart could not be drawn: " + e.getMessage() + ".");
        }
    }

    /** The demand count per tier across reports, oldest report first. */
    static Content tiers(ReportIndex index) {
        List<ReportIndex.Entry> oldestFirst = new ArrayList<>(index.reports());
        oldestFirst.sort(java.util.Comparator.comparing(ReportIndex.Entry::asOf));
        List<String> labels = new ArrayList<>();
        Map<String, List<Double>> byTier = new LinkedHashMap<>();
        for (ReportIndex.Entry entry : oldestFirst) {
            for (PortfolioReport.TierCount count : entry.tierCounts()) {
                byTier.computeIfAbsent(count.tier(), t -> new ArrayList<>());
            }
        }
        for (int i = 0; i < oldestFirst.size(); i++) {
            ReportIndex.Entry entry = oldestFirst.get(i);
            labels.add(Format.date(entry.date()));
            for (Map.Entry<String, List<Double>> tier : byTier.entrySet()) {
                double count = entry.tierCounts().stream().filter(c -> c.tier().equals(tier.getKey()))
                        .mapToDouble(PortfolioReport.TierCount::count).sum();
                tier.getValue().add(count);
            }
        }
        List<TrendChart.Series> series = new ArrayList<>();
        StringJoiner words = new StringJoiner("; ");
        byTier.forEach((tier, counts) -> {
            series.add(new TrendChart.Series(Format.words(tier), counts));
            StringJoiner values = new StringJoiner(", ");
            counts.forEach(c -> values.add(Format.number(c)));
            words.add(Format.words(tier) + ": " + values);
        });
        String description = labels.isEmpty() ? "No reports yet."
                : "Demands per tier in each report from " + labels.get(0) + " to " + labels.get(labels.size() - 1)
                        + ", oldest first. " + words + ".";
        return svg(TrendChart.of("Demand count per tier across reports", description, labels, series));
    }

    private static boolean isDuration(InitiativeEntry.OutcomeLine outcome) {
        return outcome.before() != null && outcome.before().median() != null;
    }

    /** The level a window's line is drawn at: the median for a duration metric, else the rate per week. */
    private static Double level(InitiativeEntry.Rate rate) {
        if (rate == null) {
            return null;
        }
        if (rate.median() != null) {
            return rate.median().estimate();
        }
        return rate.ratePerWeek();
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The last day of a window whose end is excluded. */
    private static LocalDate lastDay(Instant exclusiveEnd) {
        return LocalDate.ofInstant(exclusiveEnd.minusNanos(1), ZoneOffset.UTC);
    }

    private static Content svg(Svg svg) {
        String markup = svg.markup();
        return output -> output.writeContent(markup);
    }

    /** Plain text in a paragraph, escaped here, since a {@link Content} is written as it is. */
    private static Content sentence(String text) {
        return output -> {
            output.writeContent("<p class=\"note\">");
            Escape.htmlContent(text, output);
            output.writeContent("</p>");
        };
    }
}
