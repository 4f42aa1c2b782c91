package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraCsvFormatTest {

    private static final String EXAMPLE = "examples/jira/jira-export.csv";

    /** A minimal Data Center export: no Status Category column. */
    private static final String HEADER = "Issue key,Issue id,Issue Type,Status,Priority,Created,Updated,Time Spent\r\n";

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

    private static List<ImportRow> example(DemandloopConfig config) throws IOException {
        Path file = ProjectFiles.path(EXAMPLE);
        assertThat(file).as("the documented example export %s", EXAMPLE).isRegularFile();
        return read(ExportFormats.create("jira", config), ExportInput.open(Files.newInputStream(file), EXAMPLE));
    }

    /** Accepted rows by issue id. */
    private static Map<String, Ticket> tickets(List<ImportRow> rows) {
        Map<String, Ticket> tickets = new LinkedHashMap<>();
        rows.stream().filter(ImportRow::isAccepted).forEach(row -> tickets.put(row.ticket().sourceId(), row.ticket()));
        return tickets;
    }

    private static Ticket webhook(String sample) throws IOException {
        JsonNode body = Json.mapper().readTree(ProjectFiles.read("events/webhooks/jira/" + sample));
        Delivery delivery = new Delivery("jira", Map.of(), new byte[0], Instant.parse("2026-11-19T10:00:00Z"));
        return new JiraSource(DemandloopConfig.defaults()).normalise(delivery, body).tickets().get(0);
    }

    private static Ticket only(List<ImportRow> rows) {
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).problem()).isNull();
        return rows.get(0).ticket();
    }

    @Test
    void open_shouldReadEveryRowOfTheExample_whenColumnsRepeatAndValuesSpanLines() throws IOException {
        // GIVEN the documented example: repeated Component/s, Labels, Watchers and Sprint columns, quoted
        // multi-line summaries and descriptions, and two rows that cannot be issues

        // WHEN
        List<ImportRow> rows = example(DemandloopConfig.defaults());

        // THEN every row comes out, in file order, with the line where it starts
        assertThat(rows).extracting(ImportRow::line)
                .containsExactly(2L, 3L, 4L, 6L, 7L, 8L, 10L, 11L, 12L, 13L, 18L, 19L, 20L, 21L);
        assertThat(rows).filteredOn(ImportRow::isAccepted).hasSize(12);
        assertThat(rows).filteredOn(row -> !row.isAccepted())
                .extracting(ImportRow::line, ImportRow::problem)
                .containsExactly(
                        tuple(18L, "column 'Updated' has '2026-11-25 14:00', which is"
                                + " not a date in the format dd/MMM/yy h:mm a (imports.jira.dates.format)"),
                        tuple(21L, "column 'Status Category' has 'Blocked', which is"
                                + " not a Jira status category (To Do, In Progress, Done)"));
        // a rejected row keeps its values as read, for the rejected-rows file
        assertThat(rows.get(10).values()).hasSize(35).contains("Wi-Fi drops in meeting rooms", "2026-11-25 14:00");
    }

    @Test
    void ticketOf_shouldMapEveryStatePath_whenStatusCategoryColumnIsPresent() throws IOException {
        // GIVEN the example export, with default rules

        // WHEN
        Map<String, Ticket> tickets = tickets(example(DemandloopConfig.defaults()));

        // THEN the status name wins where jira.statuses names it, else the category decides
        Map<String, TicketState> states = new LinkedHashMap<>();
        tickets.forEach((id, ticket) -> states.put(id, ticket.state()));
        assertThat(states).containsExactly(
                Map.entry("10042", TicketState.IN_PROGRESS), // Work in progress, In Progress
                Map.entry("10043", TicketState.ON_HOLD),     // Waiting for customer
                Map.entry("10044", TicketState.RESOLVED),    // Resolved, Done
                Map.entry("10045", TicketState.CLOSED),      // Closed
                Map.entry("10046", TicketState.OPEN),        // Open, To Do
                Map.entry("10047", TicketState.CANCELLED),   // Canceled
                Map.entry("10048", TicketState.OPEN),        // Waiting for support, To Do
                Map.entry("10049", TicketState.ON_HOLD),     // Pending
                Map.entry("10050", TicketState.CANCELLED),   // Declined
                Map.entry("10051", TicketState.RESOLVED),    // Done, Done
                Map.entry("10053", TicketState.OPEN),        // Reopened, To Do
                Map.entry("10054", TicketState.CLOSED));     // Closed
    }

    @Test
    void ticketOf_shouldMapTheCanonicalFields_whenRowIsAResolvedIncident() throws IOException {
        // GIVEN the example export
        Map<String, Ticket> tickets = tickets(example(DemandloopConfig.defaults()));

        // WHEN
        Ticket resolved = tickets.get("10044");

        // THEN
        assertThat(resolved.key()).isEqualTo("jira#incident#10044");
        assertThat(resolved.number()).isEqualTo("ITSM-44");
        assertThat(resolved.service()).isEqualTo("Email"); // the first of two Component/s columns
        assertThat(resolved.priority()).isEqualTo(2);
        assertThat(resolved.openedAt()).isEqualTo(Instant.parse("2026-10-02T07:58:00Z"));
        assertThat(resolved.resolvedAt()).isEqualTo(Instant.parse("2026-10-02T11:19:00Z"));
        assertThat(resolved.closedAt()).isNull();
        assertThat(resolved.effortMinutes()).isEqualTo(90);
        assertThat(resolved.category()).isEqualTo("Incident");
        assertThat(resolved.title()).isEqualTo("Outlook cannot reach the mail server, shared mailboxes empty");
        assertThat(resolved.sourceVersion()).isEqualTo(Instant.parse("2026-10-02T11:20:00Z").toEpochMilli());
        assertThat(resolved.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-10-02T11:20:00Z"));
        assertThat(resolved.link()).isNull(); // no imports.jira.site
        Ticket closed = tickets.get("10045");
        assertThat(closed.closedAt()).isEqualTo(Instant.parse("2026-09-16T14:30:00Z"));
        assertThat(closed.title()).isEqualTo("Printer on 3rd floor says \"Paper jam\", but the tray is empty");
        // a quoted summary over two lines becomes a one-line title
        assertThat(tickets.get("10051").title())
                .isEqualTo("Onboarding: accounts for new starter (start date 1 December)");
        assertThat(tickets.get("10051").kind()).isEqualTo(TicketKind.REQUEST); // Task: jira.defaultKind
        assertThat(tickets.get("10048").priority()).isEqualTo(3);              // no priority: the default
        assertThat(tickets.get("10048").service()).isEqualTo(Ticket.UNKNOWN_SERVICE);
        assertThat(tickets.get("10047").kind()).isEqualTo(TicketKind.CHANGE);
        assertThat(tickets.get("10047").change()).isNotNull();
    }

    @Test
    void ticketOf_shouldGiveTheWebhooksIdentityAndAnOlderVersion_whenSameUpdateArrivesBothWays() throws IOException {
        // GIVEN ITSM-42 (id 10042) as the live intake received its last update, at 2026-11-18T10:05:03.117+0100,
        // and as the export shows the same update, at 18/Nov/26 9:05 AM UTC
        Ticket live = webhook("02-vpn-incident-updated.json");

        // WHEN
        Ticket imported = tickets(example(DemandloopConfig.defaults())).get("10042");

        // THEN the same record, whose version is the live one's rounded down to the minute
        assertThat(imported.key()).isEqualTo(live.key()).isEqualTo("jira#incident#10042");
        assertThat(imported.number()).isEqualTo(live.number());
        assertThat(imported.state()).isEqualTo(live.state());
        assertThat(imported.priority()).isEqualTo(live.priority());
        assertThat(imported.service()).isEqualTo(live.service());
        assertThat(imported.effortMinutes()).isEqualTo(live.effortMinutes());
        assertThat(imported.category()).isEqualTo(live.category());
        assertThat(imported.title()).isEqualTo(live.title());
        assertThat(imported.openedAt()).isEqualTo(live.openedAt().truncatedTo(ChronoUnit.MINUTES));
        assertThat(imported.sourceVersion())
                .isEqualTo(live.sourceUpdatedAt().truncatedTo(ChronoUnit.MINUTES).toEpochMilli())
                .isLessThan(live.sourceVersion());
    }

    @Test
    void ticketOf_shouldKeepTheIdentity_whenIssueMovedToAnotherProject() throws IOException {
        // GIVEN DESK-7, formerly ITSM-43, moved live and exported after the move
        Ticket live = webhook("04-laptop-request-moved.json");

        // WHEN
        Ticket imported = tickets(example(DemandloopConfig.defaults())).get("10043");

        // THEN
        assertThat(imported.key()).isEqualTo(live.key()).isEqualTo("jira#request#10043");
        assertThat(imported.number()).isEqualTo("DESK-7");
        assertThat(imported.sourceVersion()).isLessThan(live.sourceVersion());
    }

    @Test
    void store_shouldKeepTheNewestVersion_whenImportAndLiveIntakeMeetInAnyOrder() throws IOException {
        // GIVEN the live update of ITSM-42, the export of that same update, an older export (the issue when it
        // was created) and a newer one (resolved a minute after the live update)
        Ticket live = webhook("02-vpn-incident-updated.json");
        Ticket sameUpdate = tickets(example(DemandloopConfig.defaults())).get("10042");
        ExportFormat jira = ExportFormats.create("jira", DemandloopConfig.defaults());
        Ticket older = only(read(jira, HEADER
                + "ITSM-42,10042,Incident,Open,High,18/Nov/26 8:12 AM,18/Nov/26 8:12 AM,\r\n"));
        Ticket newer = only(read(jira, "Issue key,Issue id,Issue Type,Status,Status Category,Priority,Created,Updated\r\n"
                + "ITSM-42,10042,Incident,Resolved,Done,Highest,18/Nov/26 8:12 AM,18/Nov/26 9:06 AM\r\n"));

        // WHEN / THEN: import after live intake: the live version stays
        InMemoryTicketRepository store = new InMemoryTicketRepository();
        assertThat(store.store(live)).isEqualTo(StoreOutcome.STORED);
        assertThat(store.store(sameUpdate)).isEqualTo(StoreOutcome.STALE);
        assertThat(store.store(older)).isEqualTo(StoreOutcome.STALE);
        assertThat(store.find("jira", TicketKind.INCIDENT, "10042")).contains(live);
        // a newer export wins over the live version, and importing it again changes nothing
        assertThat(store.store(newer)).isEqualTo(StoreOutcome.STORED);
        assertThat(store.store(newer)).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(store.find("jira", TicketKind.INCIDENT, "10042").orElseThrow().state())
                .isEqualTo(TicketState.RESOLVED);
        assertThat(store.all()).hasSize(1);

        // WHEN / THEN: import first, then the live update of the same moment replaces it
        InMemoryTicketRepository fresh = new InMemoryTicketRepository();
        assertThat(fresh.store(older)).isEqualTo(StoreOutcome.STORED);
        assertThat(fresh.store(sameUpdate)).isEqualTo(StoreOutcome.STORED);
        assertThat(fresh.store(sameUpdate)).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(fresh.store(live)).isEqualTo(StoreOutcome.STORED);
        assertThat(fresh.all()).containsExactly(live);
    }

    @Test
    void ticketOf_shouldGiveTheWebhooksLink_whenSiteIsConfigured() throws IOException {
        // GIVEN the site whose webhooks carry https://acme.atlassian.net/rest/api/2/issue/10042
        DemandloopConfig config = DemandloopConfig.fromYaml("imports: {jira: {site: 'https://acme.atlassian.net/'}}");

        // WHEN
        Ticket imported = tickets(example(config)).get("10042");

        // THEN
        assertThat(imported.link()).isEqualTo(webhook("02-vpn-incident-updated.json").link())
                .isEqualTo("https://acme.atlassian.net/browse/ITSM-42");
    }

    @Test
    void ticketOf_shouldReadACustomField_whenColumnsMapItToTheFieldIdTheLiveRulesName() throws IOException {
        // GIVEN the live rules read the service from customfield_10070, which the export calls
        // "Custom field (Business Service)"
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                jira:
                  fields:
                    service: [customfield_10070, components]
                imports:
                  jira:
                    columns:
                      "Custom field (Business Service)": customfield_10070
                """);

        // WHEN
        Map<String, Ticket> tickets = tickets(example(config));

        // THEN
        assertThat(tickets.get("10053").service()).isEqualTo("Payroll");
        assertThat(tickets.get("10043").service()).isEqualTo("End-user devices");
    }

    @Test
    void ticketOf_shouldReadACustomField_whenTheRulesNameItsColumn() throws IOException {
        // GIVEN no live intake: the rules name the column itself
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                jira:
                  fields:
                    service: ["Custom field (Business Service)"]
                    department: ["Custom field (Request Type)"]
                """);

        // WHEN
        Map<String, Ticket> tickets = tickets(example(config));

        // THEN
        assertThat(tickets.get("10042").service()).isEqualTo("Remote access");
        assertThat(tickets.get("10042").department()).isEqualTo("Report a system problem");
        assertThat(tickets.get("10053").service()).isEqualTo("Payroll"); // no component at all
    }

    @Test
    void ticketOf_shouldNeverReadPeople_whenTheRulesNameTheirColumns() throws IOException {
        // GIVEN rules that name the people columns
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                jira:
                  fields:
                    assignmentGroup: [Assignee, Reporter, Creator, Watchers, "Custom field (Request participants)"]
                    department: [assignee, reporter, creator, watches]
                """);

        // WHEN
        Map<String, Ticket> tickets = tickets(example(config));

        // THEN
        assertThat(tickets).hasSize(12);
        assertThat(tickets.values()).allSatisfy(ticket -> {
            assertThat(ticket.assignmentGroup()).isNull();
            assertThat(ticket.department()).isNull();
        });
    }

    @Test
    void create_shouldFail_whenColumnsMapAPeopleColumn() {
        // GIVEN
        DemandloopConfig config = DemandloopConfig.fromYaml("imports: {jira: {columns: {Assignee: customfield_1}}}");

        // WHEN / THEN
        assertThatThrownBy(() -> ExportFormats.create("jira", config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.jira.columns.Assignee")
                .hasMessageContaining("never read");
    }

    @Test
    void ticketOf_shouldTakeTheCategoryFromTheStatusName_whenExportHasNoStatusCategoryColumn() throws IOException {
        // GIVEN a Data Center export, without Status Category
        String csv = HEADER
                + "T-1,1,Incident,To Do,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-2,2,Incident,In Review,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-3,3,Incident,DONE,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-4,4,Incident,Closed,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-5,5,Incident,waiting for customer,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-6,6,Incident,Backlog,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n";

        // WHEN
        List<ImportRow> rows = read(ExportFormats.create("jira", DemandloopConfig.defaults()), csv);

        // THEN by imports.jira.statusCategories, any other name in progress; jira.statuses still win
        assertThat(rows).extracting(row -> row.ticket().state()).containsExactly(TicketState.OPEN,
                TicketState.IN_PROGRESS, TicketState.RESOLVED, TicketState.CLOSED, TicketState.ON_HOLD,
                TicketState.OPEN);
    }

    @Test
    void ticketOf_shouldUseTheConfiguredCategory_whenStatusNameIsMapped() throws IOException {
        // GIVEN a workflow whose last status is "Fixed", and whose unknown statuses are still to do
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                imports:
                  jira:
                    statusCategories: {Fixed: done}
                    defaultStatusCategory: new
                """);
        String csv = HEADER
                + "T-1,1,Incident,Fixed,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-2,2,Incident,Triage,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n";

        // WHEN
        List<ImportRow> rows = read(ExportFormats.create("jira", config), csv);

        // THEN
        assertThat(rows).extracting(row -> row.ticket().state())
                .containsExactly(TicketState.RESOLVED, TicketState.OPEN);
    }

    @Test
    void create_shouldFail_whenAStatusCategoryIsNotMapped() {
        // GIVEN
        DemandloopConfig config = DemandloopConfig.fromYaml("imports: {jira: {defaultStatusCategory: doing}}");

        // WHEN / THEN
        assertThatThrownBy(() -> ExportFormats.create("jira", config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.jira.defaultStatusCategory is 'doing'");
    }

    @Test
    void open_shouldFailNamingTheColumns_whenRequiredColumnsAreMissing() {
        // GIVEN an export of the current fields only, without the issue id and the status
        String csv = "Issue key,Issue Type,Summary,Created,Updated\r\nT-1,Incident,x,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM\r\n";
        ExportFormat jira = ExportFormats.create("jira", DemandloopConfig.defaults());

        // WHEN / THEN
        assertThatThrownBy(() -> jira.open(new StringReader(csv)))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("[Issue id, Status]")
                .hasMessageContaining("Export CSV (all fields)");
    }

    @Test
    void ticketOf_shouldRejectTheRowNamingTheColumn_whenAValueCannotBeRead() throws IOException {
        // GIVEN rows with an empty id, a key in the id column, an empty Updated, a Time Spent that is not seconds,
        // and a valid one
        String csv = HEADER
                + "T-1,,Incident,Open,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-2,T-2,Incident,Open,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-3,3,Incident,Open,High,01/Mar/26 9:00 AM,,\r\n"
                + "T-4,4,Incident,Open,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,1h 30m\r\n"
                + "T-5,5,Incident,Open,High,31/Feb/26 9:00 AM,01/Mar/26 9:00 AM,\r\n"
                + "T-6,6,Incident,Open,High,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,5400\r\n";

        // WHEN
        List<ImportRow> rows = read(ExportFormats.create("jira", DemandloopConfig.defaults()), csv);

        // THEN
        assertThat(rows).extracting(ImportRow::problem).containsExactly(
                "column 'Issue id' is empty; every issue has one",
                "column 'Issue id' must be Jira's numeric issue id, was 'T-2'",
                "column 'Updated' is empty; every issue has one",
                "column 'Time Spent': fields.timespent must be a whole number of seconds, was \"1h 30m\"",
                "column 'Created' has '31/Feb/26 9:00 AM', which is not a date in the format dd/MMM/yy h:mm a"
                        + " (imports.jira.dates.format)",
                null);
        assertThat(rows.get(5).ticket().effortMinutes()).isEqualTo(90);
    }

    @Test
    void ticketOf_shouldRejectTheRow_whenIssueTypeIsNotMappedAndNoDefaultKind() throws IOException {
        // GIVEN rules that take only the mapped issue types
        DemandloopConfig config = DemandloopConfig.fromYaml("jira: {defaultKind: ~}");

        // WHEN
        List<ImportRow> rows = example(config);

        // THEN the Task is rejected, saying why
        assertThat(rows).filteredOn(row -> row.line() == 13).singleElement()
                .extracting(ImportRow::problem).asString()
                .startsWith("column 'Issue Type': issue type 'Task' is not mapped to a kind (jira.kinds)");
    }

    @Test
    void ticketOf_shouldReadDatesInTheConfiguredFormatAndZone() throws IOException {
        // GIVEN an export by a user in Berlin whose format is day.month.year with a 24-hour clock
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                imports:
                  jira:
                    dates: {format: "dd.MM.yyyy HH:mm", zone: Europe/Berlin}
                """);
        String csv = HEADER + "T-1,1,Incident,Open,High,18.11.2026 09:12,01.07.2026 14:30,\r\n";

        // WHEN
        Ticket ticket = only(read(ExportFormats.create("jira", config), csv));

        // THEN winter and summer time both apply
        assertThat(ticket.openedAt()).isEqualTo(Instant.parse("2026-11-18T08:12:00Z"));
        assertThat(ticket.sourceVersion()).isEqualTo(Instant.parse("2026-07-01T12:30:00Z").toEpochMilli());
    }

    @Test
    void ticketOf_shouldMapJsmStockIssueTypes_byDefault() throws IOException {
        // GIVEN an export of a new JSM service project, whose issue types are the stock "[System] ..." ones
        String csv = HEADER
                + "T-1,1,[System] Incident,Open,High,05/jan/26 9:00 AM,05/jan/26 9:00 AM,\r\n"
                + "T-2,2,[System] Service request,Open,High,05/jan/26 9:00 AM,05/jan/26 9:00 AM,\r\n"
                + "T-3,3,[System] Service request with approvals,Open,High,05/jan/26 9:00 AM,05/jan/26 9:00 AM,\r\n"
                + "T-4,4,[System] Problem,Open,High,05/jan/26 9:00 AM,05/jan/26 9:00 AM,\r\n"
                + "T-5,5,[System] Change,Open,High,05/jan/26 9:00 AM,05/jan/26 9:00 AM,\r\n"
                + "T-6,6,[System] Post-incident review,Open,High,05/jan/26 9:00 AM,05/jan/26 9:00 AM,\r\n";

        // WHEN
        Map<String, Ticket> tickets = tickets(read(ExportFormats.create("jira", DemandloopConfig.defaults()), csv));

        // THEN each gets its own kind, as the live webhook gives it
        Map<String, TicketKind> kinds = new LinkedHashMap<>();
        tickets.forEach((id, ticket) -> kinds.put(id, ticket.kind()));
        assertThat(kinds).containsExactly(
                Map.entry("1", TicketKind.INCIDENT), Map.entry("2", TicketKind.REQUEST), Map.entry("3", TicketKind.REQUEST),
                Map.entry("4", TicketKind.PROBLEM), Map.entry("5", TicketKind.CHANGE), Map.entry("6", TicketKind.PROBLEM));
    }

    @Test
    void ticketOf_shouldReadTwelveOClock_whenDefaultFormatUsesAmPm() throws IOException {
        // GIVEN Jira's 12-hour clock: 12:15 AM is a quarter past midnight, 12:15 pm a quarter past noon
        String csv = HEADER + "T-1,1,Incident,Open,High,05/jan/26 12:15 AM,05/JAN/26 12:15 pm,\r\n";

        // WHEN
        Ticket ticket = only(read(ExportFormats.create("jira", DemandloopConfig.defaults()), csv));

        // THEN
        assertThat(ticket.openedAt()).isEqualTo(Instant.parse("2026-01-05T00:15:00Z"));
        assertThat(ticket.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-01-05T12:15:00Z"));
    }

    @Test
    void ticketOf_shouldReadAChangesPlannedWindow_whenItsColumnsAreMapped() throws IOException {
        // GIVEN JSM's planned start (date-time) and end (a date picker) custom fields
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                jira:
                  fields:
                    plannedStart: [customfield_10201]
                    plannedEnd: [customfield_10202]
                imports:
                  jira:
                    columns:
                      "Custom field (Planned start)": customfield_10201
                      "Custom field (Planned end)": customfield_10202
                """);
        String csv = "Issue id,Issue Type,Status,Created,Updated,Custom field (Planned start),Custom field (Planned end)\r\n"
                + "7,Change,Open,01/Mar/26 9:00 AM,01/Mar/26 9:00 AM,05/Mar/26 10:00 PM,06/Mar/26\r\n";

        // WHEN
        Ticket ticket = only(read(ExportFormats.create("jira", config), csv));

        // THEN
        assertThat(ticket.change().plannedStart()).isEqualTo(Instant.parse("2026-03-05T22:00:00Z"));
        assertThat(ticket.change().plannedEnd()).isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
    }
}
