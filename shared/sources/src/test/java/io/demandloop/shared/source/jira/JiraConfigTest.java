package io.demandloop.shared.source.jira;

import static io.demandloop.shared.source.jira.JiraSourceNormaliseTest.delivery;
import static io.demandloop.shared.source.jira.JiraSourceNormaliseTest.fields;
import static io.demandloop.shared.source.jira.JiraSourceNormaliseTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section {@code jira} of the configuration, as a user overrides it. */
class JiraConfigTest {

    private static JiraSource jira(String yaml) {
        return new JiraSource(DemandloopConfig.fromYaml(yaml));
    }

    private static Ticket ticket(JiraSource jira, ObjectNode body) {
        return jira.normalise(delivery(), body).tickets().get(0);
    }

    private static ObjectNode withIssueType(String name) throws IOException {
        ObjectNode body = sample("01-vpn-incident-created.json");
        ((ObjectNode) fields(body).get("issuetype")).put("name", name);
        return body;
    }

    @Test
    void normalise_shouldMapAddedIssueTypes_andKeepTheDefaultOnes() throws IOException {
        JiraSource custom = jira("jira: {kinds: {Bug: incident, Post-incident review: problem}}");

        assertThat(ticket(custom, withIssueType("Bug")).kind()).isEqualTo(TicketKind.INCIDENT);
        assertThat(ticket(custom, withIssueType("post-incident REVIEW")).kind()).isEqualTo(TicketKind.PROBLEM);
        assertThat(ticket(custom, withIssueType("Change")).kind()).isEqualTo(TicketKind.CHANGE);
    }

    @Test
    void normalise_shouldIgnoreUnmappedIssueTypes_whenDefaultKindIsEmpty() throws IOException {
        // GIVEN a webhook whose JQL also lets software issues through, and no default kind
        JiraSource custom = jira("jira: {defaultKind: ~}");

        // WHEN
        NormalisedDelivery task = custom.normalise(delivery(), withIssueType("Task"));

        // THEN it is answered 2xx and nothing is taken
        assertThat(task.size()).isZero();
        assertThat(task.ignoredReason()).contains("issue type 'Task' is not mapped");
        assertThat(custom.normalise(delivery(), withIssueType("Incident")).tickets()).hasSize(1);
    }

    @Test
    void normalise_shouldUseTheConfiguredDefaultKind() throws IOException {
        assertThat(ticket(jira("jira: {defaultKind: incident}"), withIssueType("Task")).kind()).isEqualTo(TicketKind.INCIDENT);
    }

    @Test
    void normalise_shouldApplyStatusOverrides_andRemovedOnes() throws IOException {
        // GIVEN "Waiting for support" made on hold, and the default for "Waiting for customer" removed
        JiraSource custom = jira("""
                jira:
                  statuses:
                    Waiting for support: on_hold
                    Waiting for customer: ~
                """);

        // WHEN / THEN
        assertThat(ticket(custom, sample("03-laptop-request-created.json")).state()).isEqualTo(TicketState.ON_HOLD);
        assertThat(ticket(custom, sample("04-laptop-request-moved.json")).state()).isEqualTo(TicketState.IN_PROGRESS);
    }

    @Test
    void normalise_shouldApplyStatusCategoryOverrides() throws IOException {
        JiraSource custom = jira("jira: {statusCategories: {done: closed}}");
        ObjectNode body = sample("02-vpn-incident-updated.json");
        ObjectNode status = (ObjectNode) fields(body).get("status");
        status.put("name", "Done");
        ((ObjectNode) status.get("statusCategory")).put("key", "done");

        assertThat(ticket(custom, body).state()).isEqualTo(TicketState.CLOSED);
    }

    @Test
    void normalise_shouldApplyPriorityOverrides() throws IOException {
        JiraSource custom = jira("jira: {priorities: {Critical: 1, Minor: 4}, defaultPriority: 5}");
        ObjectNode body = sample("01-vpn-incident-created.json");

        ((ObjectNode) fields(body).get("priority")).put("name", "Critical");
        assertThat(ticket(custom, body).priority()).isEqualTo(1);
        ((ObjectNode) fields(body).get("priority")).put("name", "Whenever");
        assertThat(ticket(custom, body).priority()).isEqualTo(5);
        ((ObjectNode) fields(body).get("priority")).put("name", "High");
        assertThat(ticket(custom, body).priority()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jira: {statusCategory: {done: closed}}|statusCategory",
        "jira: {fields: {servcie: [components]}}|servcie",
        "jira: {kinds: {Bug: defect}}|defect",
        "jira: {statuses: {Parked: parked}}|parked",
        "jira: {priorities: {Critical: urgent}}|urgent"})
    void constructor_shouldFailNamingTheKey_whenUnknownOrMalformed(String yaml, String named) {
        DemandloopConfig config = DemandloopConfig.fromYaml(yaml);

        assertThatThrownBy(() -> new JiraSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("jira")
                .hasMessageContaining(named);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jira: {defaultPriority: 6}|jira.defaultPriority must be 1 to 5, was 6",
        "jira: {defaultPriority: ~}|jira.defaultPriority must be 1 to 5, was null",
        "jira: {priorities: {Critical: 0}}|jira.priorities.Critical must be 1 to 5, was 0",
        "jira: {statusCategories: ~}|jira.statusCategories is missing or empty"})
    void constructor_shouldFailNamingTheKey_whenOutOfRange(String yaml, String message) {
        DemandloopConfig config = DemandloopConfig.fromYaml(yaml);

        assertThatThrownBy(() -> new JiraSource(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining(message);
    }
}
