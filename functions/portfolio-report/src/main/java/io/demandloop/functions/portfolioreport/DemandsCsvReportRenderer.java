package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.DemandEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portfolio-demands.csv}: the demands ranked, one row per demand. The criteria met are one cell
 * ({@code label: name value comparator threshold; ...} joined by {@code " | "}), the evidence tickets another (numbers,
 * else keys, joined by spaces), the initiatives a third.
 */
final class DemandsCsvReportRenderer implements CsvReportFile {

    static final List<String> HEADER = List.of(
            "rank", "id", "service", "pattern", "tier", "previous_tier", "score", "wsjf", "criteria_met", "status",
            "status_by", "status_at", "first_raised_at", "age_days", "evidence", "initiatives", "explanation", "as_of");

    @Override
    public String fileName() {
        return "portfolio-demands.csv";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        CsvTable csv = new CsvTable(HEADER);
        for (DemandEntry d : report.demands()) {
            csv.row(d.rank(), d.id(), d.service(), d.pattern(), d.tier(), d.previousTier(), d.score(), d.wsjf(),
                    criteria(d.criteria()), d.status().status(), d.status().by(), d.status().at(), d.firstRaisedAt(),
                    d.ageDays(), evidence(d.evidence()), String.join(" ", d.initiatives()), d.explanation(),
                    report.asOf());
        }
        return csv.bytes();
    }

    static String criteria(List<DemandEntry.CriterionLine> criteria) {
        List<String> parts = new ArrayList<>();
        for (DemandEntry.CriterionLine c : criteria) {
            List<String> measures = new ArrayList<>();
            for (DemandEntry.MeasureLine m : c.measures()) {
                measures.add(m.name() + " " + m.value() + " " + m.comparator() + " " + m.threshold());
            }
            parts.add(c.label() + ": " + String.join("; ", measures));
        }
        return String.join(" | ", parts);
    }

    private static String evidence(List<DemandEntry.EvidenceTicket> tickets) {
        List<String> parts = new ArrayList<>();
        for (DemandEntry.EvidenceTicket t : tickets) {
            parts.add(t.number() == null ? t.key() : t.number());
        }
        return String.join(" ", parts);
    }
}
