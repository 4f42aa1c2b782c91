package io.demandloop.functions.portfolioreport.html;

import gg.jte.Content;
import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code portfolio.jte} renders: the report and what the page adds to it (charts, safe links). Plain text stays
 * text: the template escapes it.
 */
public final class PortfolioPage {

    /** The Content-Security-Policy of the page: nothing loads, nothing runs, only the inline style sheet applies. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private final PortfolioReport report;
    private final Set<String> listedInitiatives;

    PortfolioPage(PortfolioReport report) {
        this.report = Objects.requireNonNull(report, "report");
        this.listedInitiatives = report.initiatives().stream().map(InitiativeEntry::id).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the report lists initiative {@code id}, so that a link down to it lands somewhere. */
    public boolean listsInitiative(String id) {
        return listedInitiatives.contains(id);
    }

    public PortfolioReport report() {
        return report;
    }

    /** The chart of an initiative's outcome, or a sentence saying why there is none. */
    public Content outcomeChart(InitiativeEntry initiative) {
        return Charts.outcome(initiative);
    }

    /** The before, after and change in words, beside the chart. */
    public String outcomeFigures(InitiativeEntry.OutcomeLine outcome) {
        return Charts.outcomeSentence(outcome);
    }

    /** A service's 26-week incident sparkline. */
    public Content trend(ServiceHealth.ServiceLine service) {
        return Charts.trend(service);
    }

    /** The capacity bar chart; call only when {@code report.capacity()} is not null. */
    public Content capacityChart() {
        return Charts.capacity(report.capacity());
    }

    /** Whole days the capacity snapshot is older than the report; 0 without one. */
    public long snapshotAgeDays() {
        return report.capacity() == null ? 0
                : Math.max(0, Duration.between(report.capacity().asOf(), report.asOf()).toDays());
    }

    /** {@code url} when the page may link to it (absolute http or https); else null. */
    public String link(String url) {
        return SafeLinks.external(url);
    }
}
