package io.demandloop.functions.portfolioreport.html;

import gg.jte.Content;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import java.util.Objects;

/** What {@code index.jte} renders: every report, newest first, and the demand count per tier across them. */
public final class IndexPage {

    private final ReportIndex index;

    IndexPage(ReportIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    public ReportIndex index() {
        return index;
    }

    public Content tierChart() {
        return Charts.tiers(index);
    }

    /** The relative link to a report's page, or null when its folder is not of the history's shape. */
    public String reportLink(ReportIndex.Entry entry) {
        return SafeLinks.reportPage(entry.path());
    }

    public String contentSecurityPolicy() {
        return PortfolioPage.CONTENT_SECURITY_POLICY;
    }
}
