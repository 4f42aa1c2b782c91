package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceNowExportFormatTest {

    /** The reference log's columns that matter here, in its order and spelling. */
    private static final String LOG_HEADER = "number,incident_state,active,reopen_count,sys_mod_count,opened_by,"
            + "opened_at,sys_updated_at,category,cmdb_ci,priority,assignment_group,resolved_at,closed_at\r\n";

    private static final ExportFormat DEFAULTS = new ServiceNowExportFormat(DemandloopConfig.defaults());

    @TempDir
    Path dir;

    private static List<ImportRow> read(ExportFormat format, Reader csv) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        try (TicketExportReader reader = format.open(csv)) {
            for (ImportRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<ImportRow> read(ExportFormat format, String csv) throws IOException {
        return read(format, new StringReader(csv));
    }

    private static Ticket only(List<ImportRow> rows) {
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).problem()).isNull();
        return rows.get(0).ticket();
    }

    private static String logRow(String state, String modCount) {
        return "INC0000045," + state + ",true,0," + modCount + ",Opened by  8,5/3/2016 12:00,5/3/2016 13:05,"
                + "Category  55,?,2 - Medium,Group  56,?,?\r\n";
    }

    // ---- the reference log's quirks ----

    @Test
    void open_shouldReadAReferenceLogRow_withItsMissingMarkersSpacingDatesAndPriorityLabel() throws IOException {
        // GIVEN a row as the reference log writes it

        // WHEN
        List<ImportRow> rows = read(DEFAULTS, LOG_HEADER + logRow("New", "0"));

        // THEN
        Ticket ticket = only(rows);
        assertThat(ticket.source()).isEqualTo("servicenow");
        assertThat(ticket.sourceId()).isEqualTo("INC0000045");
        assertThat(ticket.kind()).isEqualTo(TicketKind.INCIDENT);
        assertThat(ticket.state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket.priority()).isEqualTo(2);                                      // 2 - Medium
        assertThat(ticket.openedAt()).isEqualTo(Instant.parse("2016-03-05T12:00:00Z")); // day first: 5 March
        assertThat(ticket.sourceUpdatedAt()).isEqualTo(Instant.parse("2016-03-05T13:05:00Z")); // sys_updated_at
        assertThat(ticket.sourceVersion()).isZero();
        assertThat(ticket.category()).isEqualTo("Category 55");                          // inner spaces collapsed
        assertThat(ticket.assignmentGroup()).isEqualTo("Group 56");
        assertThat(ticket.configurationItem()).isNull();                                 // ? is missing
        assertThat(ticket.service()).isEqualTo(Ticket.UNKNOWN_SERVICE);
        assertThat(ticket.resolvedAt()).isNull();
        assertThat(ticket.closedAt()).isNull();
        // the row's values stay as read, for a rejected-rows file
        assertThat(rows.get(0).values()).contains("Opened by  8", "?");
        assertThat(rows.get(0).line()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({
        "New, OPEN",
        "Active, IN_PROGRESS",
        "Awaiting User Info, ON_HOLD",
        "Awaiting Vendor, ON_HOLD",
        "Awaiting Problem, ON_HOLD",
        "Awaiting Evidence, ON_HOLD",
        "Resolved, RESOLVED",
        "Closed, CLOSED"})
    void open_shouldMapEveryIncidentStateOfTheReferenceLog(String label, TicketState expected) throws IOException {
        assertThat(only(read(DEFAULTS, LOG_HEADER + logRow(label, "3"))).state()).isEqualTo(expected);
    }

    @Test
    void open_shouldRejectTheRowWithAReasonAndGoOn_whenTheStateIsMinus100() throws IOException {
        // GIVEN one of the log's garbage rows between two good ones
        String csv = LOG_HEADER + logRow("New", "0") + logRow("-100", "1") + logRow("Active", "2");

        // WHEN
        List<ImportRow> rows = read(DEFAULTS, csv);

        // THEN
        assertThat(rows).extracting(ImportRow::isAccepted).containsExactly(true, false, true);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).problem()).contains("incident_state", "'-100'");
    }

    @Test
    void import_shouldStoreTheHighestVersion_whenModCountsRepeatAndComeOutOfOrder() throws Exception {
        // GIVEN an audit trail whose sys_mod_count has a gap, goes back, and repeats
        String csv = LOG_HEADER + logRow("New", "0") + logRow("Active", "4") + logRow("Awaiting User Info", "2")
                + logRow("Resolved", "5").replace("Group  56", "first") + logRow("Closed", "5")
                + logRow("Active", "3");
        InMemoryTicketRepository repository = new InMemoryTicketRepository();
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);

        // WHEN
        ImportSummary summary = new TicketImporter(repository, 2, 1, Duration.ZERO, d -> { }, System::nanoTime)
                .run(DEFAULTS, new ByteArrayInputStream(bytes), "log.csv", bytes.length, dir.resolve("r.csv"),
                        ImportProgress.NONE);

        // THEN the record is the first row with the highest sys_mod_count
        assertThat(summary.records()).isEqualTo(1);
        assertThat(summary.rowsSuperseded()).isEqualTo(5);
        Ticket stored = repository.find("servicenow", TicketKind.INCIDENT, "INC0000045").orElseThrow();
        assertThat(stored.sourceVersion()).isEqualTo(5);
        assertThat(stored.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(stored.assignmentGroup()).isEqualTo("first");
    }

    // ---- the problem link, symptom and SLA verdict (the log's problem_id, u_symptom, made_sla) ----

    private static final String SIGNALS_HEADER = "number,incident_state,sys_mod_count,opened_at,priority,"
            + "problem_id,u_symptom,made_sla\r\n";

    private static Ticket signalsRow(String problemId, String symptom, String madeSla) throws IOException {
        return only(read(DEFAULTS, SIGNALS_HEADER + "INC0000045,Resolved,3,5/3/2016 12:00,2 - Medium," + problemId
                + "," + symptom + "," + madeSla + "\r\n"));
    }

    @Test
    void open_shouldLinkTheProblem_byTheLogsProblemIdWithItsSpacingCollapsed() throws IOException {
        Ticket ticket = signalsRow("Problem ID  2", "Symptom  491", "false");

        assertThat(ticket.signals()).isEqualTo(new TicketSignals("servicenow#problem#Problem ID 2", "Symptom 491", false));
    }

    @Test
    void open_shouldLinkTwoIncidentsOfOneProblem_underOneKey_whateverTheirSpacing() throws IOException {
        Ticket first = signalsRow("Problem ID  2", "?", "true");
        Ticket second = signalsRow("Problem ID 2", "?", "true");

        assertThat(first.signals().problem()).isEqualTo(second.signals().problem());
    }

    @Test
    void open_shouldGiveNoSignals_whenTheLogWritesQuestionMarks() throws IOException {
        assertThat(signalsRow("?", "?", "?").signals()).isNull();
    }

    @Test
    void open_shouldGiveNoSignals_whenTheColumnsAreAbsent() throws IOException {
        assertThat(only(read(DEFAULTS, LOG_HEADER + logRow("Active", "1"))).signals()).isNull();
    }

    @Test
    void open_shouldKeepTheVerdictAlone_whenTheProblemAndSymptomAreMissing() throws IOException {
        assertThat(signalsRow("?", "", "false").signals()).isEqualTo(new TicketSignals(null, null, false));
    }

    @Test
    void open_shouldRejectTheRowNamingMadeSla_whenItIsNeitherTrueNorFalse() throws IOException {
        List<ImportRow> rows = read(DEFAULTS, SIGNALS_HEADER + "INC0000045,Resolved,3,5/3/2016 12:00,2 - Medium,?,?,"
                + "yes\r\n");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.isAccepted()).isFalse();
            assertThat(row.problem()).contains("made_sla", "'yes'");
        });
    }

    // ---- list exports ----

    @Test
    void open_shouldReadAListExport_withStateCodesOrLabelsAndTheTableFromClassOrNumber() throws IOException {
        // GIVEN a list export in the Table API's dates: codes, labels, sys_class_name and bare numbers mixed
        String csv = "number,state,sys_mod_count,opened_at,priority,sys_class_name,sys_updated_on\r\n"
                + "INC0010001,6,4,2026-11-20 08:00:00,3,,2026-11-20 09:00:00\r\n"         // code, prefix INC
                + "INC0010002,In Progress,2,2026-11-20 08:00:00,1,incident,\r\n"          // label
                + "RITM0010003,Work in Progress,1,2026-11-20 08:00:00,4,,\r\n"            // prefix RITM
                + "PRB0010004,102,1,2026-11-20 08:00:00,3,problem,\r\n"                    // class and code
                + "X-5,-1,1,2026-11-20 08:00:00,3,change_request,\r\n";                    // class wins
        // WHEN
        List<ImportRow> rows = read(DEFAULTS, csv);

        // THEN
        assertThat(rows).allMatch(ImportRow::isAccepted, "accepted");
        assertThat(rows).extracting(r -> r.ticket().kind()).containsExactly(TicketKind.INCIDENT, TicketKind.INCIDENT,
                TicketKind.REQUEST, TicketKind.PROBLEM, TicketKind.CHANGE);
        assertThat(rows).extracting(r -> r.ticket().state()).containsExactly(TicketState.RESOLVED,
                TicketState.IN_PROGRESS, TicketState.IN_PROGRESS, TicketState.IN_PROGRESS, TicketState.IN_PROGRESS);
        assertThat(rows.get(0).ticket().openedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(rows.get(0).ticket().sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(rows.get(2).ticket().key()).isEqualTo("servicenow#request#RITM0010003");
    }

    // ---- input and header ----

    @Test
    void open_shouldReadTheCsvEntryOfAZip_whenAMacOsFolderComesFirst() throws IOException {
        // GIVEN a zip as macOS's archiver makes it, the resource fork first
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("__MACOSX/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("__MACOSX/._incident_event_log.csv"));
            zip.write(new byte[] {0, 5, 22, 7, 0, 2, 0, 0, 'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X'});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("incident_event_log.csv"));
            zip.write((LOG_HEADER + logRow("New", "0") + logRow("Closed", "1")).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        // WHEN
        List<ImportRow> rows = read(DEFAULTS, ExportInput.open(new ByteArrayInputStream(zipped.toByteArray()),
                "incident_event_log.csv.zip"));

        // THEN
        assertThat(rows).hasSize(2).allMatch(ImportRow::isAccepted, "accepted");
        assertThat(rows.get(1).ticket().state()).isEqualTo(TicketState.CLOSED);
    }

    @Test
    void open_shouldThrowNamingTheColumns_whenTheHeaderLacksNumberAndModCount() {
        assertThatThrownBy(() -> read(DEFAULTS, "incident_state,opened_at,priority\r\nNew,5/3/2016 12:00,3\r\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("number")
                .hasMessageContaining("sys_mod_count");
    }

    @Test
    void open_shouldThrowNamingTheStateColumns_whenTheHeaderHasNoState() {
        assertThatThrownBy(() -> read(DEFAULTS, "number,sys_mod_count,opened_at,priority\r\nINC1,0,5/3/2016 12:00,3\r\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("state")
                .hasMessageContaining("incident_state");
    }

    // ---- dates ----

    @ParameterizedTest
    @CsvSource({
        "5/3/2016 12:00, 2016-03-05T12:00:00Z",
        "05/03/2016 09:07, 2016-03-05T09:07:00Z",
        "31/12/2016 23:59:30, 2016-12-31T23:59:30Z",
        "2016-03-05 12:00:00, 2016-03-05T12:00:00Z"})
    void open_shouldReadDayFirstDatesByDefault_andTheTableApiFormatToo(String written, String expected)
            throws IOException {
        String csv = LOG_HEADER + logRow("New", "0").replace("5/3/2016 12:00", written);

        assertThat(only(read(DEFAULTS, csv)).openedAt()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void open_shouldRejectTheRow_whenADateIsNotOfTheDayFirstFormat() throws IOException {
        // 13 is no month: a month-first date is refused rather than read wrongly
        List<ImportRow> rows = read(DEFAULTS, LOG_HEADER + logRow("New", "0").replace("5/3/2016 12:00", "3/13/2016 12:00"));

        assertThat(rows.get(0).problem()).contains("opened_at", "3/13/2016 12:00");
    }

    @Test
    void open_shouldReadTheConfiguredDateFormatInTheConfiguredZone() throws IOException {
        // GIVEN an export written month first with AM/PM, in New York time
        ExportFormat format = new ServiceNowExportFormat(DemandloopConfig.fromYaml("""
                imports:
                  servicenow:
                    dates:
                      format: "MM-dd-yyyy hh:mm:ss a"
                      zone: America/New_York
                """));
        String csv = "number,incident_state,sys_mod_count,opened_at,priority,resolved_at\r\n"
                + "INC1,Resolved,2,03-05-2016 01:30:00 PM,3,07-04-2016 09:00:00 AM\r\n";

        // WHEN
        Ticket ticket = only(read(format, csv));

        // THEN standard time in March, daylight saving time in July
        assertThat(ticket.openedAt()).isEqualTo(Instant.parse("2016-03-05T18:30:00Z"));
        assertThat(ticket.resolvedAt()).isEqualTo(Instant.parse("2016-07-04T13:00:00Z"));
    }

    @Test
    void new_shouldNameTheKey_whenTheZoneIsInvalid() {
        assertThatThrownBy(() -> new ServiceNowExportFormat(DemandloopConfig.fromYaml("""
                imports:
                  servicenow:
                    dates: {zone: Mars/Olympus_Mons}
                """)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.servicenow.dates.zone")
                .hasMessageContaining("Mars/Olympus_Mons");
    }

    @Test
    void new_shouldNameTheKey_whenThePatternIsInvalid() {
        assertThatThrownBy(() -> new ServiceNowExportFormat(DemandloopConfig.fromYaml("""
                imports:
                  servicenow:
                    dates: {format: "dd/MM/yyyy {HH}"}
                """)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.servicenow.dates.format");
    }
}
