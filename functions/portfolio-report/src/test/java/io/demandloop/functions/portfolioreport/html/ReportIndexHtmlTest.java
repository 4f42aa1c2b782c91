package io.demandloop.functions.portfolioreport.html;

import static io.demandloop.functions.portfolioreport.html.HtmlReportTest.BREAKOUT;
import static io.demandloop.functions.portfolioreport.html.HtmlReportTest.SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ReportIndexHtmlTest {

    private static Document render(ReportIndex index) {
        return Jsoup.parse(new String(HtmlReport.index(index), StandardCharsets.UTF_8));
    }

    @Test
    void index_shouldListEveryReportWithItsHeadlineAndLinkToItsPage_whenThreeReports() {
        // GIVEN
        ReportIndex index = ReportFixtures.index(UnaryOperator.identity(), 3);

        // WHEN
        Document page = render(index);

        // THEN
        assertThat(page.select("table.reports tbody tr")).hasSize(3);
        assertThat(page.select("table.reports tbody th a").eachAttr("href"))
                .containsExactly("2026/12/07/portfolio.html", "2026/12/06/portfolio.html", "2026/12/05/portfolio.html");
        assertThat(page.select("table.reports tbody tr").first().text()).contains("Report of day 0", "New demand on day 0");
        assertThat(page.select("table thead th")).allSatisfy(th -> assertThat(th.attr("scope")).isEqualTo("col"));
    }

    @Test
    void index_shouldDrawOneLinePerTier_whenReportsCarryTierCounts() {
        // GIVEN
        ReportIndex index = ReportFixtures.index(UnaryOperator.identity(), 4);

        // WHEN
        Document page = render(index);

        // THEN
        assertThat(page.select("svg")).hasSize(1);
        assertThat(page.select("svg polyline.series")).hasSize(ReportFixtures.TIERS.length);
        assertThat(page.select("svg > title").text()).isEqualTo("Demand count per tier across reports");
        assertThat(page.select("svg > desc").text()).contains("portfolio review: 1, 1, 1, 1", "initiative: 1, 1, 1, 0");
    }

    @Test
    void index_shouldSaySoAndDrawNothing_whenNoReportYet() {
        // GIVEN / WHEN
        Document page = render(ReportIndex.empty());

        // THEN
        assertThat(page.select("p.empty").eachText()).contains("No report has been published yet.");
        assertThat(page.select("svg, table")).isEmpty();
    }

    @Test
    void index_shouldEscapeHostileTextAndNotLinkAFolderOfAnotherShape_whenEntriesCarryMarkup() {
        // GIVEN
        ReportIndex hostile = ReportFixtures.index(s -> s + SCRIPT + BREAKOUT, 2);
        ReportIndex.Entry odd = hostile.reports().get(0);
        ReportIndex index = new ReportIndex(hostile.schemaVersion(), List.of(
                new ReportIndex.Entry(odd.date(), odd.asOf(), "javascript:alert(1)//", odd.summary(), odd.headline(),
                        List.of(new PortfolioReport.TierCount("initiative" + SCRIPT, 2))),
                hostile.reports().get(1)));

        // WHEN
        Document page = render(index);

        // THEN
        assertThat(page.select("script, img")).isEmpty();
        assertThat(page.select("a[href]").eachAttr("href")).containsExactly("2026/12/06/portfolio.html");
        assertThat(page.select("table.reports tbody tr").first().text()).contains(SCRIPT, BREAKOUT);
        assertThat(page.select("svg text").eachText()).anySatisfy(t -> assertThat(t).contains("initiative" + SCRIPT));
    }
}
