package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.mapped.MappedNormaliser;
import io.demandloop.shared.source.mapped.MappedSources;
import io.demandloop.shared.source.mapped.MappingSpec;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MappedCsvFormatTest {

    private static final String EXAMPLE_CSV = "examples/generic-csv/tickets.csv";
    private static final String EXAMPLE_MAPPING = "examples/generic-csv/mapping.yaml";

    /** A small mapping for the inline exports below. */
    private static final String MAPPING = """
            imports:
              csv:
                source: acme-desk
                kind: incident
                version: {field: Revision, as: number}
                missing: ["N/A", "-"]
                dates: {format: "dd.MM.yyyy HH:mm", zone: Europe/Berlin}
                link: https://desk.acme.example/tickets/{id}
                fields:
                  id: Ticket ID
                  title: Subject
                  service: [Service, Component/s]
                  priority: {field: Priority, values: {P1: 1, P2: 2, P3: 3, P4: 4}}
                  state: {field: Status, values: {New: open, In Progress: in_progress, Done: resolved}}
                  openedAt: Created
                  resolvedAt: Resolved
            """;

    private static final String HEADER = "Ticket ID,Subject,Service,Component/s,Priority,Status,Created,Resolved,Revision\n";

    // ---- the example, read as the CLI reads it ----

    @Test
    void example_shouldImportEveryRow_whenReadWithItsMapping() throws IOException {
        // GIVEN the example mapping laid over the defaults, as ./demandloop import csv … --mapping … does
        ExportFormat format = ExportFormats.create("csv", exampleConfig());

        // WHEN the example export is read
        List<ImportRow> rows;
        try (InputStream in = Files.newInputStream(ProjectFiles.path(EXAMPLE_CSV))) {
            rows = readAll(format, ExportInput.open(in, EXAMPLE_CSV));
        }

        // THEN every row is a ticket, in file order
        assertThat(rows).allSatisfy(row -> assertThat(row.problem()).isNull());
        assertThat(rows).extracting(row -> row.ticket().sourceId())
                .containsExactly("AD-1001", "AD-1002", "AD-1003", "AD-1004", "AD-1005", "AD-1006", "AD-1007",
                        "AD-1008", "AD-1009", "AD-1010", "AD-1011", "AD-1012");
        Map<String, Ticket> byId = rows.stream().map(ImportRow::ticket)
                .collect(Collectors.toMap(Ticket::sourceId, Function.identity()));

        // a fully mapped row, with a quoted two-line subject, dates in Berlin winter time and effort in hours
        Ticket payroll = byId.get("AD-1004");
        assertThat(payroll.key()).isEqualTo("acme-desk#incident#AD-1004");
        assertThat(payroll.number()).isEqualTo("AD-1004");
        assertThat(payroll.title()).isEqualTo("Payroll batch aborted at step 7\nError log attached to the ticket");
        assertThat(payroll.service()).isEqualTo("Payroll");
        assertThat(payroll.priority()).isEqualTo(1);
        assertThat(payroll.state()).isEqualTo(TicketState.CLOSED);
        assertThat(payroll.openedAt()).isEqualTo(Instant.parse("2025-02-25T22:40:00Z"));
        assertThat(payroll.resolvedAt()).isEqualTo(Instant.parse("2025-02-26T01:15:00Z"));
        assertThat(payroll.closedAt()).isEqualTo(Instant.parse("2025-02-27T07:00:00Z"));
        assertThat(payroll.sourceUpdatedAt()).isEqualTo(Instant.parse("2025-02-27T07:00:00Z"));
        assertThat(payroll.sourceVersion()).isEqualTo(9);
        assertThat(payroll.assignmentGroup()).isEqualTo("Payroll Ops");
        assertThat(payroll.category()).isEqualTo("Batch");
        assertThat(payroll.effortMinutes()).isEqualTo(255);
        assertThat(payroll.link()).isEqualTo("https://desk.acme.example/tickets/AD-1004");

        // quotes and a comma inside a quoted field; the N/A marker of Component/s is no value
        Ticket mailbox = byId.get("AD-1002");
        assertThat(mailbox.title()).isEqualTo("Mailbox size increase, shared mailbox \"Finance\"");
        assertThat(mailbox.kind()).isEqualTo(TicketKind.REQUEST);
        assertThat(mailbox.service()).isEqualTo("mail");

        // an empty Service falls back to Component/s; a "-" marker does too, and leaves dates empty
        assertThat(byId.get("AD-1003").service()).isEqualTo("SAP-PRD");
        Ticket vpn = byId.get("AD-1005");
        assertThat(vpn.service()).isEqualTo("Network/VPN gateway");
        assertThat(vpn.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(vpn.resolvedAt()).isNull();
        assertThat(vpn.closedAt()).isNull();

        // summer time: 09:35 in Berlin is 07:35 UTC
        assertThat(byId.get("AD-1012").openedAt()).isEqualTo(Instant.parse("2025-04-07T07:35:00Z"));
        // empty optional columns give no value, not an error
        Ticket printer = byId.get("AD-1010");
        assertThat(printer.assignmentGroup()).isNull();
        assertThat(printer.effortMinutes()).isNull();
        assertThat(printer.state()).isEqualTo(TicketState.OPEN);
        assertThat(byId.get("AD-1008").reopenCount()).isEqualTo(1);
        assertThat(byId.get("AD-1009").state()).isEqualTo(TicketState.CANCELLED);
    }

    @Test
    void example_shouldLeaveUnmappedColumnsOut_whenTheyHoldPeople() throws IOException {
        // GIVEN the example, whose Reporter column is not mapped
        List<ImportRow> rows;
        try (InputStream in = Files.newInputStream(ProjectFiles.path(EXAMPLE_CSV))) {
            rows = readAll(ExportFormats.create("csv", exampleConfig()), ExportInput.open(in, EXAMPLE_CSV));
        }

        // THEN no ticket carries it, while the row keeps it for a rejected-rows file
        assertThat(rows).allSatisfy(row -> assertThat(row.ticket().toString()).doesNotContain("user-"));
        assertThat(rows.get(0).values()).contains("user-4412");
    }

    // ---- value maps, dates, markers, quoting ----

    @Test
    void read_shouldMapValues_ignoringCase() throws IOException {
        // GIVEN tool values in another case than the mapping's
        String csv = HEADER + "T-1,Disk full,Storage,,p2,in progress,01.06.2025 10:00,,3\n";

        // WHEN read
        Ticket ticket = single(csv);

        // THEN they map all the same
        assertThat(ticket.priority()).isEqualTo(2);
        assertThat(ticket.state()).isEqualTo(TicketState.IN_PROGRESS);
    }

    @Test
    void read_shouldRejectTheRow_whenAValueIsNotInTheMap() throws IOException {
        // GIVEN a status the mapping does not list
        String csv = HEADER + "T-1,Disk full,Storage,,P2,Parked,01.06.2025 10:00,,3\n";

        // WHEN read
        ImportRow row = rows(csv).get(0);

        // THEN the row is rejected, naming the column and the value
        assertThat(row.isAccepted()).isFalse();
        assertThat(row.problem()).contains("column 'Status'", "'Parked'", "state.values");
    }

    @Test
    void read_shouldReadDatesInTheConfiguredFormatAndZone() throws IOException {
        // GIVEN wall-clock times in Berlin, one in winter and one in summer
        String csv = HEADER
                + "T-1,a,Storage,,P2,Done,15.01.2025 09:30,15.01.2025 12:00,3\n"
                + "T-2,b,Storage,,P2,Done,15.07.2025 09:30,15.07.2025 12:00,3\n";

        // WHEN read
        List<ImportRow> rows = rows(csv);

        // THEN they are instants at the zone's offset of that day
        assertThat(rows.get(0).ticket().openedAt()).isEqualTo(Instant.parse("2025-01-15T08:30:00Z"));
        assertThat(rows.get(0).ticket().resolvedAt()).isEqualTo(Instant.parse("2025-01-15T11:00:00Z"));
        assertThat(rows.get(1).ticket().openedAt()).isEqualTo(Instant.parse("2025-07-15T07:30:00Z"));
    }

    @Test
    void read_shouldRejectTheRow_whenADateIsNotOfTheFormat() throws IOException {
        // GIVEN an ISO date where the mapping says dd.MM.yyyy HH:mm
        String csv = HEADER + "T-1,a,Storage,,P2,New,2025-06-01T10:00:00Z,,3\n";

        // WHEN read
        ImportRow row = rows(csv).get(0);

        // THEN it is rejected with the column, the value and the format
        assertThat(row.problem()).contains("openedAt", "column 'Created'", "'2025-06-01T10:00:00Z'",
                "dd.MM.yyyy HH:mm");
    }

    @Test
    void read_shouldTreatMissingMarkersAsNoValue() throws IOException {
        // GIVEN markers in an optional column, a fallback column and a date
        String csv = HEADER + "T-1, - ,N/A,Backup,P3,New,01.06.2025 10:00,-,3\n";

        // WHEN read
        Ticket ticket = single(csv);

        // THEN they are absent: no title, the next service candidate, no resolution
        assertThat(ticket.title()).isNull();
        assertThat(ticket.service()).isEqualTo("Backup");
        assertThat(ticket.resolvedAt()).isNull();
    }

    @Test
    void read_shouldRejectTheRow_whenARequiredValueIsAMissingMarker() throws IOException {
        // GIVEN the id written as a marker
        String csv = HEADER + "N/A,a,Storage,,P3,New,01.06.2025 10:00,,3\n";

        // WHEN read
        ImportRow row = rows(csv).get(0);

        // THEN the row is rejected: it has no identity
        assertThat(row.problem()).contains("required field id", "column 'Ticket ID'");
    }

    @Test
    void read_shouldKeepQuotedValuesWhole() throws IOException {
        // GIVEN a quoted subject with a comma, doubled quotes and a line break, and CRLF line ends
        String csv = HEADER.replace("\n", "\r\n")
                + "T-1,\"Disk \"\"data01\"\" full,\r\nbackups stopped\",Storage,,P1,New,01.06.2025 10:00,,3\r\n"
                + "T-2,plain,Storage,,P4,New,01.06.2025 11:00,,1\r\n";

        // WHEN read
        List<ImportRow> rows = rows(csv);

        // THEN the subject is one value, as written
        assertThat(rows.get(0).ticket().title()).isEqualTo("Disk \"data01\" full,\r\nbackups stopped");
        assertThat(rows.get(1).ticket().sourceId()).isEqualTo("T-2");
        assertThat(rows.get(1).line()).isEqualTo(4);
    }

    @Test
    void read_shouldRejectABadRow_andGoOnWithTheRest() throws IOException {
        // GIVEN a good row, a row with an unknown priority, a malformed row, and a good row
        String csv = HEADER
                + "T-1,a,Storage,,P1,New,01.06.2025 10:00,,1\n"
                + "T-2,b,Storage,,P9,New,01.06.2025 10:00,,1\n"
                + "T-3,c,Storage\n"
                + "T-4,d,Storage,,P4,New,01.06.2025 10:00,,1\n";

        // WHEN read
        List<ImportRow> rows = rows(csv);

        // THEN the bad rows are rejected with their lines and reasons, in file order, and the good ones read
        assertThat(rows).extracting(ImportRow::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rows).extracting(ImportRow::isAccepted).containsExactly(true, false, false, true);
        assertThat(rows.get(1).problem()).contains("priority", "column 'Priority'", "'P9'");
        assertThat(rows.get(1).values()).startsWith("T-2", "b");
        assertThat(rows.get(2).problem()).contains("expected 9 fields, found 3");
        assertThat(rows.get(3).ticket().sourceId()).isEqualTo("T-4");
    }

    @Test
    void read_shouldRejectTheRow_whenTheVersionIsNotANumber() throws IOException {
        // GIVEN a revision that is not a counter
        String csv = HEADER + "T-1,a,Storage,,P1,New,01.06.2025 10:00,,v2\n";

        // WHEN read
        ImportRow row = rows(csv).get(0);

        // THEN it is rejected naming the column and value
        assertThat(row.problem()).contains("version", "column 'Revision'", "'v2'");
    }

    // ---- the header ----

    @Test
    void open_shouldFail_whenAMappedColumnIsMissing() {
        // GIVEN an export without the Status and Resolved columns the mapping reads
        String csv = "Ticket ID,Subject,Service,Component/s,Priority,Created,Revision\n"
                + "T-1,a,Storage,,P1,01.06.2025 10:00,1\n";

        // WHEN opened, THEN it fails at once naming the missing columns and the keys that map them
        assertThatThrownBy(() -> rows(csv))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("'Status' (fields.state)")
                .hasMessageContaining("'Resolved' (fields.resolvedAt)")
                .hasMessageContaining("imports.csv")
                .hasMessageNotContaining("'Subject'");
    }

    @Test
    void open_shouldFail_whenAMappedColumnIsRepeated() {
        // GIVEN an export with Status twice
        String csv = HEADER.replace("Status", "Status,Status") + "T-1,a,Storage,,P1,New,New,01.06.2025 10:00,,1\n";

        // WHEN opened, THEN it fails: which one to read is ambiguous
        assertThatThrownBy(() -> rows(csv))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("'Status' 2 times");
    }

    @Test
    void open_shouldAcceptRepeatedUnmappedColumns() throws IOException {
        // GIVEN an export that repeats a column the mapping does not read (one column per label)
        String csv = HEADER.replace("\n", ",Labels,Labels\n") + "T-1,a,Storage,,P1,New,01.06.2025 10:00,,1,x,y\n";

        // WHEN read, THEN the row is a ticket
        assertThat(single(csv).sourceId()).isEqualTo("T-1");
    }

    @Test
    void open_shouldFail_whenTheInputIsEmpty() {
        assertThatThrownBy(() -> rows(""))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("no header row");
    }

    // ---- the mapping ----

    @Test
    void create_shouldFail_whenThereIsNoMapping() {
        // GIVEN no imports.csv (no --mapping file)
        DemandloopConfig config = DemandloopConfig.defaults();

        // WHEN the format is created, THEN it fails at start saying how to give one
        assertThatThrownBy(() -> ExportFormats.create("csv", config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.csv")
                .hasMessageContaining("--mapping is required for format csv")
                .hasMessageContaining("examples/generic-csv/mapping.yaml")
                .satisfies(e -> assertThat(e.getMessage()).as("one line, as CLI errors are").doesNotContain("\n"));
    }

    @Test
    void create_shouldFail_whenTheMappingIsInvalid() {
        assertInvalid("fields: {state: {values: {Done: finished}}}", "imports.csv.fields.state.values.Done",
                "unknown canonical state 'finished'");
        assertInvalid("fields: {id: ~}", "imports.csv.fields.id", "is missing; give a column name");
        assertInvalid("fields: {caller: Reporter}", "imports.csv.fields.caller", "unknown key");
        assertInvalid("source: ~", "imports.csv.source", "is missing");
        assertInvalid("source: Acme Desk", "imports.csv.source", "is not a source name");
        assertInvalid("auth: bearer", "imports.csv.auth", "does not apply to an import");
        assertInvalid("records: /rows", "imports.csv.records", "does not apply to an import");
        assertInvalid("fields: {title: /a/b}", "imports.csv.fields.title", "more than one step");
        assertInvalid("fields: {title: ' '}", "imports.csv.fields.title", "is empty");
        assertInvalid("missing: {a: b}", "imports.csv.missing", "must be a list");
        assertInvalid("dates: {zone: Mars/Olympus}", "imports.csv.dates.zone", "unknown zone");
        assertInvalid("version: {as: revision}", "imports.csv.version.as", "use number");
    }

    @Test
    void create_shouldAcceptPointers_asWellAsColumnNames() throws IOException {
        // GIVEN Component/s written as the JSON Pointer /Component~1s
        DemandloopConfig config = overlay(MAPPING + "imports: {csv: {fields: {service: [/Component~1s]}}}\n");
        String csv = HEADER + "T-1,a,Storage,Backup,P1,New,01.06.2025 10:00,,1\n";

        // WHEN read, THEN the pointer reads that column
        assertThat(single(config, csv).service()).isEqualTo("Backup");
    }

    @Test
    void create_shouldLeaveWebhookMappingsAsTheyAre() {
        // GIVEN the mappings presets and an import mapping side by side
        DemandloopConfig config = overlay(MAPPING);

        // WHEN both are read, THEN the presets keep their auth and column names are only an import's
        ExportFormats.create("csv", config);
        assertThat(MappedSources.specs(config)).allSatisfy(spec -> assertThat(spec.auth()).isNotNull());
        assertThatThrownBy(() -> MappingSpec.parse("x", Json.mapper().valueToTree(Map.of(
                "kind", "incident", "version", Map.of("field", "Revision", "as", "number"),
                "fields", Map.of("id", "Ticket ID", "priority", "/p", "state", "/s", "openedAt", "/o")))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("configuration mappings, tool 'x', key 'version.field'");
    }

    // ---- identity and version, as the live intake's ----

    /** The webhook mapping of the same tool: its API names the fields differently from its export's columns. */
    private static final String LIVE = """
            mappings:
              acme-desk:
                kind: incident
                version: {field: /revision, as: number}
                dates: {format: "dd.MM.yyyy HH:mm", zone: Europe/Berlin}
                link: https://desk.acme.example/tickets/{id}
                fields:
                  id: /id
                  title: /subject
                  service: [/service, /component]
                  priority: {field: /priority, values: {P1: 1, P2: 2, P3: 3, P4: 4}}
                  state: {field: /status, values: {New: open, In Progress: in_progress, Done: resolved}}
                  openedAt: /created
                  resolvedAt: /resolved
            """;

    @Test
    void read_shouldGiveTheLiveSourcesIdentityAndVersion_forTheSameRecord() throws IOException {
        // GIVEN one configuration with the tool's webhook mapping and the import's mapping
        DemandloopConfig config = overlay(LIVE + MAPPING);
        MappingSpec live = MappedSources.specs(config).stream()
                .filter(spec -> spec.tool().equals("acme-desk")).findFirst().orElseThrow();
        JsonNode delivery = Json.mapper().readTree("""
                {"id": "AD-77", "subject": "Disk full", "service": "", "component": "Backup", "priority": "P2",
                 "status": "Done", "created": "01.06.2025 10:00", "resolved": "01.06.2025 12:30", "revision": 5}
                """);
        String csv = HEADER + "AD-77,Disk full,,Backup,P2,Done,01.06.2025 10:00,01.06.2025 12:30,5\n";

        // WHEN the record arrives live and the row is imported
        Ticket received = new MappedNormaliser(live, config::serviceFor).normalise(delivery).get(0);
        Ticket imported = single(config, csv);

        // THEN they are the same record at the same version: the store keeps one, and a re-import changes nothing
        assertThat(imported.key()).isEqualTo(received.key()).isEqualTo("acme-desk#incident#AD-77");
        assertThat(imported.sourceVersion()).isEqualTo(received.sourceVersion()).isEqualTo(5);
        assertThat(imported).isEqualTo(received);
    }

    @Test
    void read_shouldOrderVersionsAsTheLiveSourceDoes() throws IOException {
        // GIVEN a newer revision received live than the one in the export
        DemandloopConfig config = overlay(LIVE + MAPPING);
        MappingSpec live = MappedSources.specs(config).stream()
                .filter(spec -> spec.tool().equals("acme-desk")).findFirst().orElseThrow();
        JsonNode delivery = Json.mapper().readTree("""
                {"id": "AD-77", "priority": "P2", "status": "Done", "created": "01.06.2025 10:00", "revision": 12}
                """);

        // WHEN both are read
        Ticket received = new MappedNormaliser(live, config::serviceFor).normalise(delivery).get(0);
        Ticket imported = single(config, HEADER + "AD-77,Disk full,,Backup,P2,New,01.06.2025 10:00,,9\n");

        // THEN the live one is newer by the same counter
        assertThat(imported.key()).isEqualTo(received.key());
        assertThat(imported.sourceVersion()).isLessThan(received.sourceVersion());
    }

    @Test
    void create_shouldFail_whenTheKindDiffersFromTheLiveMappings() {
        // GIVEN a webhook mapping of incidents and an import of requests from the same tool
        DemandloopConfig config = overlay(LIVE + MAPPING + "imports: {csv: {kind: request}}\n");

        // WHEN the format is created, THEN it fails: the same ticket would get two identities
        assertThatThrownBy(() -> ExportFormats.create("csv", config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.csv.kind")
                .hasMessageContaining("mappings.acme-desk.kind is incident");
    }

    @Test
    void create_shouldFail_whenTheVersionTypeDiffersFromAPresets() {
        // GIVEN an import of Salesforce cases versioned by a counter, while the preset orders by SystemModstamp
        DemandloopConfig config = overlay(MAPPING + "imports: {csv: {source: salesforce}}\n");

        // WHEN the format is created, THEN it fails: the versions would not compare
        assertThatThrownBy(() -> ExportFormats.create("csv", config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.csv.version.as: is number but mappings.salesforce.version.as is date");
    }

    // ---- helpers ----

    // ---- problem, symptom and SLA verdict ----

    private static final String SIGNALS = """
            imports:
              csv:
                fields:
                  problem: Problem
                  symptom: Symptom
                  slaMet: {field: SLA, values: {Met: true, Breached: false}}
            """;

    private static final String SIGNALS_HEADER = "Ticket ID,Subject,Service,Component/s,Priority,Status,Created,Resolved,"
            + "Revision,Problem,Symptom,SLA\n";

    @Test
    void open_shouldReadTheMappedProblemSymptomAndVerdict_asTheTicketsSignals() throws IOException {
        Ticket ticket = single(overlay(MAPPING + SIGNALS), SIGNALS_HEADER
                + "AD-1,Mail down,Email,,P2,Done,01.03.2025 10:00,01.03.2025 12:00,3,PRB-17, Queue stuck ,breached\n");

        assertThat(ticket.signals()).isEqualTo(new TicketSignals("acme-desk#problem#PRB-17", "Queue stuck", false));
    }

    @Test
    void open_shouldGiveNoSignals_whenTheMappedColumnsAreEmptyOrMissingMarkers() throws IOException {
        Ticket ticket = single(overlay(MAPPING + SIGNALS), SIGNALS_HEADER
                + "AD-1,Mail down,Email,,P2,Done,01.03.2025 10:00,01.03.2025 12:00,3,N/A,,-\n");

        assertThat(ticket.signals()).isNull();
    }

    @Test
    void open_shouldRejectTheRowNamingSlaMet_whenTheVerdictIsNotInItsValues() throws IOException {
        List<ImportRow> rows = readAll(ExportFormats.create("csv", overlay(MAPPING + SIGNALS)), new StringReader(
                SIGNALS_HEADER + "AD-1,Mail down,Email,,P2,Done,01.03.2025 10:00,,3,,,Paused\n"));

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.problem())
                .contains("slaMet (at column 'SLA')", "'Paused'"));
    }

    @Test
    void open_shouldStopNamingTheKeys_whenMappedSignalColumnsAreNotInTheHeader() {
        assertThatThrownBy(() -> readAll(ExportFormats.create("csv", overlay(MAPPING + SIGNALS)),
                new StringReader(HEADER + "AD-1,Mail down,Email,,P2,Done,01.03.2025 10:00,,3\n")))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("'Problem' (fields.problem), 'Symptom' (fields.symptom), 'SLA' (fields.slaMet)");
    }

    private static DemandloopConfig exampleConfig() throws IOException {
        Path mapping = ProjectFiles.path(EXAMPLE_MAPPING);
        try (InputStream in = Files.newInputStream(mapping)) {
            return DemandloopConfig.defaults().withOverlay(in, mapping.toString());
        }
    }

    /** The configuration with YAML documents laid over it in turn, as a --mapping file is. */
    private static DemandloopConfig overlay(String yaml) {
        DemandloopConfig config = DemandloopConfig.defaults();
        // Several documents joined by the tests repeat the top key imports: lay each over the last.
        for (String document : yaml.split("(?m)^(?=imports:|mappings:)")) {
            if (!document.isBlank()) {
                config = config.withOverlay(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)),
                        "the test's mapping");
            }
        }
        return config;
    }

    private static void assertInvalid(String override, String key, String problem) {
        DemandloopConfig config = overlay(MAPPING + "imports:\n  csv:\n    " + override + "\n");
        assertThatThrownBy(() -> ExportFormats.create("csv", config))
                .as(override)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("configuration " + key + ":")
                .hasMessageContaining(problem);
    }

    private static List<ImportRow> rows(String csv) throws IOException {
        return readAll(ExportFormats.create("csv", overlay(MAPPING)), new StringReader(csv));
    }

    private static Ticket single(String csv) throws IOException {
        return single(overlay(MAPPING), csv);
    }

    private static Ticket single(DemandloopConfig config, String csv) throws IOException {
        List<ImportRow> rows = readAll(ExportFormats.create("csv", config), new StringReader(csv));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).problem()).isNull();
        return rows.get(0).ticket();
    }

    private static List<ImportRow> readAll(ExportFormat format, java.io.Reader csv) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        try (TicketExportReader reader = format.open(csv)) {
            for (ImportRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
