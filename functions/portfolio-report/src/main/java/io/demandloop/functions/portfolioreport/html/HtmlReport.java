package io.demandloop.functions.portfolioreport.html;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;

/**
 * The report's HTML: {@code portfolio.html} and {@code reports/index.html}, rendered by the precompiled jte templates
 * of {@code src/main/jte} (docs/reports.md, "HTML"). Each page is one self-contained file: inline CSS, charts as
 * inline SVG drawn here, no script, nothing loaded from the network. The same model gives the same bytes.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** {@code portfolio.html} of one report. */
    public static byte[] portfolio(PortfolioReport report) {
        return ReportTemplates.render("portfolio.jte", new PortfolioPage(report));
    }

    /** {@code reports/index.html}: every report with its headline, and the demand count per tier as a trend. */
    public static byte[] index(ReportIndex index) {
        return ReportTemplates.render("index.jte", new IndexPage(index));
    }
}
