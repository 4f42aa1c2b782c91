package io.demandloop.shared.source.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketSignals;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The linked problem, symptom and SLA verdict of ServiceNow records ({@code servicenow.fields.problem}, …). */
class ServiceNowSignalsTest {

    private static final String PROBLEM_SYS_ID = "62304320731823002728660c4cf6a7e8";

    private final ServiceNowNormaliser normaliser = new ServiceNowNormaliser();

    /** The first incident of the SAP batch sample, in value form, without any signal field. */
    private static ObjectNode incident() throws IOException {
        JsonNode body = Json.mapper().readTree(ProjectFiles.read("events/webhooks/servicenow/03-sap-batch-table-api.json"));
        return (ObjectNode) body.get("result").get(0).deepCopy();
    }

    private static ObjectNode reference(String value, String displayValue) {
        ObjectNode field = Json.mapper().createObjectNode();
        field.put("value", value);
        field.put("display_value", displayValue);
        return field;
    }

    private Ticket normalise(JsonNode record) {
        return normaliser.normaliseRecord(record, "record");
    }

    // ---- problem_id, in each form a record may carry it ----

    @Test
    void problem_shouldBeKeyedByTheSysId_whenTheValueFormSendsOnlyTheReference() throws IOException {
        ObjectNode record = incident();
        record.put("problem_id", PROBLEM_SYS_ID);

        assertThat(normalise(record).signals().problem()).isEqualTo("servicenow#problem#" + PROBLEM_SYS_ID);
    }

    @Test
    void problem_shouldBeKeyedByTheNumber_whenTheReferenceComesWithItsDisplayValue() throws IOException {
        ObjectNode record = incident();
        record.set("problem_id", reference(PROBLEM_SYS_ID, "PRB0040001"));

        assertThat(normalise(record).signals().problem()).isEqualTo("servicenow#problem#PRB0040001");
    }

    @Test
    void problem_shouldBeKeyedByTheSysId_whenTheReferenceObjectHasAnEmptyDisplayValue() throws IOException {
        ObjectNode record = incident();
        record.set("problem_id", reference(PROBLEM_SYS_ID, ""));

        assertThat(normalise(record).signals().problem()).isEqualTo("servicenow#problem#" + PROBLEM_SYS_ID);
    }

    @Test
    void problem_shouldBeTheProblemTicketsOwnKey_whenADisplayStringNamesItsNumber() throws IOException {
        // GIVEN an incident linked by number, and the problem sample itself
        ObjectNode record = incident();
        record.put("problem_id", " PRB0040001 ");
        JsonNode problemSample = Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/servicenow/09-sap-billing-problem.json"));

        // WHEN
        Ticket linked = normalise(record);
        Ticket problem = normaliser.normalise(problemSample).get(0);

        // THEN the link is the problem's key, so the incidents of one problem meet under it
        assertThat(linked.signals().problem()).isEqualTo(problem.key()).isEqualTo("servicenow#problem#PRB0040001");
        assertThat(problem.signals()).as("a problem record links no problem").isNull();
    }

    @Test
    void signals_shouldBeAbsent_whenTheRecordHasNoneOfTheFields() throws IOException {
        assertThat(normalise(incident()).signals()).isNull();
    }

    @Test
    void signals_shouldBeAbsent_whenTheFieldsAreEmpty_asTheValueFormSendsAnEmptyReference() throws IOException {
        ObjectNode record = incident();
        record.put("problem_id", "");
        record.set("u_symptom", reference("", ""));
        record.put("made_sla", " ");

        assertThat(normalise(record).signals()).isNull();
    }

