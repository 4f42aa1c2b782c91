package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.SupportLoad;
import io.demandloop.shared.demand.CapacitySnapshot;
import java.util.List;

/**
 * {@code portfolio-capacity.csv}: support load against team capacity, one row per service (its team's figures
 * repeated on each of its rows, so that a spreadsheet can filter and pivot). Teams in the JSON's order (flagged first),
 * each with its services; a team without services has one row with the service cells empty; then the services no team
 * owns, with the team cells empty. Only the header when the report has no capacity snapshot.
 */
final class CapacityCsvReportRenderer implements CsvReportFile {

    static final List<String> HEADER = List.of(
            "team", "team_capacity_hours_per_week", "team_hours_per_week", "team_share", "team_flagged",
            "service", "hours_per_week", "incident_hours_per_week", "request_hours_per_week", "change_hours_per_week",
            "share", "snapshot_as_of", "load_window_from", "load_window_to", "as_of");

    @Override
    public String fileName() {
        return "portfolio-capacity.csv";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        CsvTable csv = new CsvTable(HEADER);
        SupportLoad load = report.capacity();
        if (load == null) {
            return csv.bytes();
        }
        for (SupportLoad.TeamSupport team : load.teams()) {
            Object[] teamCells = {team.team(), team.capacityHoursPerWeek(), team.hoursPerWeek().total(), team.share(),
                    team.flagged()};
            if (team.services().isEmpty()) {
                csv.row(row(teamCells, null, load, report));
            }
            for (CapacitySnapshot.ServiceLoad service : team.services()) {
                csv.row(row(teamCells, service, load, report));
            }
        }
        for (CapacitySnapshot.ServiceLoad service : load.withoutTeam()) {
            csv.row(row(new Object[5], service, load, report));
        }
        return csv.bytes();
    }

    private static Object[] row(Object[] teamCells, CapacitySnapshot.ServiceLoad service, SupportLoad load,
                                PortfolioReport report) {
        Object[] cells = new Object[HEADER.size()];
        System.arraycopy(teamCells, 0, cells, 0, 5);
        if (service != null) {
            CapacitySnapshot.Load hours = service.hoursPerWeek();
            cells[5] = service.service();
            cells[6] = hours.total();
            cells[7] = hours.incidents();
            cells[8] = hours.requests();
            cells[9] = hours.changes();
            cells[10] = service.share();
        }
        cells[11] = load.asOf();
        cells[12] = load.window().from();
        cells[13] = load.window().to();
        cells[14] = report.asOf();
        return cells;
    }
}
