package io.demandloop.functions.portfolioreport;

import io.demandloop.shared.demand.CapacitySnapshot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portfolio-capacity.csv}: the report's support load against team capacity, one row per service (its team's
 * figures repeated on each of its rows, so that a spreadsheet can filter and pivot), in the same RFC 4180 form and
 * with the same formula guard as {@code portfolio.csv}. Teams in the JSON's order, each with its services; a team
 * without services has one row with the service cells empty; then the services no team owns, with the team cells
 * empty. Only the header when the report has no capacity snapshot.
 */
final class CapacityCsvReportRenderer implements ReportRenderer {

    static final List<String> HEADER = List.of(
            "team", "team_capacity_hours_per_week", "team_hours_per_week", "team_share", "team_flagged",
            "service", "hours_per_week", "incident_hours_per_week", "request_hours_per_week", "change_hours_per_week",
            "share", "snapshot_as_of", "load_window_from", "load_window_to", "as_of");

    @Override
    public String fileName() {
        return "portfolio-capacity.csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        StringBuilder csv = new StringBuilder();
        CsvReportRenderer.appendRow(csv, HEADER);
        PortfolioReport.SupportLoad load = report.capacity();
        if (load != null) {
            List<String> when = List.of(load.asOf().toString(), load.window().from().toString(),
                    load.window().to().toString(), report.asOf().toString());
            for (PortfolioReport.TeamSupport team : load.teams()) {
                List<String> teamCells = List.of(team.team(), number(team.capacityHoursPerWeek()),
                        number(team.hoursPerWeek().total()), number(team.share()), Boolean.toString(team.flagged()));
                if (team.services().isEmpty()) {
                    CsvReportRenderer.appendRow(csv, row(teamCells, null, when));
                }
                for (CapacitySnapshot.ServiceLoad service : team.services()) {
                    CsvReportRenderer.appendRow(csv, row(teamCells, service, when));
                }
            }
            for (CapacitySnapshot.ServiceLoad service : load.withoutTeam()) {
                CsvReportRenderer.appendRow(csv, row(List.of("", "", "", "", ""), service, when));
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> row(List<String> teamCells, CapacitySnapshot.ServiceLoad service, List<String> when) {
        List<String> cells = new ArrayList<>(teamCells);
        if (service == null) {
            cells.addAll(List.of("", "", "", "", "", ""));
        } else {
            CapacitySnapshot.Load hours = service.hoursPerWeek();
            cells.addAll(List.of(service.service(), number(hours.total()), number(hours.incidents()),
                    number(hours.requests()), number(hours.changes()),
                    service.share() == null ? "" : number(service.share())));
        }
        cells.addAll(when);
        return cells;
    }

    /** Plain decimal notation (never {@code 1.0E-4}), as stored: hours to two decimals, shares to four. */
    private static String number(Double value) {
        // no capacity (a team from an assignment group): an empty cell
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
