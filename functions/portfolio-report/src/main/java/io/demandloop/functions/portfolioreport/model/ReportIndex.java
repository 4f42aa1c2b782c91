package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history of reports ({@code reports/index.json}, rendered as {@code reports/index.html}): one entry per report
 * date, newest first, each with its headline and its demand count per tier (the trend across reports). Kept by
 * read-modify-write: a re-run for the same date replaces that date's entry.
 *
 * @param schemaVersion {@value PortfolioReport#SCHEMA_VERSION}
 * @param reports       one entry per date, newest first
 */
@JsonPropertyOrder({"schemaVersion", "reports"})
public record ReportIndex(int schemaVersion, List<Entry> reports) {

    public ReportIndex {
        reports = List.copyOf(reports);
    }

    /** No report yet. */
    public static ReportIndex empty() {
        return new ReportIndex(PortfolioReport.SCHEMA_VERSION, List.of());
    }

    /** The newest entry whose as-of instant is strictly before {@code asOf}. */
    public Optional<Entry> previousBefore(Instant asOf) {
        return reports.stream().filter(e -> e.asOf().isBefore(asOf)).max(java.util.Comparator.comparing(Entry::asOf));
    }

    /**
     * One report.
     *
     * @param date       the as-of date (UTC), the {@code reports/YYYY/MM/DD/} folder
     * @param asOf       its as-of instant
     * @param path       its folder relative to {@code reports/}, e.g. {@code 2026/12/07/}
     * @param summary    its summary sentence
     * @param headline   its headline sentences
     * @param tierCounts its demand count per tier
     */
    @JsonPropertyOrder({"date", "asOf", "path", "summary", "headline", "tierCounts"})
    public record Entry(LocalDate date, Instant asOf, String path, String summary, List<String> headline,
                        List<PortfolioReport.TierCount> tierCounts) {
        public Entry {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(summary, "summary");
            headline = List.copyOf(headline);
            tierCounts = List.copyOf(tierCounts);
        }
    }
}
