package io.demandloop.functions.portfolioreport.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.SupportLoad;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    static final String SCRIPT = "<script>window.__xss=1</script>";
    static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";
    private static final List<String> SECTIONS =
            List.of("headline", "demand", "initiatives", "services", "capacity", "data-quality", "provenance");

    static String html(PortfolioReport report) {
        return new String(HtmlReport.portfolio(report), StandardCharsets.UTF_8);
    }

    static Document render(PortfolioReport report) {
        return Jsoup.parse(html(report));
    }

    @Test
    void portfolio_shouldListTheSectionsInTheIssuesOrder_whenRich() {
        // GIVEN / WHEN
        Document page = render(ReportFixtures.rich());

        // THEN
        assertThat(page.select("main > section").eachAttr("id")).containsExactlyElementsOf(SECTIONS);
        assertThat(page.select("nav.toc a").eachAttr("href"))
                .containsExactlyElementsOf(SECTIONS.stream().map(id -> "#" + id).toList());
        for (String id : SECTIONS) {
            assertThat(page.select("section#" + id + " > h2").text()).as("heading of %s", id).isNotBlank();
        }
        assertThat(page.title()).isEqualTo("Portfolio report, 7 December 2026");
    }

    @Test
    void portfolio_shouldRenderAndSaySoInEverySection_whenTheDayHasNoData() {
        // GIVEN / WHEN
        Document page = render(ReportFixtures.empty());

        // THEN
        assertThat(page.select("main > section").eachAttr("id")).containsExactlyElementsOf(SECTIONS);
        assertThat(page.select("p.summary").text()).startsWith("No data for this day");
        assertThat(page.select("section#headline .empty").text()).startsWith("Nothing new needs a decision");
        assertThat(page.select("section#demand .empty").text()).startsWith("No demand is raised");
        assertThat(page.select("section#initiatives .empty").text()).startsWith("No initiative");
        assertThat(page.select("section#services .empty").text()).startsWith("No service had a ticket");
        assertThat(page.select("section#capacity .empty").text()).startsWith("No capacity snapshot");
        assertThat(page.select("section#data-quality .empty").eachText())
                .anySatisfy(t -> assertThat(t).startsWith("Not available"));
        assertThat(page.select("section#provenance dd").eachText()).contains("none: this is the first report");
        assertThat(page.select("svg")).isEmpty();
        assertThat(page.select("table")).isEmpty();
    }

    @Test
    void portfolio_shouldLinkEveryHeadlineItemAndLineageToAnEntryOnThePage_whenRich() {
        // GIVEN / WHEN
        Document page = render(ReportFixtures.rich());

        // THEN
        assertThat(page.select("section#headline li a")).hasSize(3);
        List<Element> internal = page.select("a[href^=#]");
        assertThat(internal).hasSizeGreaterThan(10);
        for (Element link : internal) {
            String target = link.attr("href").substring(1);
            assertThat(page.getElementById(target)).as("target of %s", link.outerHtml()).isNotNull();
        }
        // lineage both ways: demand -> initiative and initiative -> demand
        assertThat(page.select("section#demand a[href^=#initiative-]")).isNotEmpty();
        assertThat(page.select("section#initiatives a[href^=#demand-]")).isNotEmpty();
    }

    @Test
    void portfolio_shouldGiveEveryTableACaptionAndScopedHeaders_whenRich() {
        // GIVEN / WHEN
        Document page = render(ReportFixtures.rich());

        // THEN
        List<Element> tables = page.select("table");
        assertThat(tables).hasSizeGreaterThanOrEqualTo(7);
        for (Element table : tables) {
            assertThat(table.select("> caption").text()).as("caption of table.%s", table.className()).isNotBlank();
            assertThat(table.select("thead th")).isNotEmpty().allSatisfy(th -> assertThat(th.attr("scope")).isEqualTo("col"));
            assertThat(table.select("tbody tr:not(.detail)")).isNotEmpty()
                    .allSatisfy(tr -> assertThat(tr.select("> th[scope=row]")).as("row header in %s", tr.outerHtml()).hasSize(1));
            // a detail row (a demand's explanation) spans the row it follows, which has the header
            assertThat(table.select("tbody tr.detail")).allSatisfy(tr -> {
                assertThat(tr.previousElementSibling().select("> th[scope=row]")).hasSize(1);
                assertThat(tr.select("> td[colspan]")).hasSize(1);
            });
            assertThat(table.parent().hasClass("table-scroll")).as("table.%s scrolls on a phone", table.className()).isTrue();
        }
    }

    @Test
    void portfolio_shouldDrawOneTitledChartPerMeasuredInitiativeServiceAndCapacity_whenRich() {
        // GIVEN
        PortfolioReport report = ReportFixtures.rich();
        long measured = report.initiatives().stream().map(InitiativeEntry::outcome).filter(o -> o != null).count();

        // WHEN
        Document page = render(report);

        // THEN
        assertThat(page.select("section#initiatives svg")).hasSize((int) measured);
        assertThat(page.select("table.services tbody tr")).hasSize(3).allSatisfy(
                row -> assertThat(row.select("svg.sparkline")).hasSize(1));
        assertThat(page.select("section#capacity svg")).hasSize(1);
        for (Element svg : page.select("svg")) {
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.child(0).tagName()).isEqualTo("title");
            assertThat(svg.child(0).text()).isNotBlank();
            assertThat(svg.select("> desc").text()).isNotBlank();
        }
        // the values in words beside the outcome chart
        assertThat(page.select("section#initiatives figcaption").first().text())
                .contains("Before: 5 per week", "After: 1.5 per week", "Change \u221270");
    }

    @Test
    void portfolio_shouldShowHostileTextAsTextAndRunNothing_whenEveryTextFieldCarriesMarkup() {
        // GIVEN
        PortfolioReport report = ReportFixtures.rich(s -> s + SCRIPT + BREAKOUT);

        // WHEN
        String html = html(report);
        Document page = Jsoup.parse(html);

        // THEN: nothing became an element or an attribute ...
        assertThat(page.select("script, img, iframe, object, embed, link")).isEmpty();
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).as("attribute of <%s>", element.tagName()).doesNotStartWith("on");
            }
        }
        assertThat(html).doesNotContain("<script", "<img");
        // ... and the text is still there, as text, in the tables, the headline, the charts' text alternatives
        assertThat(page.select("section#demand tbody th").first().text()).contains(SCRIPT, BREAKOUT);
        assertThat(page.select("section#demand tr.detail td.explanation").first().text()).contains(SCRIPT, BREAKOUT);
        assertThat(page.select("section#headline li").first().text()).contains(SCRIPT);
        assertThat(page.select("section#services tbody th").first().text()).contains(SCRIPT, BREAKOUT);
        assertThat(page.select("section#capacity tbody th").first().text()).contains(SCRIPT);
        assertThat(page.select("section#data-quality tbody th").eachText()).allSatisfy(t -> assertThat(t).contains(SCRIPT));
        assertThat(page.select("section#initiatives h3").first().text()).contains(SCRIPT, BREAKOUT);
        assertThat(page.select("section#initiatives svg > title, svg.sparkline > title").eachText())
                .hasSize(4).allSatisfy(t -> assertThat(t).contains(SCRIPT, BREAKOUT));
        assertThat(page.select("section#capacity svg > desc").text()).contains(SCRIPT, BREAKOUT);
        assertThat(page.select("section#provenance code").text()).contains(SCRIPT);
        assertThat(page.select("p.summary").text()).contains(BREAKOUT);
        assertThat(page.select("section#demand .badge").eachText()).allSatisfy(t -> assertThat(t).contains(SCRIPT));
        assertThat(page.select("section#initiatives .badge").eachText()).allSatisfy(t -> assertThat(t).contains(SCRIPT));
        assertThat(page.select("section#demand a[href]").eachAttr("href")).allSatisfy(h -> assertThat(h).doesNotContain("<", "\""));
    }

    @Test
    void portfolio_shouldLinkOnlyHttpUrls_whenASourceGivesAJavascriptUrl() {
        // GIVEN: the fixture's second evidence ticket and odd initiatives carry javascript: links
        PortfolioReport report = ReportFixtures.rich();

        // WHEN
        Document page = render(report);

        // THEN
        assertThat(page.select("a[href]").eachAttr("href"))
                .allSatisfy(href -> assertThat(href).matches("#[a-z0-9-]+|https://.+"));
        assertThat(page.select("section#demand a").eachText()).contains("INC000").doesNotContain("OPS-0");
        assertThat(page.select("section#demand td").eachText()).anySatisfy(t -> assertThat(t).contains("OPS-0"));
        assertThat(page.select("section#initiatives h3").get(1).select("a")).isEmpty();
        assertThat(page.select("section#initiatives h3").get(1).text()).isEqualTo("Replace the VPN concentrator 1");
    }

    @Test
    void portfolio_shouldBeSelfContainedForPhoneAndPrint_whenRendered() {
        // GIVEN / WHEN
        String html = html(ReportFixtures.rich());
        Document page = Jsoup.parse(html);

        // THEN
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(page.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .isEqualTo(PortfolioPage.CONTENT_SECURITY_POLICY);
        assertThat(page.select("meta[name=viewport]").attr("content")).isEqualTo("width=device-width, initial-scale=1");
        assertThat(page.select("[src], script, link, img")).isEmpty();
        String css = page.select("head > style").html();
        assertThat(css).contains("@media print", "@media (max-width:640px)", "break-inside:avoid",
                "thead{display:table-header-group}").doesNotContain("url(", "@import", "@font-face");
        assertThat(page.select("style")).hasSize(1);
    }

    @Test
    void portfolio_shouldWriteTheSameBytes_whenRenderedTwice() {
        // GIVEN
        PortfolioReport report = ReportFixtures.rich();

        // WHEN / THEN
        assertThat(HtmlReport.portfolio(report)).isEqualTo(HtmlReport.portfolio(report));
    }

    @Test
    void portfolio_shouldListFlaggedTeamsFirstAndMarkThem_whenCapacityIsKept() {
        // GIVEN / WHEN
        Document page = render(ReportFixtures.rich());

        // THEN
        List<Element> rows = page.select("table.capacity tbody tr:not(.sub)");
        assertThat(rows.get(0).hasClass("flagged")).isTrue();
        assertThat(rows.get(0).select("th").text()).isEqualTo("team-0");
        assertThat(rows.get(1).hasClass("flagged")).isFalse();
        assertThat(rows.get(1).hasAttr("class")).isFalse();
        // each team's services under it
        assertThat(rows.get(0).nextElementSibling().hasClass("sub")).isTrue();
        assertThat(rows.get(0).nextElementSibling().select("th").text()).isEqualTo("service-0");
    }

    @Test
    void portfolio_shouldSayHowOldTheSnapshotIs_whenADayOrMoreOlderThanTheReport() {
        // GIVEN
        PortfolioReport rich = ReportFixtures.rich();
        SupportLoad capacity = rich.capacity();
        PortfolioReport report = withCapacity(rich, new SupportLoad(rich.asOf().minus(Duration.ofDays(3)), capacity.window(),
                capacity.flagShare(), capacity.teams(), capacity.withoutTeam()));

        // WHEN / THEN
        assertThat(render(report).select("section#capacity p.meta").text())
                .contains("This snapshot is 3 days older than the report.");
        assertThat(render(rich).select("section#capacity p.meta").text()).doesNotContain("older than the report");
    }

    @Test
    void portfolio_shouldReplaceControlCharacters_whenATextCarriesThem() {
        // GIVEN
        PortfolioReport report = ReportFixtures.rich(s -> s + "\u001b[31m\u0000\u007f");

        // WHEN
        String html = html(report);

        // THEN
        assertThat(html).doesNotContain("\u001b", "\u0000", "\u007f").contains("service-0\uFFFD[31m\uFFFD\uFFFD");
    }

    private static PortfolioReport withCapacity(PortfolioReport r, SupportLoad capacity) {
        return new PortfolioReport(r.schemaVersion(), r.asOf(), r.window(), r.empty(), r.summary(), r.headline(), r.demands(),
                r.tierCounts(), r.initiatives(), r.services(), capacity, r.dataQuality(), r.provenance());
    }
}
