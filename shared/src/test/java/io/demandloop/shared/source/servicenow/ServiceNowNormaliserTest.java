package io.demandloop.shared.source.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.InvalidRecordException;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            assertThat(t.sourceId()).isEqualTo("9d385017c611228701d22104cc95c371");
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
        "sys_id|''|required field sys_id is missing or empty",
        "sys_mod_count|three|sys_mod_count must be a whole number, was 'three'",
        "priority|9|priority must be 1 to 5, was '9'",
        "state|42|unknown incident state code '42'",
        "opened_at|16/11/2026 08:02|opened_at is not a date",
        "sys_class_name|change_request|table 'change_request' is not supported yet"})
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
}
