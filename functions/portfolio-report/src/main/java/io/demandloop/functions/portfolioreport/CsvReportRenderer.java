package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import java.util.List;

/**
 * {@code portfolio-services.csv}: service health, one row per service in the report's order ({@link CsvTable}: RFC
 * 4180, text cells guarded against formula injection).
 */
final class CsvReportRenderer implements CsvReportFile {

    static final List<String> HEADER = List.of(
            "service", "tier", "team", "capability", "incidents", "incidents_p1_p2", "incidents_open",
            "incidents_resolved", "incidents_cancelled", "resolution_median_hours", "resolution_p90_hours", "requests",
            "changes", "changes_failed", "change_failure_rate", "alert_episodes", "alert_episodes_flapping", "sla_met",
            "sla_breached", "sla_in_progress", "sla_percent", "as_of", "window_from", "window_to");

    @Override
    public String fileName() {
        return "portfolio-services.csv";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        CsvTable csv = new CsvTable(HEADER);
        for (ServiceHealth.ServiceLine s : report.services().services()) {
            csv.row(s.service(), s.tier(), s.team(), s.capability(), s.incidents(), s.incidentsP1P2(), s.openIncidents(),
                    s.resolvedIncidents(), s.cancelledIncidents(), s.resolution().medianHours(),
                    s.resolution().p90Hours(), s.requests(), s.changes().changes(), s.changes().failed(),
                    s.changes().rate(), s.alerts().episodes(), s.alerts().flapping(), s.sla().met(), s.sla().breached(),
                    s.sla().inProgress(), s.sla().percent(), report.asOf(), report.window().from(), report.window().to());
        }
        return csv.bytes();
    }
}
