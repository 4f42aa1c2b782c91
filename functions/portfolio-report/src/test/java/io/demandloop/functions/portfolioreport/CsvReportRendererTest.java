package io.demandloop.functions.portfolioreport;

import static io.demandloop.functions.portfolioreport.TestTickets.open;
import static io.demandloop.functions.portfolioreport.TestTickets.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReportRendererTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryReportStore reports = new InMemoryReportStore();

    @Test
    void renderServices_shouldWriteHeaderAndOneRowPerService_withCrlfLineEnds() {
        // GIVEN
        tickets.store(open("p1", "payments", AS_OF.minus(Duration.ofDays(1))));
        tickets.store(resolved("e1", "email", AS_OF.minus(Duration.ofDays(3)), AS_OF.minus(Duration.ofDays(2))));

        // WHEN
        String csv = publishAndRead("portfolio-services.csv");

        // THEN
        assertThat(csv).startsWith(String.join(",", CsvReportRenderer.HEADER) + "\r\n")
                .contains("\r\npayments,medium,,,1,0,1,0,0,,,0,0,0,,0,0,0,0,0,,2026-11-22T05:30:00Z,"
                        + "2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n")
                .contains("\r\nemail,medium,,,1,0,0,1,0,24,24,0,0,0,,0,0,0,0,0,,2026-11-22T05:30:00Z,");
        assertThat(csv.split("\r\n")).hasSize(3);
    }

    @Test
    void renderServices_shouldQuotePerRfc4180_whenServiceHoldsCommaQuoteOrLineBreak() {
        // GIVEN
        tickets.store(open("1", "Billing, \"EU\"", AS_OF.minus(Duration.ofDays(1))));
        tickets.store(open("2", "line\nbreak", AS_OF.minus(Duration.ofDays(2))));

        // WHEN
        String csv = publishAndRead("portfolio-services.csv");

        // THEN
        assertThat(csv).contains("\r\n\"Billing, \"\"EU\"\"\",medium,")
                .contains("\r\n\"line\nbreak\",medium,");
    }

    @Test
    void renderServices_shouldGuardAgainstFormulaInjection_whenServiceStartsLikeFormula() {
        // GIVEN
        tickets.store(open("1", "=HYPERLINK(\"http://evil\",\"x\")", AS_OF.minus(Duration.ofDays(1))));
        tickets.store(open("2", "@SUM(A1)", AS_OF.minus(Duration.ofDays(2))));

        // WHEN
        String csv = publishAndRead("portfolio-services.csv");

        // THEN
        assertThat(csv).contains("\r\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",medium,")
                .contains("\r\n\"'@SUM(A1)\",medium,")
                .doesNotContain("\r\n=", "\r\n@", "\r\n\"=", "\r\n\"@");
    }

    @Test
    void renderCapacity_shouldGuardAndQuoteTeamAndServiceNames_likeEveryCsv() {
        // GIVEN
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        demands.saveCapacity(TestSnapshots.snapshot(AS_OF.minus(Duration.ofHours(1)), "=cmd|' /C calc'!A0",
                "Billing, \"EU\"", "@SUM(A1)"));

        // WHEN
        PortfolioReportService.builder(tickets, reports, new RecordingEventPublisher()).windowDays(90)
                .demands(demands, 0.5).build().publish(AS_OF);
        String csv = reports.objects().get("reports/latest/portfolio-capacity.csv").text();

        // THEN
        assertThat(csv).contains("\r\n\"'=cmd|' /C calc'!A0\",40,48,1.2,true,\"Billing, \"\"EU\"\"\",42,")
                .contains("\r\n,,,,,\"'@SUM(A1)\",1.4,")
                .doesNotContain("\r\n=", ",@");
    }

    @Test
    void renderEveryTable_shouldWriteOneFilePerTable_eachWithItsHeader() {
        // GIVEN
        tickets.store(open("p1", "payments", AS_OF.minus(Duration.ofDays(1))));

        // WHEN
        PortfolioReportService.builder(tickets, reports, new RecordingEventPublisher()).build().publish(AS_OF);

        // THEN
        assertThat(reports.objects().get("reports/latest/portfolio-demands.csv").text())
                .isEqualTo(String.join(",", DemandsCsvReportRenderer.HEADER) + "\r\n");
        assertThat(reports.objects().get("reports/latest/portfolio-initiatives.csv").text())
                .isEqualTo(String.join(",", InitiativesCsvReportRenderer.HEADER) + "\r\n");
        assertThat(reports.objects().get("reports/latest/portfolio-sla.csv").text())
                .isEqualTo(String.join(",", SlaCsvReportRenderer.HEADER) + "\r\n");
        assertThat(reports.objects().get("reports/latest/portfolio-data-quality.csv").text())
                .isEqualTo(String.join(",", DataQualityCsvReportRenderer.HEADER) + "\r\n"
                        + "refused,,,,false,,,2026-11-22T05:30:00Z\r\n"
                        + "dead-letters,,,,false,,,2026-11-22T05:30:00Z\r\n"
                        + "unknown-service,,,0,true,,,2026-11-22T05:30:00Z\r\n"
                        + "newest-record,servicenow,,,true,2026-11-21T05:30:00Z,1,2026-11-22T05:30:00Z\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=1+2        | `\"'=1+2\"`",
            "+1          | `\"'+1\"`",
            "-1          | `\"'-1\"`",
            "@cmd        | `\"'@cmd\"`",
            "`\tx`       | `\"'\tx\"`",
            "`\rx`       | `\"'\rx\"`",
            "`=a,b`      | `\"'=a,b\"`",
            "payments    | payments",
            "a=b         | a=b",
            "`say \"hi\"` | `\"say \"\"hi\"\"\"`"})
    void text_shouldPrefixAQuoteAndQuoteTheCell_whenItStartsLikeAFormula(String value, String expected) {
        // GIVEN / WHEN
        String cell = CsvTable.cell(value);

        // THEN
        assertThat(cell).isEqualTo(expected);
    }

    @Test
    void cell_shouldLeaveNumbersDatesAndBooleansAsValues_evenWhenNegative() {
        // GIVEN / WHEN / THEN
        assertThat(CsvTable.cell(-3)).isEqualTo("-3");
        assertThat(CsvTable.cell(-0.25)).isEqualTo("-0.25");
        assertThat(CsvTable.cell(1.0E-4)).isEqualTo("0.0001");
        assertThat(CsvTable.cell(12.50)).isEqualTo("12.5");
        assertThat(CsvTable.cell(LocalDate.of(2026, 12, 7))).isEqualTo("2026-12-07");
        assertThat(CsvTable.cell(true)).isEqualTo("true");
        assertThat(CsvTable.cell(null)).isEmpty();
        // the same characters as text are guarded: a title "-3" is text a person typed
        assertThat(CsvTable.cell("-3")).isEqualTo("\"'-3\"");
    }

    @Test
    void cell_shouldRefuseNonFiniteNumbers_namingTheValue() {
        // GIVEN / WHEN / THEN
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvTable.cell(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    private String publishAndRead(String file) {
        PortfolioReportService.builder(tickets, reports, new RecordingEventPublisher()).windowDays(90).build()
                .publish(AS_OF);
        return reports.objects().get("reports/latest/" + file).text();
    }
}
