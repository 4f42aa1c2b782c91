package io.demandloop.functions.portfolioreport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code portfolio.csv}: a header row and one row per service, RFC 4180 (CRLF line ends, a field quoted when
 * it holds a comma, quote, CR or LF, quotes doubled).
 *
 * <p>Spreadsheets run a cell that starts with {@code = + - @}, tab or CR as a formula, and a service name is
 * text from a ticket tool, so such a cell gets a leading {@code '} (the OWASP CSV-injection advice).
 */
final class CsvReportRenderer implements ReportRenderer {

    static final List<String> HEADER = List.of(
            "service", "incidents_opened", "incidents_open", "incidents_resolved", "incidents_cancelled",
            "as_of", "window_from", "window_to");

    private static final String LINE_END = "\r\n";

    @Override
    public String fileName() {
        return "portfolio.csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        StringBuilder csv = new StringBuilder();
        appendRow(csv, HEADER);
        String asOf = report.asOf().toString();
        String from = report.window().from().toString();
        String to = report.window().to().toString();
        for (PortfolioReport.ServiceSummary service : report.services()) {
            PortfolioReport.IncidentCounts incidents = service.incidents();
            appendRow(csv, List.of(service.service(),
                    Integer.toString(incidents.opened()), Integer.toString(incidents.open()),
                    Integer.toString(incidents.resolved()), Integer.toString(incidents.cancelled()),
                    asOf, from, to));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One RFC 4180 row of guarded cells; the SLA file writes its rows with it too. */
    static void appendRow(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append(LINE_END);
    }

    /** One field: formula guard first, then quoting, so that a guarded value is still quoted when it needs to be. */
    static String cell(String value) {
        String guarded = startsLikeFormula(value) ? "'" + value : value;
        boolean quote = guarded.indexOf(',') >= 0 || guarded.indexOf('"') >= 0
                || guarded.indexOf('\r') >= 0 || guarded.indexOf('\n') >= 0;
        return quote ? '"' + guarded.replace("\"", "\"\"") + '"' : guarded;
    }

    private static boolean startsLikeFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
