package io.demandloop.functions.portfolioreport;

import static io.demandloop.functions.portfolioreport.TestTickets.open;
import static io.demandloop.functions.portfolioreport.TestTickets.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.InMemoryDemandRepository;
import io.demandloop.shared.testing.InMemoryReportStore;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String QUOTES = "O'Brien \"quoted\" & co";

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryReportStore reports = new InMemoryReportStore();

    @Test
    void render_shouldEscapeEveryTicketText_whenServiceCarriesMarkupAndQuotes() {
        // GIVEN
        tickets.store(open("1", SCRIPT, daysBefore(1)));
        tickets.store(open("2", QUOTES, daysBefore(2)));
        tickets.store(open("3", "\"><img src=x onerror=alert(1)>", daysBefore(3)));

        // WHEN
        String html = publishAndReadHtml(90);

        // THEN
        assertThat(html).doesNotContain(SCRIPT, "<script", QUOTES, "\"quoted\"", "<img", "O'Brien");
        assertThat(html).contains(
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "O&#39;Brien &quot;quoted&quot; &amp; co",
                "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void render_shouldBeSelfContainedUnderStrictPolicy_whenRendered() {
        // GIVEN
        tickets.store(open("1", "payments", daysBefore(1)));

        // WHEN
        String html = publishAndReadHtml(90);

        // THEN
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                        + "style-src &#39;unsafe-inline&#39;; img-src data:\">")
                .doesNotContain("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import",
                        "http://", "https://", "//", "javascript:", " on");
    }

    @Test
    void render_shouldShowHeadlineTilesChartAndTable_whenIncidentsInWindow() {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(1)));
        tickets.store(open("p2", "payments", daysBefore(2)));
        tickets.store(resolved("p3", "payments", daysBefore(3), daysBefore(2)));
        tickets.store(resolved("e1", "email", daysBefore(4), daysBefore(3)));

        // WHEN
        String html = publishAndReadHtml(90);

        // THEN
        assertThat(html)
                .contains("<title>Portfolio report, 22 November 2026</title>")
                .contains("As of <time datetime=\"2026-11-22T05:30:00Z\">22 November 2026, 05:30 UTC</time>")
                .contains("Incidents opened from 24 August 2026 to 22 November 2026 (90 days).")
                .contains("<p class=\"headline\">0 demands; 4 incidents across 2 services in the 90 days to 2026-11-22.</p>")
                .contains("<svg class=\"chart\"", "<table>")
                .contains("<td class=\"service\">payments</td><td class=\"num\">3</td>"
                        + "<td class=\"num attention\">2</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>");
        assertThat(occurrences(html, "<g>")).isEqualTo(2);
        assertThat(html.indexOf(">payments</text>")).isLessThan(html.indexOf(">email</text>"));
    }

    @Test
    void render_shouldUseSingularsAndNone_whenCountsAreOneOrZero() {
        // GIVEN
        tickets.store(resolved("p1", "payments", AS_OF.minus(Duration.ofHours(2)), AS_OF.minus(Duration.ofHours(1))));

        // WHEN
        String html = publishAndReadHtml(1);

        // THEN
        assertThat(html).contains("0 demands; 1 incident across 1 service in the 1 day to 2026-11-22.")
                .contains("<span class=\"value\">0</span><span class=\"label\">still open</span>");
    }

    @Test
    void render_shouldChartTopServicesOnly_whenManyServices() {
        // GIVEN
        List<Ticket> many = new ArrayList<>();
        for (int i = 0; i < HtmlReportRenderer.CHART_LIMIT + 5; i++) {
            many.add(open("t" + i, String.format("service-%02d", i), daysBefore(1)));
        }
        many.forEach(tickets::store);

        // WHEN
        String html = publishAndReadHtml(90);

        // THEN
        assertThat(occurrences(html, "<g>")).isEqualTo(HtmlReportRenderer.CHART_LIMIT);
        assertThat(occurrences(html, "<td class=\"service\">")).isEqualTo(HtmlReportRenderer.CHART_LIMIT + 5);
        assertThat(html).contains("The 20 services with the most open incidents, of 25; the table lists every service.");
    }

    @Test
    void render_shouldTruncateLongNamesInChartOnly_whenNameIsLong() {
        // GIVEN
        String name = "a-very-long-service-name-that-goes-on-and-on";
        tickets.store(open("1", name, daysBefore(1)));

        // WHEN
        String html = publishAndReadHtml(90);

        // THEN
        assertThat(html).contains(">a-very-long-service-name-that\u2026</text>")
                .contains("<td class=\"service\">" + name + "</td>");
    }

    @Test
    void render_shouldEscapeTeamAndServiceNames_inTheSupportLoadSection() {
        // GIVEN a snapshot whose team and services carry markup
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        demands.saveCapacity(TestSnapshots.snapshot(daysBefore(1), SCRIPT, QUOTES, "\"><img src=x onerror=alert(1)>"));

        // WHEN
        String html = publishAndReadHtml(demands, 0.5);

        // THEN
        assertThat(html).doesNotContain(SCRIPT, "<script", QUOTES, "<img", "O'Brien")
                .contains("<th scope=\"row\" class=\"service\">&lt;script&gt;alert(1)&lt;/script&gt;</th>",
                        "<td class=\"service sub\">O&#39;Brien &quot;quoted&quot; &amp; co</td>",
                        "<td class=\"service sub\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>");
    }

    @Test
    void render_shouldKeepTheSupportLoadSectionUnderTheStrictPolicy_andSayHowOldTheSnapshotIs() {
        // GIVEN a snapshot three days older than the report, and no incident
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        demands.saveCapacity(TestSnapshots.snapshot(daysBefore(3)));

        // WHEN
        String html = publishAndReadHtml(demands, 1.0);

        // THEN the section is there without incidents, flags only the team over its capacity, and says its age
        assertThat(html).contains("No incident was opened between", "<h2>Support load against team capacity</h2>",
                        "takes 100.0 % of its capacity or more is flagged.",
                        "This snapshot is 3 days older than the report",
                        "<td class=\"num attention\">120.0 %, over capacity</td>",
                        "<td class=\"num\">55.0 %</td>")
                .doesNotContain("<script", "<link", "<img", "src=", "url(", "http://", "https://", "//",
                        "javascript:", " on");
        // the only links are the headline's, down to an anchor of the same page
        assertThat(html.replaceAll("href=\"#team-[a-z0-9-]+\"", "")).doesNotContain("href=");
        assertThat(occurrences(html, "class=\"team flagged\"")).isOne();
    }

    @Test
    void render_shouldExplainTheMissingShares_whenNoTeamIsConfigured() {
        // GIVEN a snapshot of the packaged configuration: no team, services with load
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        Instant at = daysBefore(0).minus(Duration.ofMinutes(30));
        demands.saveCapacity(new io.demandloop.shared.demand.CapacitySnapshot(at, "30d", at.minus(Duration.ofDays(30)),
                List.of(), TestSnapshots.snapshot(at).withoutTeam()));

        // WHEN
        String html = publishAndReadHtml(demands, 0.5);

        // THEN
        assertThat(html).contains("No team is configured (services.teams), so these services have no share",
                "<td class=\"service sub\">VPN</td>", "<td class=\"num\">&#8211;</td>");
    }

    @Test
    void escape_shouldReplaceControlCharacters_andKeepSurrogatePairs() {
        // GIVEN
        String text = "a\u0000b\u001bc\td\u007f\uD83D\uDE00";

        // WHEN
        String escaped = HtmlReportRenderer.escape(text);

        // THEN
        assertThat(escaped).isEqualTo("a\uFFFDb\uFFFDc\td\uFFFD\uD83D\uDE00");
    }

    @Test
    void barWidth_shouldScaleToLongestBar_andKeepSmallValuesVisible() {
        // GIVEN / WHEN / THEN
        assertThat(HtmlReportRenderer.barWidth(10, 10)).isEqualTo(450);
        assertThat(HtmlReportRenderer.barWidth(5, 10)).isEqualTo(225);
        assertThat(HtmlReportRenderer.barWidth(1, 1000)).isEqualTo(2);
        assertThat(HtmlReportRenderer.barWidth(0, 10)).isZero();
    }

    private String publishAndReadHtml(InMemoryDemandRepository demands, double flagShare) {
        PortfolioReportService.builder(tickets, reports, new RecordingEventPublisher()).windowDays(90)
                .demands(demands, flagShare).build().publish(AS_OF);
        return reports.objects().get("reports/latest/portfolio.html").text();
    }

    private String publishAndReadHtml(int windowDays) {
        PortfolioReportService.builder(tickets, reports, new RecordingEventPublisher()).windowDays(windowDays).build()
                .publish(AS_OF);
        return reports.objects().get("reports/latest/portfolio.html").text();
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
