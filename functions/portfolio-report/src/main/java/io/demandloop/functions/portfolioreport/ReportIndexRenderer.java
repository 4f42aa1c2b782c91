package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The history's two files: {@code reports/index.json} (the manifest, read back by the next run) and
 * {@code reports/index.html} (every report with its headline, and the demand count per tier across reports). The HTML
 * is a minimal page until the jte templates replace it; every value goes through {@link HtmlReportRenderer#escape}.
 */
final class ReportIndexRenderer {

    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private ReportIndexRenderer() {
    }

    static byte[] json(ReportIndex index) {
        try {
            return (WRITER.writeValueAsString(index).replace("\r\n", "\n") + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the report index could not be written as JSON", e);
        }
    }

    /** The manifest; fails naming the key when it is not readable (a broken manifest is not silently replaced). */
    static ReportIndex parse(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, ReportIndex.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reports/index.json is not a readable report index: " + e.getMessage(), e);
        }
    }

    static byte[] html(ReportIndex index) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(HtmlReportRenderer.escape(HtmlReportRenderer.CONTENT_SECURITY_POLICY)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Portfolio reports</title>\n")
                .append("<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px}")
                .append("table{border-collapse:collapse;width:100%}th,td{padding:6px 8px;border-bottom:1px solid #ddd;")
                .append("text-align:left;vertical-align:top}.num{text-align:right}</style>\n")
                .append("</head>\n<body>\n<h1>Portfolio reports</h1>\n");
        if (index.reports().isEmpty()) {
            html.append("<p>No report yet.</p>\n");
        } else {
            html.append("<table>\n<caption>Every report, newest first, with its demand count per tier</caption>\n")
                    .append("<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Headline</th>");
            for (PortfolioReport.TierCount tier : index.reports().get(0).tierCounts()) {
                html.append("<th scope=\"col\" class=\"num\">").append(HtmlReportRenderer.escape(tier.tier())).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (ReportIndex.Entry entry : index.reports()) {
                html.append("<tr><th scope=\"row\"><a href=\"").append(HtmlReportRenderer.escape(entry.path()))
                        .append("portfolio.html\">").append(HtmlReportRenderer.escape(entry.date().toString()))
                        .append("</a></th><td>").append(HtmlReportRenderer.escape(entry.summary()));
                if (!entry.headline().isEmpty()) {
                    html.append("<ul>");
                    for (String sentence : entry.headline()) {
                        html.append("<li>").append(HtmlReportRenderer.escape(sentence)).append("</li>");
                    }
                    html.append("</ul>");
                }
                html.append("</td>");
                for (PortfolioReport.TierCount tier : entry.tierCounts()) {
                    html.append("<td class=\"num\">").append(tier.count()).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
