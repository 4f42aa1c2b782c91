package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading records where the mapping says, and refusing what cannot be read with the field named. */
class MappedNormaliserTest {

    private static final DemandloopConfig CONFIG = AcmeDesk.config();

    private static MappedNormaliser acme() {
        return new MappedNormaliser(MappingSpec.parse("acme-desk", AcmeDesk.spec()), CONFIG::serviceFor);
    }

    private static MappedNormaliser preset(String tool) {
        return new MappedNormaliser(MappedSources.specs(DemandloopConfig.defaults()).stream()
                .filter(s -> s.tool().equals(tool)).findFirst().orElseThrow(), name -> name);
    }

    @Test
    void normalise_shouldThrowNamingTheId_whenARecordHasNone() {
        // GIVEN
        ObjectNode body = AcmeDesk.body();
        AcmeDesk.ticket(body).remove("uuid");

        // WHEN / THEN
        assertThatThrownBy(() -> acme().normalise(body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("record 0: required field id (at /uuid) is missing or empty");
    }

    @Test
    void normalise_shouldThrowNamingTheId_whenAPresetRecordHasAnEmptyOne() throws IOException {
        // GIVEN a Salesforce case whose Id is blank
        ObjectNode record = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/salesforce/02-portal-login-escalated.json"));
        record.put("Id", "  ");

        // WHEN / THEN
        assertThatThrownBy(() -> preset("salesforce").normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("record: required field id (at /Id) is missing or empty");
    }

    /** Each row: a field of the Acme record, the JSON value to put there (- removes it), the expected message. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "status       | \"paused\"           | record 0: state (at /status) has the value 'paused', which the mapping does not know (known: archived, blocked, doing, done, dropped, todo); add it to state.values",
        "status       | -                    | record 0: required field state (at /status) is missing or empty",
        "severity     | \"\"                 | record 0: required field priority (at /severity) is missing or empty",
        "severity     | {\"name\": \"S1\"}   | record 0: priority (at /severity) is an object, not a value; point the mapping at the value inside it",
        "type         | \"chore\"            | record 0: kind (at /type) has the value 'chore', which the mapping does not know (known: ask, bug); add it to kind.values",
        "created      | \"16/11/2026 09:02\" | record 0: openedAt (at /created) is not a date of format yyyy-MM-dd HH:mm:ss (Europe/Paris): '16/11/2026 09:02'",
        "created      | null                 | record 0: required field openedAt (at /created) is missing or empty",
        "archived_at  | \"yesterday\"        | record 0: closedAt (at /archived_at) is not a date of format epoch-seconds (Europe/Paris): 'yesterday'",
        "revision     | \"seven\"            | record 0: version (at /revision) must be a whole number, was 'seven'",
        "revision     | -1                   | record 0: version (at /revision) must not be negative, was '-1'",
        "revision     | -                    | record 0: required field version (at /revision) is missing or empty",
        "reopened     | \"twice\"            | record 0: reopenCount (at /reopened) must be a whole number, was 'twice'",
        "hours_logged | \"lots\"             | record 0: effortMinutes (at /hours_logged) must be a number of hours or an ISO-8601 duration such as PT1H30M, was 'lots'",
        "hours_logged | -2                   | record 0: effortMinutes (at /hours_logged) must not be negative, was '-2'",
    })
    void normalise_shouldThrowNamingFieldAndLocation_whenAValueCannotBeRead(String field, String json, String message)
            throws IOException {
        // GIVEN
        ObjectNode body = AcmeDesk.body();
        if (json.equals("-")) {
            AcmeDesk.ticket(body).remove(field);
        } else {
            AcmeDesk.ticket(body).set(field, Json.mapper().readTree(json));
        }

        // WHEN / THEN
        assertThatThrownBy(() -> acme().normalise(body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}                                     | the body has nothing at $.data.tickets, where the mapping of acme-desk expects its records",
        "{\"data\": {\"tickets\": []}}          | records at $.data.tickets holds no records",
        "{\"data\": {\"tickets\": [\"t-1\"]}}   | record 0 is not a JSON object",
        "{\"data\": {\"tickets\": \"t-1\"}}     | records at $.data.tickets must be a record object or an array of records",
        "[1, 2]                                 | the body has nothing at $.data.tickets, where the mapping of acme-desk expects its records",
        "\"text\"                               | the body must be a JSON object or array",
    })
    void normalise_shouldThrow_whenTheRecordsAreNotWhereTheMappingSays(String json, String message) throws IOException {
        JsonNode body = Json.mapper().readTree(json);

        assertThatThrownBy(() -> acme().normalise(body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage(message);
    }

    @Test
    void normalise_shouldReadEveryRecord_whenRecordsIsAnArray() {
        // GIVEN two tickets in one delivery
        ObjectNode body = AcmeDesk.body();
        ObjectNode second = AcmeDesk.ticket(body).deepCopy();
        second.put("uuid", "t-2").put("type", "ask").put("revision", 1);
        body.withArray("/data/tickets").add(second);

        // WHEN
        List<Ticket> tickets = acme().normalise(body);

        // THEN
        assertThat(tickets).extracting(Ticket::sourceId).containsExactly("t-1", "t-2");
        assertThat(tickets).extracting(Ticket::kind).containsExactly(TicketKind.INCIDENT, TicketKind.REQUEST);
    }

    @Test
    void normalise_shouldReadTheOtherShapes_whenValuesVary() {
        // GIVEN numbers where text was, an ISO duration, an epoch close date, a long title, an id to escape
        ObjectNode body = AcmeDesk.body();
        ObjectNode ticket = AcmeDesk.ticket(body);
        ticket.put("uuid", "t 1/ä").put("severity", "s4").put("revision", "12").put("reopened", 3)
                .put("hours_logged", "PT45M").put("archived_at", 1_794_823_200L).put("headline", "x".repeat(300))
                .put("status", "ARCHIVED");
        ((ObjectNode) ticket.get("product")).put("service", "Payments");

        // WHEN
        Ticket normalised = acme().normalise(body).get(0);

        // THEN
        assertThat(normalised.priority()).as("value maps ignore case").isEqualTo(4);
        assertThat(normalised.state()).isEqualTo(io.demandloop.shared.ticket.TicketState.CLOSED);
        assertThat(normalised.sourceVersion()).isEqualTo(12);
        assertThat(normalised.reopenCount()).isEqualTo(3);
        assertThat(normalised.effortMinutes()).isEqualTo(45);
        assertThat(normalised.closedAt()).hasToString("2026-11-16T10:00:00Z");
        assertThat(normalised.title()).hasSize(MappedNormaliser.MAX_TITLE_LENGTH);
        assertThat(normalised.service()).as("the first non-empty candidate").isEqualTo("Payments");
        assertThat(normalised.link()).isEqualTo("https://desk.acme.example/tickets/t%201%2F%C3%A4");
    }

    @Test
    void normalise_shouldUseUnknownService_whenNoCandidateHasAValue() {
        // GIVEN
        ObjectNode body = AcmeDesk.body();
        AcmeDesk.ticket(body).remove("product");

        // WHEN / THEN
        assertThat(acme().normalise(body).get(0).service()).isEqualTo(Ticket.UNKNOWN_SERVICE);
    }

    @Test
    void normalise_shouldReadCanonicalValuesDirectly_whenTheMappingHasNoValueMap() throws IOException {
        // GIVEN an Ivanti incident, whose Priority is already 1 to 5, with an impossible priority
        ObjectNode record = (ObjectNode) Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/ivanti/01-vpn-drops-logged.json"));
        record.put("Priority", "9");

        // WHEN / THEN
        assertThatThrownBy(() -> preset("ivanti").normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("record: priority (at /Priority) has the value '9', which is not canonical;"
                        + " map the tool's values with priority.values");
    }

    @Test
    void normalise_shouldUseTheDefault_whenTheCodedFieldIsEmpty() throws IOException {
        // GIVEN a ManageEngine request whose priority is not set yet
        JsonNode body = Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/manageengine/04-new-starter-service-request.json"));

        // WHEN / THEN
        assertThat(preset("manageengine").normalise(body).get(0).priority()).isEqualTo(3);
    }
}
