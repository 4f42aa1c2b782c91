package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.html.HtmlReport;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;

/**
 * {@code portfolio.html}: the report as one self-contained page, rendered by the precompiled jte templates
 * ({@link HtmlReport}; docs/reports.md, "HTML").
 */
final class HtmlReportRenderer implements ReportRenderer {

    @Override
    public String fileName() {
        return "portfolio.html";
    }

    @Override
    public String contentType() {
        return "text/html; charset=utf-8";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        return HtmlReport.portfolio(report);
    }
}
