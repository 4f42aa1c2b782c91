package io.demandloop.functions.portfolioreport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code portfolio-sla.csv}: the report's SLA compliance, one row per service, priority and metric, in the same
 * RFC 4180 form and with the same formula guard as {@code portfolio.csv}.
 */
final class SlaCsvReportRenderer implements ReportRenderer {

    static final List<String> HEADER = List.of(
            "service", "priority", "metric", "met", "breached", "in_progress", "as_of", "window_from", "window_to");

    @Override
    public String fileName() {
        return "portfolio-sla.csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        StringBuilder csv = new StringBuilder();
        CsvReportRenderer.appendRow(csv, HEADER);
        String asOf = report.asOf().toString();
        String from = report.window().from().toString();
        String to = report.window().to().toString();
        for (PortfolioReport.SlaCompliance row : report.sla()) {
            CsvReportRenderer.appendRow(csv, List.of(row.service(), Integer.toString(row.priority()), row.metric(),
                    Integer.toString(row.met()), Integer.toString(row.breached()), Integer.toString(row.inProgress()),
                    asOf, from, to));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
