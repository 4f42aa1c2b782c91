package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import java.util.List;

/**
 * {@code portfolio-initiatives.csv}: initiatives and their measured outcomes, one row per initiative (the weekly
 * series stays in the JSON).
 */
final class InitiativesCsvReportRenderer implements CsvReportFile {

    static final List<String> HEADER = List.of(
            "id", "title", "status", "services", "team", "delivered_at", "demands", "metric", "verdict", "sentence",
            "before_rate_per_week", "after_rate_per_week", "change", "change_lower", "change_upper", "measured_at",
            "as_of");

    @Override
    public String fileName() {
        return "portfolio-initiatives.csv";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        CsvTable csv = new CsvTable(HEADER);
        for (InitiativeEntry i : report.initiatives()) {
            InitiativeEntry.OutcomeLine o = i.outcome();
            String demands = String.join(" ", i.demands().stream().map(InitiativeEntry.DemandLink::id).toList());
            csv.row(i.id(), i.title(), i.status(), String.join(" ", i.services()), i.team(), i.deliveredAt(), demands,
                    o == null ? null : o.metric(), o == null ? null : o.verdict(), o == null ? null : o.sentence(),
                    o == null || o.before() == null ? null : o.before().ratePerWeek(),
                    o == null || o.after() == null ? null : o.after().ratePerWeek(),
                    o == null || o.change() == null ? null : o.change().estimate(),
                    o == null || o.change() == null ? null : o.change().lower(),
                    o == null || o.change() == null ? null : o.change().upper(),
                    o == null ? null : o.measuredAt(), report.asOf());
        }
        return csv.bytes();
    }
}