    @Test
    void problem_shouldBeRefusedNamingTheField_whenLongerThanAnId() throws IOException {
        ObjectNode record = incident();
        record.put("problem_id", "P".repeat(Ticket.MAX_ID_LENGTH + 1));

        assertThatThrownBy(() -> normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("problem_id")
                .hasMessageContaining("at most " + Ticket.MAX_ID_LENGTH);
    }

    // ---- u_symptom ----

    @Test
    void symptom_shouldBeTheDisplayValue_whenAnObject_elseTheText() throws IOException {
        ObjectNode asObject = incident();
        asObject.set("u_symptom", reference("batch_abort", "Batch abort"));
        ObjectNode asText = incident();
        asText.put("u_symptom", "  Batch abort ");

        assertThat(normalise(asObject).signals().symptom()).isEqualTo("Batch abort");
        assertThat(normalise(asText).signals().symptom()).isEqualTo("Batch abort");
    }

    // ---- made_sla ----

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "FALSE, false", "True, true"})
    void slaMet_shouldBeTheSourcesVerdict_whenMadeSlaIsTrueOrFalse(String madeSla, boolean expected) throws IOException {
        ObjectNode record = incident();
        record.put("made_sla", madeSla);

        assertThat(normalise(record).signals()).isEqualTo(new TicketSignals(null, null, expected));
    }

    @Test
    void slaMet_shouldBeReadFromTheValue_whenDisplayValueAll() throws IOException {
        ObjectNode record = incident();
        record.set("made_sla", reference("false", "Falsch"));

        assertThat(normalise(record).signals().slaMet()).isFalse();
    }

    @Test
    void slaMet_shouldBeRefusedNamingTheField_whenNeitherTrueNorFalse() throws IOException {
        ObjectNode record = incident();
        record.put("made_sla", "maybe");

        assertThatThrownBy(() -> normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("record: made_sla must be true or false, was 'maybe'");
    }

    // ---- configuration ----

    @Test
    void fields_shouldTakeTheFirstNonEmptyCandidate_asConfigured() throws IOException {
        // GIVEN an instance that keeps the link, the symptom and the verdict in custom fields first
        ServiceNowNormaliser configured = new ServiceNowNormaliser(DemandloopConfig.fromYaml("""
                servicenow:
                  fields:
                    problem: [u_parent_problem, problem_id]
                    symptom: [u_cause]
                    slaMet: [u_sla_met, made_sla]
                """));
        ObjectNode record = incident();
        record.put("u_parent_problem", "");
        record.put("problem_id", "PRB0040002");
        record.put("u_cause", "Disk full");
        record.put("u_symptom", "not read any more");
        record.put("u_sla_met", "false");
        record.put("made_sla", "true");

        // WHEN
        Ticket ticket = configured.normaliseRecord(record, "record");

        // THEN
        assertThat(ticket.signals()).isEqualTo(new TicketSignals("servicenow#problem#PRB0040002", "Disk full", false));
    }

    @Test
    void fields_shouldReadNoSignal_whenItsCandidatesAreConfiguredEmpty() throws IOException {
        ServiceNowNormaliser configured = new ServiceNowNormaliser(DemandloopConfig.fromYaml("""
                servicenow:
                  fields:
                    problem: []
                """));
        ObjectNode record = incident();
        record.put("problem_id", "PRB0040002");
        record.put("made_sla", "true");

        assertThat(configured.normaliseRecord(record, "record").signals()).isEqualTo(new TicketSignals(null, null, true));
    }

    @Test
    void ticket_shouldCarryItsSignalsOnTheBus_throughJson() throws IOException {
        ObjectNode record = incident();
        record.set("problem_id", reference(PROBLEM_SYS_ID, "PRB0040001"));
        record.put("u_symptom", "Batch abort");
        record.put("made_sla", "false");
        Ticket ticket = normalise(record);

        String json = Json.mapper().writeValueAsString(ticket);

        assertThat(Json.mapper().readValue(json, Ticket.class)).isEqualTo(ticket);
        assertThat(ticket.signals()).isEqualTo(new TicketSignals("servicenow#problem#PRB0040001", "Batch abort", false));
    }
}
