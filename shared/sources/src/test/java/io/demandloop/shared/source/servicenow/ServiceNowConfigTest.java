package io.demandloop.shared.source.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section {@code servicenow} of the configuration, as a user overrides it. */
class ServiceNowConfigTest {

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/servicenow/" + name));
    }

    private static ServiceNowNormaliser normaliser(String yaml) {
        return new ServiceNowNormaliser(DemandloopConfig.fromYaml(yaml));
    }

    @Test
    void normalise_shouldBeTheSame_whenNoArgConstructorOrEmptyConfiguration() throws IOException {
        ObjectNode record = sample("01-email-outage-opened.json");

        Ticket byDefault = new ServiceNowNormaliser().normalise(record).get(0);
        Ticket byConfig = normaliser("{}").normalise(record).get(0);

        assertThat(byConfig).isEqualTo(byDefault);
    }

    @Test
    void normalise_shouldMapAnAddedStateCode_andKeepTheDefaultOnes() throws IOException {
        // GIVEN an instance with an extra incident state 9 "Awaiting vendor"
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  tables:
                    incident:
                      states: {"9": on_hold}
                """);
        ObjectNode record = sample("01-email-outage-opened.json");

        // WHEN / THEN
        assertThat(custom.normalise(record.put("state", "9")).get(0).state()).isEqualTo(TicketState.ON_HOLD);
        assertThat(custom.normalise(record.put("state", "6")).get(0).state()).isEqualTo(TicketState.RESOLVED);
    }

    @Test
    void normalise_shouldRefuseAStateCode_whenItsDefaultIsRemoved() throws IOException {
        // GIVEN an instance that retired state 8
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  tables:
                    incident:
                      states: {"8": ~}
                """);
        ObjectNode record = sample("01-email-outage-opened.json").put("state", "8");

        // WHEN / THEN
        assertThatThrownBy(() -> custom.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown incident state '8'")
                .hasMessageContaining("servicenow.tables.incident.states");
    }

    @Test
    void normalise_shouldTakeACustomTable_whenConfigured() throws IOException {
        // GIVEN an HR case table that extends task
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  tables:
                    sn_hr_core_case:
                      kind: request
                      states: {"10": open, "18": in_progress, "20": on_hold, "3": closed, "7": cancelled}
                      fields:
                        service: [hr_service]
                """);
        ObjectNode record = sample("01-email-outage-opened.json")
                .put("sys_class_name", "sn_hr_core_case").put("state", "18").put("hr_service", "Onboarding");

        // WHEN
        Ticket ticket = custom.normalise(record).get(0);

        // THEN
        assertThat(ticket.kind()).isEqualTo(TicketKind.REQUEST);
        assertThat(ticket.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(ticket.service()).isEqualTo("Onboarding");
        assertThat(ticket.department()).as("other field lists are the section's").isEqualTo("Sales");
    }

    @Test
    void normalise_shouldRefuseARecordWithoutTable_whenRequireTable() throws IOException {
        ServiceNowNormaliser strict = normaliser("servicenow: {requireTable: true}");
        ObjectNode record = sample("01-email-outage-opened.json");

        assertThat(strict.normalise(record).get(0).kind()).isEqualTo(TicketKind.INCIDENT);
        record.remove("sys_class_name");
        assertThatThrownBy(() -> strict.normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("required field sys_class_name is missing");
    }

    @Test
    void normalise_shouldTakeTheDefaultTable_whenConfiguredAndTableIsAbsent() throws IOException {
        // GIVEN a REST message that posts only requested items, without the table, numbered without a known prefix
        ServiceNowNormaliser custom = normaliser("servicenow: {defaultTable: sc_req_item}");
        ObjectNode record = sample("08-laptop-request.json");
        record.remove("sys_class_name");
        record.put("number", "0010001");

        // WHEN / THEN
        assertThat(custom.normalise(record).get(0).kind()).isEqualTo(TicketKind.REQUEST);
    }

    @Test
    void normalise_shouldTakeACustomTablesPrefixAndLabels_whenConfigured() throws IOException {
        // GIVEN an HR case table with its number prefix and state labels, and a retired stock label
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  tables:
                    sn_hr_core_case:
                      kind: request
                      prefix: HRC
                      states: {"10": open, "18": in_progress}
                      labels: {Ready: open, Work in Progress: in_progress}
                    incident:
                      labels: {Awaiting Vendor: ~}
                """);
        ObjectNode hrCase = sample("01-email-outage-opened.json").put("number", "HRC0001001").put("state", "work in progress");
        hrCase.remove("sys_class_name");
        ObjectNode incident = sample("01-email-outage-opened.json").put("state", "Awaiting Vendor");

        // WHEN
        Ticket ticket = custom.normalise(hrCase).get(0);

        // THEN
        assertThat(ticket.key()).isEqualTo("servicenow#request#HRC0001001");
        assertThat(ticket.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThatThrownBy(() -> custom.normalise(incident))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown incident state 'Awaiting Vendor'")
                .hasMessageContaining("servicenow.tables.incident.states or .labels");
    }

    @Test
    void normalise_shouldReadTheConfiguredFields_firstNonEmptyWins() throws IOException {
        // GIVEN an instance whose service and department live in custom fields
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  fields:
                    service: [u_service, business_service]
                    department: [u_cost_centre]
                    effort: [u_minutes_in_seconds, time_worked]
                services:
                  aliases:
                    Messaging: [Email]
                """);
        ObjectNode record = sample("01-email-outage-opened.json")
                .put("u_service", "").put("u_cost_centre", "CC-4711").put("u_minutes_in_seconds", "5400");

        // WHEN
        Ticket ticket = custom.normalise(record).get(0);

        // THEN empty u_service falls through to business_service, which the aliases map
        assertThat(ticket.service()).isEqualTo("Messaging");
        assertThat(ticket.department()).isEqualTo("CC-4711");
        assertThat(ticket.effortMinutes()).isEqualTo(90);
    }

    @Test
    void normalise_shouldUseATablesOwnFields_overTheSections() throws IOException {
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  tables:
                    problem:
                      fields:
                        department: [u_owning_department]
                """);
        ObjectNode problem = sample("09-sap-billing-problem.json");
        ((ObjectNode) problem.get("result")).put("u_owning_department", "Operations");

        assertThat(custom.normalise(problem).get(0).department()).isEqualTo("Operations");
        assertThat(custom.normalise(sample("01-email-outage-opened.json")).get(0).department()).isEqualTo("Sales");
    }

    @ParameterizedTest
    @CsvSource({"rolled_back,BACKED_OUT", "unsuccessful,BACKED_OUT", "successful,SUCCESSFUL"})
    void normalise_shouldMapTheConfiguredCloseCodes(String closeCode, ChangeOutcome expected) throws IOException {
        ServiceNowNormaliser custom = normaliser("""
                servicenow:
                  changeOutcomes:
                    rolled_back: backed_out
                    unsuccessful: backed_out
                """);
        ObjectNode record = sample("10-exchange-change-failed.json").put("close_code", closeCode);

        assertThat(custom.normalise(record).get(0).change().outcome()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "servicenow: {requireTabel: true}|requireTabel",
        "servicenow: {tables: {incident: {stats: {'1': open}}}}|stats",
        "servicenow: {fields: {servce: [cmdb_ci]}}|servce",
        "servicenow: {tables: {incident: {states: {'1': opened}}}}|opened",
        "servicenow: {tables: {u_case: {kind: ticket, states: {'1': open}}}}|ticket",
        "servicenow: {changeOutcomes: {rolled_back: rolled_back}}|rolled_back"})
    void constructor_shouldFailNamingTheKey_whenUnknownOrMalformed(String yaml, String named) {
        DemandloopConfig config = DemandloopConfig.fromYaml(yaml);

        assertThatThrownBy(() -> new ServiceNowNormaliser(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("servicenow")
                .hasMessageContaining(named);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "servicenow: {defaultTable: u_case}|servicenow.defaultTable 'u_case' is not one of servicenow.tables",
        "servicenow: {tables: {u_case: {states: {'1': open}}}}|servicenow.tables.u_case.kind is missing",
        "servicenow: {tables: {u_case: {kind: request}}}|servicenow.tables.u_case.states is missing or empty",
        "servicenow: {tables: {incident: ~, sc_req_item: ~, problem: ~, change_request: ~}}|servicenow.tables is empty"})
    void constructor_shouldFailNamingTheKey_whenInconsistent(String yaml, String message) {
        DemandloopConfig config = DemandloopConfig.fromYaml(yaml);

        assertThatThrownBy(() -> new ServiceNowNormaliser(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void constructor_shouldAcceptAnUnknownDefaultTable_whenTableIsRequired() throws IOException {
        ServiceNowNormaliser strict = normaliser("servicenow: {requireTable: true, defaultTable: ~}");

        assertThat(strict.normalise(sample("08-laptop-request.json")).get(0).kind()).isEqualTo(TicketKind.REQUEST);
    }
}
