package io.demandloop.shared.source.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNowNormaliserTest {

    private final ServiceNowNormaliser normaliser = new ServiceNowNormaliser();

    private static JsonNode sample(String name) throws IOException {
        return Json.mapper().readTree(ProjectFiles.read("events/webhooks/servicenow/" + name));
    }

    @Test
    void normalise_shouldMapEveryCanonicalField_whenValueFormRecord() throws IOException {
        // GIVEN the sample of a new P1 incident in value form
        JsonNode body = sample("01-email-outage-opened.json");

        // WHEN
        List<Ticket> tickets = normaliser.normalise(body);

        // THEN
        assertThat(tickets).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo("servicenow");
            assertThat(t.sourceId()).isEqualTo("INC0010001");
            assertThat(t.kind()).isEqualTo(TicketKind.INCIDENT);
            assertThat(t.number()).isEqualTo("INC0010001");
            assertThat(t.service()).isEqualTo("Email");
            assertThat(t.configurationItem()).isEqualTo("EXCH-PROD-01");
            assertThat(t.priority()).isEqualTo(1);
            assertThat(t.state()).isEqualTo(TicketState.OPEN);
            assertThat(t.openedAt()).isEqualTo(Instant.parse("2026-11-16T08:02:11Z"));
            assertThat(t.resolvedAt()).isNull();
            assertThat(t.closedAt()).isNull();
            assertThat(t.department()).isEqualTo("Sales");
            assertThat(t.assignmentGroup()).isEqualTo("Messaging");
            assertThat(t.effortMinutes()).isNull();
            assertThat(t.category()).isEqualTo("network");
            assertThat(t.title()).isEqualTo("Email not delivered for all users in EMEA");
            assertThat(t.sourceVersion()).isZero();
            assertThat(t.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-16T08:02:11Z"));
            assertThat(t.reopenCount()).isZero();
        });
    }

    @Test
    void normalise_shouldNeverCarryPersonalData_whenCallerIsSent() throws IOException {
        // GIVEN a record with a caller_id
        JsonNode body = sample("01-email-outage-opened.json");
        String callerId = body.get("caller_id").asText();

        // WHEN
        String canonical = Json.mapper().writeValueAsString(normaliser.normalise(body));

        // THEN
        assertThat(canonical).doesNotContain(callerId).doesNotContain("caller");
    }

    @Test
    void normalise_shouldReadEveryRecord_whenTableApiResultArray() throws IOException {
        List<Ticket> tickets = normaliser.normalise(sample("03-sap-batch-table-api.json"));

        assertThat(tickets).extracting(Ticket::number).containsExactly("INC0010003", "INC0010004");
        assertThat(tickets.get(0).state()).isEqualTo(TicketState.CLOSED);
        assertThat(tickets.get(0).closedAt()).isEqualTo(Instant.parse("2026-11-15T06:30:00Z"));
        assertThat(tickets.get(0).effortMinutes()).isEqualTo(200);
        assertThat(tickets.get(1).state()).isEqualTo(TicketState.ON_HOLD);
    }

    @Test
    void normalise_shouldPreferDisplayValues_whenReferenceFieldsAreObjects() throws IOException {
        Ticket ticket = normaliser.normalise(sample("04-payroll-display-values.json")).get(0);

        assertThat(ticket.service()).isEqualTo("Payroll");
        assertThat(ticket.configurationItem()).isEqualTo("PAYROLL-APP");
        assertThat(ticket.assignmentGroup()).isEqualTo("HR Applications");
        assertThat(ticket.reopenCount()).isEqualTo(1);
        assertThat(ticket.state()).isEqualTo(TicketState.RESOLVED);
    }

    @Test
    void normalise_shouldFallBackToUnknownService_whenNoServiceOrCi() throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put("business_service", "");
        record.put("cmdb_ci", "");

        assertThat(normaliser.normalise(record).get(0).service()).isEqualTo(Ticket.UNKNOWN_SERVICE);
    }

    @ParameterizedTest
    @CsvSource({"1,OPEN", "2,IN_PROGRESS", "3,ON_HOLD", "6,RESOLVED", "7,CLOSED", "8,CANCELLED"})
    void normalise_shouldMapStateCodes_whenStockIncidentStates(String code, TicketState expected) throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put("state", code);

        assertThat(normaliser.normalise(record).get(0).state()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "number|''|required field number is missing or empty",
        "sys_mod_count|three|sys_mod_count must be a whole number, was 'three'",
        "priority|9|priority must be 1 to 5, was '9'",
        "state|42|unknown incident state '42'",
        "opened_at|16/11/2026 08:02|opened_at is not a date",
        "sys_class_name|u_hr_case|table 'u_hr_case' (sys_class_name) is not configured",
        "sys_mod_count|-1|sys_mod_count must not be negative",
        "reopen_count|many|reopen_count must be a whole number, was 'many'",
        "reopen_count|99999999999|reopen_count must be a count",
        "time_worked|soon|time_worked is not a date",
        "time_worked|99999999999999999999|time_worked must be a whole number",
        "resolved_at|2026-13-01 00:00:00|resolved_at is not a date"})
    void normalise_shouldNameTheProblem_whenAFieldIsInvalid(String field, String value, String message) throws IOException {
        // GIVEN a valid record with one field spoilt
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put(field, value);

        // WHEN / THEN
        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void normalise_shouldRefuse_whenBodyIsNotARecord() {
        assertThatThrownBy(() -> normaliser.normalise(Json.mapper().getNodeFactory().textNode("hello")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("must be a record object");
        assertThatThrownBy(() -> normaliser.normalise(Json.mapper().createArrayNode()))
                .hasMessageContaining("no records");
    }

    @Test
    void normalise_shouldTrimLongTitles_soThatItemsStaySmall() throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put("short_description", "x".repeat(5000));

        assertThat(normaliser.normalise(record).get(0).title()).hasSize(ServiceNowNormaliser.MAX_TITLE_LENGTH);
    }

    @Test
    void ticket_shouldRoundTripThroughJson_asTheBusCarriesIt() throws IOException {
        Ticket ticket = normaliser.normalise(sample("03-sap-batch-table-api.json")).get(0);

        String json = Json.mapper().writeValueAsString(ticket);

        assertThat(Json.mapper().readValue(json, Ticket.class)).isEqualTo(ticket);
        assertThat(json).contains("\"kind\":\"incident\"", "\"state\":\"closed\"", "\"openedAt\":\"2026-11-12T02:10:00Z\"");
    }

    @Test
    void normalise_shouldAcceptEverySample_asTheDemoPostsThemAll() throws IOException {
        // GIVEN every sample, which the demo and the pipeline test post to an intake with the built-in defaults
        List<Path> samples;
        try (Stream<Path> files = Files.list(ProjectFiles.path("events/webhooks/servicenow"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }

        // WHEN / THEN
        assertThat(samples).hasSizeGreaterThanOrEqualTo(11);
        for (Path sample : samples) {
            assertThat(normaliser.normalise(Json.mapper().readTree(Files.readAllBytes(sample))))
                    .as(sample.getFileName().toString()).isNotEmpty();
        }
    }

    @Test
    void normalise_shouldMapARequestedItem_whenTableIsScReqItem() throws IOException {
        // GIVEN a closed requested item in value form
        JsonNode body = sample("08-laptop-request.json");

        // WHEN
        Ticket ticket = normaliser.normalise(body).get(0);

        // THEN
        assertThat(ticket.kind()).isEqualTo(TicketKind.REQUEST);
        assertThat(ticket.key()).isEqualTo("servicenow#request#RITM0010001");
        assertThat(ticket.number()).isEqualTo("RITM0010001");
        assertThat(ticket.state()).isEqualTo(TicketState.CLOSED);
        assertThat(ticket.service()).isEqualTo("End-user devices");
        assertThat(ticket.configurationItem()).isNull();
        assertThat(ticket.priority()).isEqualTo(4);
        assertThat(ticket.department()).isEqualTo("Finance");
        assertThat(ticket.assignmentGroup()).isEqualTo("Service Desk");
        assertThat(ticket.category()).as("a requested item's category is its catalog item").isEqualTo("Standard Laptop");
        assertThat(ticket.openedAt()).isEqualTo(Instant.parse("2026-11-16T10:00:00Z"));
        assertThat(ticket.resolvedAt()).isNull();
        assertThat(ticket.closedAt()).isEqualTo(Instant.parse("2026-11-18T15:30:00Z"));
        assertThat(ticket.effortMinutes()).isEqualTo(50);
        assertThat(ticket.sourceVersion()).isEqualTo(6);
        assertThat(ticket.change()).isNull();
    }

    @Test
    void normalise_shouldMapAProblem_whenTableIsProblem() throws IOException {
        Ticket ticket = normaliser.normalise(sample("09-sap-billing-problem.json")).get(0);

        assertThat(ticket.kind()).isEqualTo(TicketKind.PROBLEM);
        assertThat(ticket.number()).isEqualTo("PRB0040001");
        assertThat(ticket.state()).as("103 Root Cause Analysis").isEqualTo(TicketState.IN_PROGRESS);
        assertThat(ticket.service()).isEqualTo("SAP ERP");
        assertThat(ticket.configurationItem()).isEqualTo("SAP-PRD");
        assertThat(ticket.category()).isEqualTo("software");
        assertThat(ticket.effortMinutes()).isEqualTo(135);
        assertThat(ticket.sourceVersion()).isEqualTo(3);
        assertThat(ticket.reopenCount()).isZero();
        assertThat(ticket.change()).isNull();
    }

    @Test
    void normalise_shouldMapOutcomeAndWindow_whenTableIsChangeRequest() throws IOException {
        // GIVEN a change closed unsuccessful
        JsonNode body = sample("10-exchange-change-failed.json");

        // WHEN
        Ticket ticket = normaliser.normalise(body).get(0);

        // THEN
        assertThat(ticket.kind()).isEqualTo(TicketKind.CHANGE);
        assertThat(ticket.number()).isEqualTo("CHG0030001");
        assertThat(ticket.state()).isEqualTo(TicketState.CLOSED);
        assertThat(ticket.service()).isEqualTo("Email");
        assertThat(ticket.closedAt()).isEqualTo(Instant.parse("2026-11-16T12:00:00Z"));
        assertThat(ticket.effortMinutes()).isEqualTo(360);
        assertThat(ticket.change()).isEqualTo(new ChangeDetails(ChangeOutcome.FAILED,
                Instant.parse("2026-11-15T22:00:00Z"), Instant.parse("2026-11-16T02:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource({"successful,SUCCESSFUL", "successful_issues,SUCCESSFUL", "unsuccessful,FAILED", "backed_out,BACKED_OUT"})
    void normalise_shouldMapCloseCodes_whenStockChangeOutcomes(String closeCode, ChangeOutcome expected) throws IOException {
        ObjectNode record = (ObjectNode) sample("10-exchange-change-failed.json");
        record.put("close_code", closeCode);

        assertThat(normaliser.normalise(record).get(0).change().outcome()).isEqualTo(expected);
    }

    @Test
    void normalise_shouldGiveAChangeWithoutOutcomeOrWindow_whenNotClosedOrPlannedYet() throws IOException {
        // GIVEN a new change: no close code, no window yet
        ObjectNode record = (ObjectNode) sample("10-exchange-change-failed.json");
        record.put("state", "-5").put("close_code", "").put("start_date", "").put("end_date", "").put("closed_at", "");

        // WHEN
        Ticket ticket = normaliser.normalise(record).get(0);

        // THEN
        assertThat(ticket.state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket.change()).isEqualTo(new ChangeDetails(null, null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "close_code|rolled_back|unknown close_code 'rolled_back'",
        "start_date|tomorrow|start_date is not a date",
        "end_date|2026-11-16T02:00|end_date is not a date",
        "state|7|unknown change_request state '7'"})
    void normalise_shouldNameTheProblem_whenAChangeFieldIsInvalid(String field, String value, String message) throws IOException {
        ObjectNode record = (ObjectNode) sample("10-exchange-change-failed.json");
        record.put(field, value);

        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void normalise_shouldNotGiveChangeDetails_whenNotAChange() throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put("close_code", "unsuccessful").put("start_date", "2026-11-15 22:00:00");

        assertThat(normaliser.normalise(record).get(0).change()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "sc_req_item,-5,ON_HOLD", "sc_req_item,1,OPEN", "sc_req_item,2,IN_PROGRESS", "sc_req_item,3,CLOSED",
        "sc_req_item,4,CANCELLED", "sc_req_item,7,CANCELLED",
        "problem,101,OPEN", "problem,102,IN_PROGRESS", "problem,103,IN_PROGRESS", "problem,104,IN_PROGRESS",
        "problem,106,RESOLVED", "problem,107,CLOSED",
        "change_request,-5,OPEN", "change_request,-4,OPEN", "change_request,-3,OPEN", "change_request,-2,OPEN",
        "change_request,-1,IN_PROGRESS", "change_request,0,RESOLVED", "change_request,3,CLOSED",
        "change_request,4,CANCELLED"})
    void normalise_shouldMapStateCodes_whenStockCodesOfEachTable(String table, String code, TicketState expected)
            throws IOException {
        // GIVEN a record of the table, in that state
        ObjectNode record = (ObjectNode) sample("10-exchange-change-failed.json");
        record.put("sys_class_name", table).put("state", code);

        // WHEN / THEN
        assertThat(normaliser.normalise(record).get(0).state()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"incident,1,INCIDENT", "sc_req_item,1,REQUEST", "problem,101,PROBLEM", "change_request,-5,CHANGE"})
    void normalise_shouldKeyByKindAndNumber_whenAnyTable(String table, String state, TicketKind kind) throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put("sys_class_name", table).put("state", state);

        Ticket ticket = normaliser.normalise(record).get(0);

        assertThat(ticket.sourceId()).isEqualTo("INC0010001");
        assertThat(ticket.key()).isEqualTo("servicenow#" + kind.wireName() + "#INC0010001");
    }

    @Test
    void normalise_shouldTakeAnIncident_whenTableIsAbsent() throws IOException {
        // GIVEN a record without sys_class_name, as older REST messages post them
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("sys_class_name");

        // WHEN / THEN
        assertThat(normaliser.normalise(record).get(0).kind()).isEqualTo(TicketKind.INCIDENT);
    }

    @Test
    void normalise_shouldGiveTheSameKey_whenTheSameNumberComesWithAnotherOrNoSysId() throws IOException {
        // GIVEN incident INC0010001 as a webhook posts it, and as an export (another sys_id, or none) gives it
        ObjectNode live = (ObjectNode) sample("01-email-outage-opened.json");
        ObjectNode otherSysId = live.deepCopy().put("sys_id", "00000000000000000000000000000001");
        ObjectNode noSysId = live.deepCopy();
        noSysId.remove("sys_id");

        // WHEN
        Ticket fromLive = normaliser.normalise(live).get(0);
        Ticket fromOther = normaliser.normalise(otherSysId).get(0);
        Ticket fromExport = normaliser.normalise(noSysId).get(0);

        // THEN the number is the identity: one ticket, whatever the sys_id
        assertThat(fromLive.key()).isEqualTo("servicenow#incident#INC0010001");
        assertThat(fromOther.key()).isEqualTo(fromLive.key());
        assertThat(fromExport.key()).isEqualTo(fromLive.key());
        assertThat(fromExport).isEqualTo(fromLive);
    }

    @Test
    void normalise_shouldGiveDifferentKeys_whenTheSameSysIdComesWithAnotherNumber() throws IOException {
        Ticket first = normaliser.normalise(sample("01-email-outage-opened.json")).get(0);
        ObjectNode renumbered = ((ObjectNode) sample("01-email-outage-opened.json")).put("number", "INC0010099");

        Ticket second = normaliser.normalise(renumbered).get(0);

        assertThat(second.key()).isEqualTo("servicenow#incident#INC0010099").isNotEqualTo(first.key());
    }

    @Test
    void normalise_shouldRefuseNamingNumber_whenNumberIsAbsent() throws IOException {
        // GIVEN a record that has its sys_id but no number
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("number");

        // WHEN / THEN
        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("required field number is missing or empty");
    }

    @Test
    void normalise_shouldRefuseNamingNumber_whenNumberIsLongerThanAnId() throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.put("number", "INC" + "1".repeat(Ticket.MAX_ID_LENGTH - 3));
        ObjectNode tooLong = record.deepCopy().put("number", "INC" + "1".repeat(Ticket.MAX_ID_LENGTH - 2));

        assertThat(normaliser.normalise(record).get(0).sourceId()).hasSize(Ticket.MAX_ID_LENGTH);
        assertThatThrownBy(() -> normaliser.normalise(tooLong))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("number is " + (Ticket.MAX_ID_LENGTH + 1) + " characters; at most "
                        + Ticket.MAX_ID_LENGTH + " are accepted");
    }

    @ParameterizedTest
    @CsvSource({
        "INC0010001,1,INCIDENT,servicenow#incident#INC0010001",
        "RITM0010001,1,REQUEST,servicenow#request#RITM0010001",
        "PRB0040001,101,PROBLEM,servicenow#problem#PRB0040001",
        "CHG0030001,-5,CHANGE,servicenow#change#CHG0030001",
        "TASK0010001,1,INCIDENT,servicenow#incident#TASK0010001"})
    void normalise_shouldTakeTheTableOfTheNumbersPrefix_whenTableIsAbsent(String number, String state, TicketKind kind,
                                                                          String key) throws IOException {
        // GIVEN a record without sys_class_name, as a list export gives it (an unknown prefix: the default table)
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("sys_class_name");
        record.put("number", number).put("state", state);

        // WHEN
        Ticket ticket = normaliser.normalise(record).get(0);

        // THEN
        assertThat(ticket.kind()).isEqualTo(kind);
        assertThat(ticket.key()).isEqualTo(key);
    }

    @Test
    void normalise_shouldPreferSysClassName_overTheNumbersPrefix() throws IOException {
        ObjectNode record = ((ObjectNode) sample("01-email-outage-opened.json")).put("number", "RITM0010001");

        assertThat(normaliser.normalise(record).get(0).key()).isEqualTo("servicenow#incident#RITM0010001");
    }

    @ParameterizedTest
    @CsvSource({
        "INC0010001,awaiting user info,ON_HOLD", "INC0010001,Awaiting User Info,ON_HOLD",
        "INC0010001,AWAITING USER INFO,ON_HOLD", "INC0010001,active,IN_PROGRESS", "INC0010001,Resolved,RESOLVED",
        "INC0010001,Canceled,CANCELLED", "INC0010001,cancelled,CANCELLED",
        "RITM0010001,closed complete,CLOSED", "RITM0010001,Closed Skipped,CANCELLED",
        "PRB0040001,Root Cause Analysis,IN_PROGRESS", "CHG0030001,implement,IN_PROGRESS"})
    void normalise_shouldMapStateLabels_inAnyCase_asExportsWriteThem(String number, String label, TicketState expected)
            throws IOException {
        // GIVEN a row of a list export: no table, the state as its label
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("sys_class_name");
        record.put("number", number).put("state", label);

        // WHEN / THEN
        assertThat(normaliser.normalise(record).get(0).state()).isEqualTo(expected);
    }

    @Test
    void normalise_shouldNotTakeAnotherTablesLabel() throws IOException {
        // GIVEN a requested item whose state is an incident label
        ObjectNode record = (ObjectNode) sample("08-laptop-request.json");
        record.put("state", "Awaiting User Info");

        // WHEN / THEN
        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown sc_req_item state 'Awaiting User Info'");
    }

    @ParameterizedTest
    @CsvSource({"Active,IN_PROGRESS", "awaiting user info,ON_HOLD", "6,RESOLVED", "Closed,CLOSED"})
    void normalise_shouldReadIncidentState_whenStateIsAbsent(String incidentState, TicketState expected)
            throws IOException {
        // GIVEN an audit-trail row: incident_state instead of state
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("state");
        record.put("incident_state", incidentState);
        ObjectNode emptyState = record.deepCopy().put("state", "");

        // WHEN / THEN
        assertThat(normaliser.normalise(record).get(0).state()).isEqualTo(expected);
        assertThat(normaliser.normalise(emptyState).get(0).state()).as("an empty state is absent").isEqualTo(expected);
    }

    @Test
    void normalise_shouldPreferState_overIncidentState() throws IOException {
        ObjectNode record = ((ObjectNode) sample("01-email-outage-opened.json"))
                .put("state", "7").put("incident_state", "Active");

        assertThat(normaliser.normalise(record).get(0).state()).isEqualTo(TicketState.CLOSED);
    }

    @Test
    void normalise_shouldNameTheFieldRead_whenStateAndIncidentStateAreUnusable() throws IOException {
        ObjectNode neither = (ObjectNode) sample("01-email-outage-opened.json");
        neither.remove("state");
        ObjectNode unknownIncidentState = neither.deepCopy().put("incident_state", "Parked");

        assertThatThrownBy(() -> normaliser.normalise(neither))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("required field state is missing or empty");
        assertThatThrownBy(() -> normaliser.normalise(unknownIncidentState))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown incident incident_state 'Parked'");
    }

    @Test
    void normalise_shouldListCodesAndLabels_whenAStateIsUnknown() throws IOException {
        ObjectNode record = ((ObjectNode) sample("01-email-outage-opened.json")).put("state", "Parked");

        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown incident state 'Parked'")
                .hasMessageContaining("configured codes: 1=open, 2=in_progress, 3=on_hold, 6=resolved, 7=closed, 8=cancelled")
                .hasMessageContaining("labels: new, active, in progress, on hold, awaiting user info,")
                .hasMessageContaining("canceled, cancelled)")
                .hasMessageContaining("map it under servicenow.tables.incident.states or .labels");
    }

    @ParameterizedTest
    @CsvSource({"3,3", "3 - Moderate,3", "1 - Critical,1", "5 - Planning,5"})
    void normalise_shouldReadPriority_whenCodeOrDisplayValue(String priority, int expected) throws IOException {
        ObjectNode record = ((ObjectNode) sample("01-email-outage-opened.json")).put("priority", priority);

        assertThat(normaliser.normalise(record).get(0).priority()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9 - Unknown|priority must be 1 to 5, was '9 - Unknown'",
        "Moderate|priority must be a number from 1 to 5 (or '3 - Moderate'), was 'Moderate'",
        "- Moderate|priority must be a number from 1 to 5 (or '3 - Moderate'), was '- Moderate'",
        "three - Moderate|priority must be a number from 1 to 5 (or '3 - Moderate'), was 'three - Moderate'"})
    void normalise_shouldRefusePriority_whenNotACodeFrom1To5(String priority, String message) throws IOException {
        ObjectNode record = ((ObjectNode) sample("01-email-outage-opened.json")).put("priority", priority);

        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void normalise_shouldReadSysUpdatedAt_whenSysUpdatedOnIsAbsent() throws IOException {
        // GIVEN an export that names the update time sys_updated_at
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("sys_updated_on");
        record.put("sys_updated_at", "2026-11-16 09:30:00");
        ObjectNode both = ((ObjectNode) sample("01-email-outage-opened.json")).put("sys_updated_at", "2026-11-16 09:30:00");

        // WHEN / THEN
        assertThat(normaliser.normalise(record).get(0).sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-16T09:30:00Z"));
        assertThat(normaliser.normalise(both).get(0).sourceUpdatedAt())
                .as("sys_updated_on wins").isEqualTo(Instant.parse("2026-11-16T08:02:11Z"));
    }

    @Test
    void normalise_shouldNameSysUpdatedAt_whenItIsNotADate() throws IOException {
        ObjectNode record = (ObjectNode) sample("01-email-outage-opened.json");
        record.remove("sys_updated_on");
        record.put("sys_updated_at", "yesterday");

        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("sys_updated_at is not a date");
    }

    @ParameterizedTest
    @CsvSource({
        "https://acme.service-now.com,01-email-outage-opened.json,"
                + "https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3DINC0010001",
        "https://acme.service-now.com/,08-laptop-request.json,"
                + "https://acme.service-now.com/nav_to.do?uri=sc_req_item.do%3Fsysparm_query%3Dnumber%3DRITM0010001",
        "' https://acme.service-now.com// ',10-exchange-change-failed.json,"
                + "https://acme.service-now.com/nav_to.do?uri=change_request.do%3Fsysparm_query%3Dnumber%3DCHG0030001"})
    void normalise_shouldLinkToTheRecordByNumber_whenInstanceUrlIsConfigured(String instanceUrl, String sample,
                                                                             String link) throws IOException {
        // GIVEN an instance URL, with or without trailing slashes
        ServiceNowNormaliser withInstance = new ServiceNowNormaliser(DemandloopConfig.fromYaml(
                "servicenow: {instanceUrl: '" + instanceUrl + "'}"));

        // WHEN / THEN
        assertThat(withInstance.normalise(sample(sample)).get(0).link()).isEqualTo(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {"servicenow: {}", "servicenow: {instanceUrl: ''}", "servicenow: {instanceUrl: '  '}"})
    void normalise_shouldGiveNoLink_whenInstanceUrlIsAbsentOrBlank(String yaml) throws IOException {
        ServiceNowNormaliser withoutInstance = new ServiceNowNormaliser(DemandloopConfig.fromYaml(yaml));

        assertThat(withoutInstance.normalise(sample("01-email-outage-opened.json")).get(0).link()).isNull();
        assertThat(normaliser.normalise(sample("01-email-outage-opened.json")).get(0).link()).isNull();
    }

    @Test
    void normalise_shouldReadCodesFromValueAndNamesFromDisplayValue_whenDisplayValueAll() throws IOException {
        // GIVEN version 3 of incident 02 with every field as {display_value, value}
        JsonNode body = sample("11-vpn-display-value-all.json");

        // WHEN
        Ticket ticket = normaliser.normalise(body).get(0);

        // THEN codes, dates and counters come from value
        assertThat(ticket.sourceId()).isEqualTo("INC0010002");
        assertThat(ticket.kind()).isEqualTo(TicketKind.INCIDENT);
        assertThat(ticket.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(ticket.priority()).isEqualTo(3);
        assertThat(ticket.openedAt()).isEqualTo(Instant.parse("2026-11-17T09:15:00Z"));
        assertThat(ticket.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-18T08:20:00Z"));
        assertThat(ticket.resolvedAt()).isNull();
        assertThat(ticket.sourceVersion()).isEqualTo(3);
        assertThat(ticket.effortMinutes()).isEqualTo(70);
        // and names from display_value
        assertThat(ticket.number()).isEqualTo("INC0010002");
        assertThat(ticket.service()).isEqualTo("VPN");
        assertThat(ticket.configurationItem()).isEqualTo("VPN-GW-01");
        assertThat(ticket.assignmentGroup()).isEqualTo("Network");
        assertThat(ticket.department()).isEqualTo("Finance");
        assertThat(ticket.category()).isEqualTo("Network");
        assertThat(ticket.title()).isEqualTo("VPN drops every 20 minutes from home offices");
    }

    @Test
    void normalise_shouldBeANewerVersionOfTheSameTicket_whenTheSameIncidentComesInDisplayValueAllForm() throws IOException {
        Ticket valueForm = normaliser.normalise(sample("02-vpn-slow.json")).get(0);
        Ticket displayForm = normaliser.normalise(sample("11-vpn-display-value-all.json")).get(0);

        assertThat(displayForm.key()).isEqualTo(valueForm.key());
        assertThat(displayForm.sourceVersion()).isGreaterThan(valueForm.sourceVersion());
        assertThat(displayForm.service()).isEqualTo(valueForm.service());
    }

    @Test
    void normalise_shouldRefuse_whenACodeHasOnlyADisplayValue() throws IOException {
        // GIVEN a state that carries only its localised label
        ObjectNode record = (ObjectNode) sample("11-vpn-display-value-all.json").get("result");
        record.putObject("state").put("display_value", "In Progress");

        // WHEN / THEN the label is not guessed at
        assertThatThrownBy(() -> normaliser.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("required field state is missing or empty");
    }

    @Test
    void normalise_shouldNeverCarryPersonalData_whenDisplayValueAllNamesTheCaller() throws IOException {
        JsonNode body = sample("11-vpn-display-value-all.json");

        String canonical = Json.mapper().writeValueAsString(normaliser.normalise(body));

        assertThat(canonical).doesNotContain("Beth Anglin").doesNotContain("46d44a5dc0a8010e0000ccf0a0a7c7bb");
    }

    @Test
    void normalise_shouldNeverCarryPersonalData_whenRequestAndChangeNamePeople() throws IOException {
        String request = Json.mapper().writeValueAsString(normaliser.normalise(sample("08-laptop-request.json")));
        String change = Json.mapper().writeValueAsString(normaliser.normalise(sample("10-exchange-change-failed.json")));

        assertThat(request).doesNotContain("62826bf03710200044e0bfc8bcbe5df1", "681ccaf9c0a8016400b98a06818d57c7");
        assertThat(change).doesNotContain("a8f98bb0eb32010045e1a5115206fe3a");
    }

    @Test
    void normalise_shouldMapTheServiceThroughAliases_whenConfigured() throws IOException {
        // GIVEN aliases, and a record that names only its CI
        ServiceNowNormaliser withAliases = new ServiceNowNormaliser(DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    Email: [EXCH-PROD-01, EXCH-PROD-02]
                """));
        ObjectNode record = (ObjectNode) sample("07-email-second-outage.json");
        record.put("business_service", "");

        // WHEN / THEN
        assertThat(withAliases.normalise(record).get(0).service()).isEqualTo("Email");
        assertThat(normaliser.normalise(record).get(0).service()).isEqualTo("EXCH-PROD-02");
    }

    @Test
    void ticket_shouldRoundTripThroughJson_whenAChange() throws IOException {
        Ticket ticket = normaliser.normalise(sample("10-exchange-change-failed.json")).get(0);

        String json = Json.mapper().writeValueAsString(ticket);

        assertThat(Json.mapper().readValue(json, Ticket.class)).isEqualTo(ticket);
        assertThat(json).contains("\"kind\":\"change\"", "\"outcome\":\"failed\"");
    }
}
