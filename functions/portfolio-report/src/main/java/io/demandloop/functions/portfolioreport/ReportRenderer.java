package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;

/** Renders the portfolio report as one file. A rendering depends on the report only, so re-runs are byte-identical. */
interface ReportRenderer {

    /** The object's file name, e.g. {@code portfolio.json}; the service puts it under each report prefix. */
    String fileName();

    /** The object's {@code Content-Type}. */
    String contentType();

    /** The object's bytes. */
    byte[] render(PortfolioReport report);
}
