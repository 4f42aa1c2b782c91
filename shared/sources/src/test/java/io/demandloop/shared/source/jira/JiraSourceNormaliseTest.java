package io.demandloop.shared.source.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JiraSourceNormaliseTest {

    private static final String WEBHOOK_IDENTIFIER = "c5d8f7e6-0a1b-4c3d-9e8f-7a6b5c4d3e2f";

    private final JiraSource source = new JiraSource(DemandloopConfig.defaults());

    static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/jira/" + name));
    }

    static ObjectNode fields(ObjectNode body) {
        return (ObjectNode) body.get("issue").get("fields");
    }

    static Delivery delivery() {
        return new Delivery("jira", Map.of("X-Atlassian-Webhook-Identifier", WEBHOOK_IDENTIFIER),
                new byte[0], Instant.parse("2026-11-19T10:00:00Z"));
    }

    private Ticket ticket(JiraSource jira, JsonNode body) {
        NormalisedDelivery normalised = jira.normalise(delivery(), body);
        assertThat(normalised.ignoredReason()).isNull();
        assertThat(normalised.alerts()).isEmpty();
        assertThat(normalised.tickets()).hasSize(1);
        return normalised.tickets().get(0);
    }

    private Ticket ticket(JsonNode body) {
        return ticket(source, body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[System] Incident | INCIDENT",
            "[System] Service request | REQUEST",
            "[System] Service request with approvals | REQUEST",
            "[System] Problem | PROBLEM",
            "[System] Change | CHANGE",
            "[System] Post-incident review | PROBLEM"})
    void normalise_shouldMapJsmStockIssueTypes_byDefault(String issueType, TicketKind kind) throws IOException {
        // GIVEN an issue of a JSM project created from the stock template, its type named "[System] ..."
        ObjectNode body = sample("01-vpn-incident-created.json");
        ((ObjectNode) fields(body).get("issuetype")).put("name", issueType);

        // WHEN
        Ticket t = ticket(body);

        // THEN the stock type gets its kind, not the default (request)
        assertThat(t.kind()).isEqualTo(kind);
    }

    @Test
    void normalise_shouldMapEveryCanonicalField_whenIssueCreated() throws IOException {
        // GIVEN a new JSM incident
        ObjectNode body = sample("01-vpn-incident-created.json");

        // WHEN
        Ticket t = ticket(body);

        // THEN
        assertThat(t.source()).isEqualTo("jira");
        assertThat(t.sourceId()).isEqualTo("10042");
        assertThat(t.key()).isEqualTo("jira#incident#10042");
        assertThat(t.kind()).isEqualTo(TicketKind.INCIDENT);
        assertThat(t.number()).isEqualTo("ITSM-42");
        assertThat(t.service()).isEqualTo("VPN");
        assertThat(t.configurationItem()).isNull();
        assertThat(t.priority()).isEqualTo(2);
        assertThat(t.state()).isEqualTo(TicketState.OPEN);
        assertThat(t.openedAt()).isEqualTo(Instant.parse("2026-11-18T08:12:40.512Z"));
        assertThat(t.resolvedAt()).isNull();
        assertThat(t.closedAt()).isNull();
        assertThat(t.department()).as("no department field by default").isNull();
        assertThat(t.assignmentGroup()).isNull();
        assertThat(t.effortMinutes()).isNull();
        assertThat(t.category()).isEqualTo("Incident");
        assertThat(t.title()).isEqualTo("VPN gateway rejects logins for remote staff in Munich");
        assertThat(t.sourceVersion()).isEqualTo(Instant.parse("2026-11-18T08:12:40.512Z").toEpochMilli());
        assertThat(t.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-18T08:12:40.512Z"));
        assertThat(t.reopenCount()).isZero();
        assertThat(t.link()).isEqualTo("https://acme.atlassian.net/browse/ITSM-42");
        assertThat(t.change()).isNull();
    }

    @Test
    void normalise_shouldGiveANewerVersion_whenIssueUpdated() throws IOException {
        // GIVEN the incident created, then worked on
        Ticket created = ticket(sample("01-vpn-incident-created.json"));

        // WHEN
        Ticket updated = ticket(sample("02-vpn-incident-updated.json"));

        // THEN
        assertThat(updated.key()).isEqualTo(created.key());
        assertThat(updated.sourceVersion()).isGreaterThan(created.sourceVersion())
                .isEqualTo(Instant.parse("2026-11-18T09:05:03.117Z").toEpochMilli());
        assertThat(updated.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(updated.priority()).isEqualTo(1);
        assertThat(updated.effortMinutes()).as("timespent 2700 s").isEqualTo(45);
        assertThat(updated.openedAt()).isEqualTo(created.openedAt());
    }

    @Test
    void normalise_shouldKeepTheIdentity_whenIssueMovesToAnotherProject() throws IOException {
        // GIVEN a request created as ITSM-43, then moved to project DESK, where it became DESK-7
        Ticket created = ticket(sample("03-laptop-request-created.json"));

        // WHEN
        Ticket moved = ticket(sample("04-laptop-request-moved.json"));

        // THEN it is the same ticket, newer, under its new number
        assertThat(moved.key()).isEqualTo(created.key()).isEqualTo("jira#request#10043");
        assertThat(created.number()).isEqualTo("ITSM-43");
        assertThat(moved.number()).isEqualTo("DESK-7");
        assertThat(moved.link()).isEqualTo("https://acme.atlassian.net/browse/DESK-7");
        assertThat(moved.sourceVersion()).isGreaterThan(created.sourceVersion());
        assertThat(moved.state()).as("status 'Waiting for customer'").isEqualTo(TicketState.ON_HOLD);
        assertThat(moved.service()).isEqualTo("Laptops");
        assertThat(moved.effortMinutes()).isEqualTo(15);
    }

    @Test
    void normalise_shouldGiveADeletedVersionThatWins_whenIssueDeleted() throws IOException {
        // GIVEN the last update of the incident, and its deletion carrying the same fields.updated
        Ticket lastUpdate = ticket(sample("02-vpn-incident-updated.json"));

        // WHEN
        Ticket deleted = ticket(sample("05-vpn-incident-deleted.json"));

        // THEN
        assertThat(deleted.key()).isEqualTo(lastUpdate.key());
        assertThat(deleted.state()).isEqualTo(TicketState.DELETED);
        assertThat(deleted.sourceVersion()).isGreaterThan(lastUpdate.sourceVersion())
                .isEqualTo(Instant.parse("2026-11-18T11:20:00Z").toEpochMilli());
        assertThat(deleted.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-18T11:20:00Z"));
        assertThat(deleted.finishedAt()).isEqualTo(Instant.parse("2026-11-18T11:20:00Z"));
    }

    @Test
    void normalise_shouldStillWinOverTheLastUpdate_whenDeleteHasNoTimestamp() throws IOException {
        ObjectNode body = sample("05-vpn-incident-deleted.json");
        body.remove("timestamp");
        Ticket lastUpdate = ticket(sample("02-vpn-incident-updated.json"));

        Ticket deleted = ticket(body);

        assertThat(deleted.sourceVersion()).isEqualTo(lastUpdate.sourceVersion() + 1);
        assertThat(deleted.state()).isEqualTo(TicketState.DELETED);
    }

    @Test
    void normalise_shouldGiveTheSameVersion_whenADeleteIsRedelivered() throws IOException {
        assertThat(ticket(sample("05-vpn-incident-deleted.json")))
                .isEqualTo(ticket(sample("05-vpn-incident-deleted.json")));
    }

    @Test
    void normalise_shouldIgnore_whenEventTypeIsNotAnIssueEvent() throws IOException {
        // GIVEN a comment event
        ObjectNode body = sample("06-comment-created-ignored.json");

        // WHEN
        NormalisedDelivery normalised = source.normalise(delivery(), body);

        // THEN
        assertThat(normalised.size()).isZero();
        assertThat(normalised.ignoredReason()).contains("'comment_created'").contains("jira:issue_updated");
    }

    @Test
    void normalise_shouldAcceptEverySample() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(ProjectFiles.path("events/webhooks/jira"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }

        assertThat(samples).hasSizeGreaterThanOrEqualTo(6);
        for (Path sample : samples) {
            assertThat(source.normalise(delivery(), Json.mapper().readTree(Files.readAllBytes(sample))))
                    .as(sample.getFileName().toString()).isNotNull();
        }
    }

    @Test
    void normalise_shouldNeverCarryPeopleOrTheRedeliveryId() throws IOException {
        // GIVEN every issue sample, each naming reporters, assignees, creators and the acting user
        for (String name : List.of("01-vpn-incident-created.json", "02-vpn-incident-updated.json",
                "03-laptop-request-created.json", "04-laptop-request-moved.json", "05-vpn-incident-deleted.json")) {
            // WHEN
            String canonical = Json.mapper().writeValueAsString(source.normalise(delivery(), sample(name)));

            // THEN
            assertThat(canonical).as(name)
                    .doesNotContain("Mia Krystof", "Jonas Weber", "Lena Hoffmann", "example.com", "accountId",
                            "5b10a2844c20165700ede21g", "557058:", "qm:", WEBHOOK_IDENTIFIER);
        }
    }

    @Test
    void normalise_shouldSkipPeople_whenAConfiguredFieldHoldsAUser() throws IOException {
        // GIVEN a configuration that (wrongly) names the reporter and assignee as the department
        JiraSource jira = new JiraSource(DemandloopConfig.fromYaml(
                "jira: {fields: {department: [reporter, assignee, customfield_10050]}}"));

        // WHEN
        Ticket t = ticket(jira, sample("02-vpn-incident-updated.json"));

        // THEN people are passed over
        assertThat(t.department()).isEqualTo("Sales");
    }

    @ParameterizedTest
    @CsvSource({
        "Incident,INCIDENT", "incident,INCIDENT", "Service Request,REQUEST", "Service request with approvals,REQUEST",
        "Problem,PROBLEM", "Change,CHANGE", "Task,REQUEST", "Emergency Change,REQUEST"})
    void normalise_shouldMapTheKind_byIssueTypeName(String issueType, TicketKind expected) throws IOException {
        ObjectNode body = sample("01-vpn-incident-created.json");
        ((ObjectNode) fields(body).get("issuetype")).put("name", issueType);

        Ticket t = ticket(body);

        assertThat(t.kind()).isEqualTo(expected);
        assertThat(t.category()).isEqualTo(issueType);
    }

    @ParameterizedTest
    @CsvSource({
        "Open,new,OPEN", "Work in progress,indeterminate,IN_PROGRESS", "Resolved,done,RESOLVED",
        "Waiting for customer,indeterminate,ON_HOLD", "waiting FOR customer,indeterminate,ON_HOLD",
        "Pending,indeterminate,ON_HOLD", "Canceled,done,CANCELLED", "Declined,done,CANCELLED", "Closed,done,CLOSED",
        "Escalated,indeterminate,IN_PROGRESS", "Done,done,RESOLVED"})
    void normalise_shouldMapTheState_byStatusCategoryAndStatusName(String status, String category, TicketState expected)
            throws IOException {
        ObjectNode body = sample("02-vpn-incident-updated.json");
        ObjectNode statusNode = (ObjectNode) fields(body).get("status");
        statusNode.put("name", status);
        ((ObjectNode) statusNode.get("statusCategory")).put("key", category);

        assertThat(ticket(body).state()).isEqualTo(expected);
    }

    @Test
    void normalise_shouldTakeTheResolutionDate_whenResolved() throws IOException {
        // GIVEN the incident resolved
        ObjectNode body = sample("02-vpn-incident-updated.json");
        ObjectNode fields = fields(body);
        fields.put("resolutiondate", "2026-11-18T11:02:00.000+0100");
        ((ObjectNode) fields.get("status")).put("name", "Resolved");
        ((ObjectNode) fields.get("status").get("statusCategory")).put("key", "done");

        // WHEN
        Ticket t = ticket(body);

        // THEN
        assertThat(t.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(t.resolvedAt()).isEqualTo(Instant.parse("2026-11-18T10:02:00Z"));
        assertThat(t.closedAt()).isNull();
    }

    @Test
    void normalise_shouldTakeTheResolutionDateAsClosed_whenStatusIsClosed() throws IOException {
        ObjectNode body = sample("02-vpn-incident-updated.json");
        ObjectNode fields = fields(body);
        fields.put("resolutiondate", "2026-11-18T11:02:00.000+0100");
        ((ObjectNode) fields.get("status")).put("name", "Closed");
        ((ObjectNode) fields.get("status").get("statusCategory")).put("key", "done");

        Ticket t = ticket(body);

        assertThat(t.state()).isEqualTo(TicketState.CLOSED);
        assertThat(t.resolvedAt()).isEqualTo(Instant.parse("2026-11-18T10:02:00Z"));
        assertThat(t.closedAt()).isEqualTo(Instant.parse("2026-11-18T10:02:00Z"));
    }

    @Test
    void normalise_shouldDropAStaleResolutionDate_whenReopenedOrCancelled() throws IOException {
        ObjectNode body = sample("02-vpn-incident-updated.json");
        fields(body).put("resolutiondate", "2026-11-18T11:02:00.000+0100");
        Ticket reopened = ticket(body);
        ((ObjectNode) fields(body).get("status")).put("name", "Canceled");

        Ticket cancelled = ticket(body);

        assertThat(reopened.resolvedAt()).isNull();
        assertThat(cancelled.state()).isEqualTo(TicketState.CANCELLED);
        assertThat(cancelled.resolvedAt()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"Highest,1", "High,2", "Medium,3", "Low,4", "Lowest,5", "LOW,4", "Blocker,3"})
    void normalise_shouldMapThePriority_byName(String name, int expected) throws IOException {
        ObjectNode body = sample("01-vpn-incident-created.json");
        ((ObjectNode) fields(body).get("priority")).put("name", name);

        assertThat(ticket(body).priority()).isEqualTo(expected);
    }

    @Test
    void normalise_shouldGiveTheDefaultPriority_whenIssueHasNone() throws IOException {
        ObjectNode body = sample("01-vpn-incident-created.json");
        fields(body).putNull("priority");

        assertThat(ticket(body).priority()).isEqualTo(3);
    }

    @Test
    void normalise_shouldTakeTheFirstComponent_elseTheConfiguredCustomField() throws IOException {
        // GIVEN a request without components and a service custom field configured after them
        ObjectNode body = sample("03-laptop-request-created.json");
        JiraSource jira = new JiraSource(DemandloopConfig.fromYaml(
                "jira: {fields: {service: [components, customfield_10070]}}"));

        // WHEN / THEN
        assertThat(ticket(body).service()).as("default: components only").isEqualTo(Ticket.UNKNOWN_SERVICE);
        assertThat(ticket(jira, body).service()).isEqualTo("End-user devices");
        ArrayNode components = (ArrayNode) fields(body).get("components");
        components.addObject().put("id", "10030").put("name", "Docking stations");
        components.addObject().put("id", "10031").put("name", "Laptops");
        assertThat(ticket(jira, body).service()).isEqualTo("Docking stations");
    }

    @Test
    void normalise_shouldMapTheServiceThroughAliases() throws IOException {
        JiraSource jira = new JiraSource(DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    Remote access: [vpn, vpn-gw-01]
                """));

        assertThat(ticket(jira, sample("01-vpn-incident-created.json")).service()).isEqualTo("Remote access");
    }

    @Test
    void normalise_shouldReadConfiguredFields_ofEveryShape() throws IOException {
        // GIVEN a select list, a text field, a labels array and a number configured
        JiraSource jira = new JiraSource(DemandloopConfig.fromYaml("""
                jira:
                  fields:
                    department: [customfield_10050]
                    assignmentGroup: [customfield_10060]
                    configurationItem: [customfield_10080, labels]
                    effort: [customfield_10090, timespent]
                """));
        ObjectNode body = sample("02-vpn-incident-updated.json");
        fields(body).put("customfield_10060", "  Network Operations ").put("customfield_10090", "1200");

        // WHEN
        Ticket t = ticket(jira, body);

        // THEN
        assertThat(t.department()).isEqualTo("Sales");
        assertThat(t.assignmentGroup()).isEqualTo("Network Operations");
        assertThat(t.configurationItem()).as("absent custom field, then labels").isEqualTo("remote-access");
        assertThat(t.effortMinutes()).isEqualTo(20);
    }

    @Test
    void normalise_shouldGiveAChangeItsPlannedWindow_whenFieldsConfigured() throws IOException {
        // GIVEN a JSM change with its planned start and end in custom fields
        JiraSource jira = new JiraSource(DemandloopConfig.fromYaml(
                "jira: {fields: {plannedStart: [customfield_10200], plannedEnd: [customfield_10201]}}"));
        ObjectNode body = sample("01-vpn-incident-created.json");
        ((ObjectNode) fields(body).get("issuetype")).put("name", "Change");
        fields(body).put("customfield_10200", "2026-11-20T22:00:00.000+0100").put("customfield_10201", "2026-11-21");

        // WHEN
        Ticket t = ticket(jira, body);

        // THEN
        assertThat(t.kind()).isEqualTo(TicketKind.CHANGE);
        assertThat(t.change()).isNotNull();
        assertThat(t.change().plannedStart()).isEqualTo(Instant.parse("2026-11-20T21:00:00Z"));
        assertThat(t.change().plannedEnd()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(t.change().outcome()).isNull();
        assertThat(ticket(body).change()).as("no window fields by default").isEqualTo(
                new io.demandloop.shared.ticket.ChangeDetails(null, null, null));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-16T08:02:11.000+0000,2026-11-16T08:02:11Z",
        "2026-11-16T09:02:11.000+0100,2026-11-16T08:02:11Z",
        "2026-11-16T09:02:11.250+01:00,2026-11-16T08:02:11.250Z",
        "2026-11-16T02:32:11.000-0530,2026-11-16T08:02:11Z",
        "2026-11-16T08:02:11Z,2026-11-16T08:02:11Z",
        "2026-11-16T08:02:11.123456+0000,2026-11-16T08:02:11.123456Z"})
    void parseDate_shouldReadJiraDates_withAndWithoutColonInTheOffset(String value, Instant expected) {
        assertThat(JiraNormaliser.parseDate(value, "fields.updated")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "issue.id||required field issue.id is missing or empty",
        "fields.updated|yesterday|fields.updated is not a date",
        "fields.updated|2026-11-16 08:02:11|fields.updated is not a date",
        "fields.updated|+999999999-12-31T00:00:00.000+0000|fields.updated is +999999999-12-31T00:00:00Z, outside the years 1 to 9999",
        "fields.created|2026-02-30T08:00:00.000+0000|fields.created is not a date",
        "fields.updated||required field fields.updated is missing or empty",
        "fields.created||required field fields.created is missing or empty",
        "fields.resolutiondate|soon|fields.resolutiondate is not a date",
        "fields.timespent|lots|fields.timespent must be a whole number of seconds",
        "fields.timespent|-60|fields.timespent must be a whole number of seconds",
        "fields.issuetype||required field fields.issuetype.name is missing or empty",
        "fields.status||required field fields.status is missing",
        "fields.summary||"})
    void normalise_shouldNameTheField_whenInvalid(String path, String value, String message) throws IOException {
        // GIVEN a resolved issue with one field spoilt (removed when no value is given)
        ObjectNode body = sample("02-vpn-incident-updated.json");
        ObjectNode fields = fields(body);
        ((ObjectNode) fields.get("status").get("statusCategory")).put("key", "done");
        fields.put("resolutiondate", "2026-11-18T11:02:00.000+0100");
        ObjectNode parent = path.startsWith("issue.") ? (ObjectNode) body.get("issue") : fields;
        String field = path.substring(path.indexOf('.') + 1);
        if (value == null) {
            parent.remove(field);
        } else {
            parent.put(field, value);
        }

        // WHEN / THEN
        if (message == null) {
            assertThat(ticket(body).title()).isNull();
        } else {
            assertThatThrownBy(() -> source.normalise(delivery(), body))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining(message);
        }
    }

    @Test
    void normalise_shouldNameTheCategory_whenStatusCategoryIsUnknown() throws IOException {
        ObjectNode body = sample("02-vpn-incident-updated.json");
        ((ObjectNode) fields(body).get("status").get("statusCategory")).put("key", "undefined");

        assertThatThrownBy(() -> source.normalise(delivery(), body))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("fields.status.statusCategory.key 'undefined' is not mapped")
                .hasMessageContaining("jira.statuses");
    }

    @Test
    void normalise_shouldNameTheProblem_whenTheEnvelopeIsWrong() throws IOException {
        ObjectNode noEvent = sample("01-vpn-incident-created.json");
        noEvent.remove("webhookEvent");
        ObjectNode noIssue = sample("01-vpn-incident-created.json");
        noIssue.remove("issue");
        ObjectNode badTimestamp = sample("05-vpn-incident-deleted.json");
        badTimestamp.put("timestamp", "later");

        assertThatThrownBy(() -> source.normalise(delivery(), noEvent)).hasMessageContaining("webhookEvent");
        assertThatThrownBy(() -> source.normalise(delivery(), noIssue)).hasMessageContaining("required field issue ");
        assertThatThrownBy(() -> source.normalise(delivery(), badTimestamp))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("timestamp must be epoch milliseconds");
        assertThatThrownBy(() -> source.normalise(delivery(), Json.mapper().createArrayNode()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("Jira webhook object");
    }

    @Test
    void normalise_shouldTrimLongTitles_soThatItemsStaySmall() throws IOException {
        ObjectNode body = sample("01-vpn-incident-created.json");
        fields(body).put("summary", "x".repeat(5000));

        assertThat(ticket(body).title()).hasSize(JiraNormaliser.MAX_TITLE_LENGTH);
    }

    @Test
    void ticket_shouldRoundTripThroughJson_asTheBusCarriesIt() throws IOException {
        Ticket t = ticket(sample("04-laptop-request-moved.json"));

        String json = Json.mapper().writeValueAsString(t);

        assertThat(Json.mapper().readValue(json, Ticket.class)).isEqualTo(t);
        assertThat(json).contains("\"source\":\"jira\"", "\"kind\":\"request\"", "\"state\":\"on_hold\"");
    }
}
