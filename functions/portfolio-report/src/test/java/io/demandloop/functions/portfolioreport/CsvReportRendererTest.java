package io.demandloop.functions.portfolioreport;

import static io.demandloop.functions.portfolioreport.TestTickets.open;
import static io.demandloop.functions.portfolioreport.TestTickets.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.InMemoryDemandRepository;
import io.demandloop.shared.testing.InMemoryReportStore;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReportRendererTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryReportStore reports = new InMemoryReportStore();

    @Test
    void render_shouldWriteHeaderAndOneRowPerService_withCrlfLineEnds() {
        // GIVEN
        tickets.store(open("p1", "payments", AS_OF.minus(Duration.ofDays(1))));
        tickets.store(resolved("e1", "email", AS_OF.minus(Duration.ofDays(3)), AS_OF.minus(Duration.ofDays(2))));

        // WHEN
        String csv = publishAndReadCsv();

        // THEN
        assertThat(csv).isEqualTo(
                "service,incidents_opened,incidents_open,incidents_resolved,incidents_cancelled,as_of,window_from,window_to\r\n"
                + "payments,1,1,0,0,2026-11-22T05:30:00Z,2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n"
                + "email,1,0,1,0,2026-11-22T05:30:00Z,2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n");
    }

    @Test
    void render_shouldQuotePerRfc4180_whenServiceHoldsCommaQuoteOrLineBreak() {
        // GIVEN
        tickets.store(open("1", "Billing, \"EU\"", AS_OF.minus(Duration.ofDays(1))));
        tickets.store(open("2", "line\nbreak", AS_OF.minus(Duration.ofDays(2))));

        // WHEN
        String csv = publishAndReadCsv();

        // THEN
        assertThat(csv).contains("\r\n\"Billing, \"\"EU\"\"\",1,1,0,0,")
                .contains("\r\n\"line\nbreak\",1,1,0,0,");
    }

    @Test
    void render_shouldGuardAgainstFormulaInjection_whenServiceStartsLikeFormula() {
        // GIVEN
        tickets.store(open("1", "=HYPERLINK(\"http://evil\",\"x\")", AS_OF.minus(Duration.ofDays(1))));
        tickets.store(open("2", "@SUM(A1)", AS_OF.minus(Duration.ofDays(2))));

        // WHEN
        String csv = publishAndReadCsv();

        // THEN
        assertThat(csv).contains("\r\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",1,1,0,0,")
                .contains("\r\n'@SUM(A1),1,1,0,0,")
                .doesNotContain("\r\n=", "\r\n@", "\r\n\"=");
    }

    @Test
    void renderCapacity_shouldGuardAndQuoteTeamAndServiceNames_likeEveryCsv() {
        // GIVEN
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        demands.saveCapacity(TestSnapshots.snapshot(AS_OF.minus(Duration.ofHours(1)), "=cmd|' /C calc'!A0",
                "Billing, \"EU\"", "@SUM(A1)"));

        // WHEN
        new PortfolioReportService(tickets, null, null, demands, 0.5, reports, new RecordingEventPublisher(), 90)
                .publish(AS_OF);
        String csv = reports.objects().get("reports/latest/portfolio-capacity.csv").text();

        // THEN
        assertThat(csv).contains("\r\n'=cmd|' /C calc'!A0,40,48,1.2,true,\"Billing, \"\"EU\"\"\",42,")
                .contains("\r\n,,,,,'@SUM(A1),1.4,")
                .doesNotContain("\r\n=", ",@");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=1+2        | '=1+2",
            "+1          | '+1",
            "-1          | '-1",
            "@cmd        | '@cmd",
            "`\tx`       | `'\tx`",
            "`\rx`       | `\"'\rx\"`",
            "`=a,b`      | `\"'=a,b\"`",
            "payments    | payments",
            "a=b         | a=b",
            "`say \"hi\"` | `\"say \"\"hi\"\"\"`"})
    void cell_shouldGuardThenQuote(String value, String expected) {
        // GIVEN / WHEN
        String cell = CsvReportRenderer.cell(value);

        // THEN
        assertThat(cell).isEqualTo(expected);
    }

    private String publishAndReadCsv() {
        new PortfolioReportService(tickets, reports, new RecordingEventPublisher(), 90).publish(AS_OF);
        return reports.objects().get("reports/latest/portfolio.csv").text();
    }
}
