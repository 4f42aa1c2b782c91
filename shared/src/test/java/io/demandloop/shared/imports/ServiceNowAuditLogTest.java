package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceNowAuditLogTest {

    /** The reference export's header, verbatim. */
    static final String HEADER = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,"
            + "caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,"
            + "location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,"
            + "knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,"
            + "resolved_at,closed_at\n";

    /** The reference export's first row, verbatim. */
    static final String FIRST_ROW = "INC0000045,New,true,0,0,0,true,Caller 2403,Opened by  8,29/2/2016 01:16,"
            + "Created by 6,29/2/2016 01:23,Updated by 21,29/2/2016 01:23,Phone,Location 143,Category 55,"
            + "Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,true,false,Do Not Notify,"
            + "?,?,?,?,code 5,Resolved by 149,29/2/2016 11:29,5/3/2016 12:00\n";

    private final List<RowProblem> problems = new ArrayList<>();

    private List<ServiceNowAuditRow> read(String csv) throws IOException {
        try (ServiceNowAuditLog log = ServiceNowAuditLog.read(new StringReader(csv), problems::add)) {
            return drain(log);
        }
    }

    private static List<ServiceNowAuditRow> drain(ServiceNowAuditLog log) throws IOException {
        List<ServiceNowAuditRow> rows = new ArrayList<>();
        for (ServiceNowAuditRow row = log.next(); row != null; row = log.next()) {
            rows.add(row);
        }
        return rows;
    }

    /** The first row with one column replaced. */
    private static String rowWith(String column, String value) {
        String[] names = HEADER.strip().split(",");
        String[] values = FIRST_ROW.strip().split(",", -1);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(column)) {
                values[i] = value;
            }
        }
        return String.join(",", values) + "\n";
    }

    @Test
    void next_shouldTypeEveryColumnOfTheReferenceRow() throws IOException {
        // GIVEN
        String csv = HEADER + FIRST_ROW;

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(problems).isEmpty();
        assertThat(rows).singleElement().isEqualTo(new ServiceNowAuditRow(2, "INC0000045", "New", true, 0, 0, 0, true,
                "Caller 2403", "Opened by 8", Instant.parse("2016-02-29T01:16:00Z"), "Created by 6",
                Instant.parse("2016-02-29T01:23:00Z"), "Updated by 21", Instant.parse("2016-02-29T01:23:00Z"), "Phone",
                "Location 143", "Category 55", "Subcategory 170", "Symptom 72", null, 2, 2, 3, "Group 56", null, true,
                false, "Do Not Notify", null, null, null, null, "code 5", "Resolved by 149",
                Instant.parse("2016-02-29T11:29:00Z"), Instant.parse("2016-03-05T12:00:00Z")));
    }

    @Test
    void next_shouldReadQuestionMarkAndEmptyAsMissing() throws IOException {
        // GIVEN
        String csv = HEADER + rowWith("category", "?") + rowWith("category", "") + rowWith("category", " ? ");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::category).containsExactly(null, null, null);
    }

    @Test
    void next_shouldTrimAndCollapseSpacing() throws IOException {
        // GIVEN
        String csv = HEADER + rowWith("problem_id", "  Problem ID  2 ") + rowWith("location", "\"Location\t 7\"");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows.get(0).problemId()).isEqualTo("Problem ID 2");
        assertThat(rows.get(1).location()).isEqualTo("Location 7");
    }

    @Test
    void next_shouldReadDatesDayFirst_asUtc() throws IOException {
        // GIVEN 5/3/2016 is 5 March; single-digit hours and seconds occur in other exports
        String csv = HEADER + rowWith("sys_updated_at", "5/3/2016 9:07") + rowWith("sys_updated_at", "31/12/2016 23:59:58");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::sysUpdatedAt).containsExactly(
                Instant.parse("2016-03-05T09:07:00Z"), Instant.parse("2016-12-31T23:59:58Z"));
    }

    @Test
    void next_shouldReportAnUnreadableDate_namingColumnAndValue() throws IOException {
        // GIVEN month first, an impossible day, and ISO
        String csv = HEADER + rowWith("opened_at", "2/29/2016 01:16") + rowWith("opened_at", "31/4/2016 10:00")
                + rowWith("opened_at", "2016-02-29T01:16");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).isEmpty();
        assertThat(problems).extracting(RowProblem::line).containsExactly(2L, 3L, 4L);
        assertThat(problems).extracting(RowProblem::reason)
                .allSatisfy(reason -> assertThat(reason).startsWith("opened_at '"));
    }

    @Test
    void next_shouldReportTheGarbageMinus100State_asARowProblemWithItsReason() throws IOException {
        // GIVEN
        String csv = HEADER + FIRST_ROW + rowWith("incident_state", "-100") + FIRST_ROW;

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::line).containsExactly(2L, 4L);
        assertThat(rows).extracting(ServiceNowAuditRow::incidentState).containsExactly("New", "New");
        assertThat(problems).containsExactly(new RowProblem(3, "incident_state '-100' is not a state name"));
    }

    @Test
    void next_shouldKeepStateNamesAndStateCodes_asWritten() throws IOException {
        // GIVEN names from the reference export, and a code from an export without display values
        String csv = HEADER + rowWith("incident_state", "Awaiting  User Info") + rowWith("incident_state", "6");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::incidentState).containsExactly("Awaiting User Info", "6");
        assertThat(problems).isEmpty();
    }

    @Test
    void next_shouldReadImpactUrgencyAndPriorityAsNumbers() throws IOException {
        // GIVEN
        String csv = HEADER + rowWith("priority", "1 - Critical") + rowWith("priority", "4 - Low")
                + rowWith("priority", "5") + rowWith("priority", "2 -Medium") + rowWith("priority", "?") + rowWith("priority", "9 - Huge")
                + rowWith("priority", "High");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::priority).containsExactly(1, 4, 5, 2, null);
        assertThat(problems).extracting(RowProblem::reason).containsExactly(
                "priority '9 - Huge' is not a level from 1 to 5", "priority 'High' is not a level from 1 to 5");
    }

    @Test
    void next_shouldKeepSysModCountAsWritten_withGapsDuplicatesAndOutOfOrder() throws IOException {
        // GIVEN ordering is the caller's business: the reader must not drop or reorder anything
        String csv = HEADER + rowWith("sys_mod_count", "0") + rowWith("sys_mod_count", "3")
                + rowWith("sys_mod_count", "3") + rowWith("sys_mod_count", "2");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::sysModCount).containsExactly(0, 3, 3, 2);
    }

    @Test
    void next_shouldReportBadCountsFlagsAndAMissingNumber() throws IOException {
        // GIVEN
        String csv = HEADER + rowWith("reopen_count", "-1") + rowWith("active", "yes") + rowWith("number", "?");

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).isEmpty();
        assertThat(problems).extracting(RowProblem::reason).containsExactly(
                "reopen_count '-1' is not a count", "active 'yes' is neither true nor false", "number is missing");
    }

    @Test
    void read_shouldLeaveOptionalColumnsNull_whenAnExportOmitsThem() throws IOException {
        // GIVEN
        String csv = "number,incident_state,sys_mod_count,opened_at,sys_updated_at\n"
                + "INC1,Active,4,1/3/2016 10:00,2/3/2016 11:00\n";

        // WHEN
        List<ServiceNowAuditRow> rows = read(csv);

        // THEN
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.number()).isEqualTo("INC1");
            assertThat(row.sysModCount()).isEqualTo(4);
            assertThat(row.priority()).isNull();
            assertThat(row.category()).isNull();
        });
    }

    @Test
    void read_shouldFailAtOnce_whenRequiredColumnsAreMissing() {
        // GIVEN
        String csv = "number,state\nINC1,New\n";

        // WHEN / THEN
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("[incident_state, sys_mod_count, opened_at, sys_updated_at]");
    }

    @Test
    void open_shouldReadTheCsvEntryOfAZip_skippingMacOsResourceForks(@TempDir Path dir) throws IOException {
        // GIVEN a zip whose first entry is the macOS fork, as in the reference file
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("__MACOSX/._incident_event_log.csv"));
            zip.write(new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
            zip.putNextEntry(new ZipEntry("incident_event_log.csv"));
            zip.write((HEADER + FIRST_ROW).getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(dir.resolve("export.zip"), bytes.toByteArray());

        // WHEN
        List<ServiceNowAuditRow> rows;
        try (ServiceNowAuditLog log = ServiceNowAuditLog.open(file, problems::add)) {
            rows = drain(log);
        }

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::number).containsExactly("INC0000045");
        assertThat(problems).isEmpty();
    }

    @Test
    void open_shouldReadAPlainCsvFile_withAByteOrderMark(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = Files.writeString(dir.resolve("export.csv"), "\uFEFF" + HEADER + FIRST_ROW);

        // WHEN
        List<ServiceNowAuditRow> rows;
        try (ServiceNowAuditLog log = ServiceNowAuditLog.open(file, problems::add)) {
            rows = drain(log);
        }

        // THEN
        assertThat(rows).extracting(ServiceNowAuditRow::number).containsExactly("INC0000045");
    }

    @Test
    void open_shouldFail_whenAZipHoldsNoCsv(@TempDir Path dir) throws IOException {
        // GIVEN
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("__MACOSX/._incident_event_log.csv"));
            zip.write(new byte[] {0, 5});
        }
        Path file = Files.write(dir.resolve("export.zip"), bytes.toByteArray());

        // WHEN / THEN
        assertThatThrownBy(() -> ServiceNowAuditLog.open(file, problems::add))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("no .csv entry");
    }
}
