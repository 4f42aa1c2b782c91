package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import java.util.List;

/** {@code portfolio-sla.csv}: SLA compliance from the SLA clocks, one row per service, priority and metric. */
final class SlaCsvReportRenderer implements CsvReportFile {

    static final List<String> HEADER = List.of(
            "service", "priority", "metric", "met", "breached", "in_progress", "as_of", "window_from", "window_to");

    @Override
    public String fileName() {
        return "portfolio-sla.csv";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        CsvTable csv = new CsvTable(HEADER);
        for (ServiceHealth.SlaCompliance row : report.services().sla()) {
            csv.row(row.service(), row.priority(), row.metric(), row.met(), row.breached(), row.inProgress(),
                    report.asOf(), report.window().from(), report.window().to());
        }
        return csv.bytes();
    }
}
