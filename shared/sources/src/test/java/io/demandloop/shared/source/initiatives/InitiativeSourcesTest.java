package io.demandloop.shared.source.initiatives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandDecision;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.decisions.DemandDecisionSource;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import io.demandloop.shared.testing.ProjectFiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The initiative records of every source: the JSON source, Jira epics, ServiceNow SPM, and demand decisions. */
class InitiativeSourcesTest {

    private static final DemandloopConfig CONFIG = DemandloopConfig.defaults();
    private static final Delivery DELIVERY = new Delivery("test", Map.of(), new byte[0], Instant.parse("2026-11-22T10:00:00Z"));

    private static ObjectNode sample(String path) throws Exception {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/" + path));
    }

    private static List<Initiative> json(JsonNode body) {
        return new InitiativeSource(CONFIG).normalise(DELIVERY, body).initiatives();
    }

    @Test
    void jsonSource_shouldReadTheDocumentedFields_whenOneInitiative() throws Exception {
        Initiative initiative = json(sample("initiatives/01-roadmap-item-approved.json")).get(0);

        assertThat(initiative.id()).isEqualTo("initiatives#ROAD-7");
        assertThat(initiative.title()).isEqualTo("Self-service access requests");
        assertThat(initiative.services()).containsExactly("Access Management");
        assertThat(initiative.status()).isEqualTo(InitiativeStatus.APPROVED);
        assertThat(initiative.deliveredAt()).isNull();
        assertThat(initiative.expected().metric()).isEqualTo(OutcomeMetric.REQUESTS);
        assertThat(initiative.expected().targetChange()).isEqualTo(-0.40);
        assertThat(initiative.expected().category()).isEqualTo("category:access-request");
        assertThat(initiative.team()).isEqualTo("Identity");
        assertThat(initiative.sourceVersion()).isEqualTo(3);
        assertThat(initiative.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-18T10:00:00Z"));
    }

    @Test
    void jsonSource_shouldTakeTheDefaultsOfWhatIsNotSaid_whenSeveral() throws Exception {
        List<Initiative> initiatives = json(sample("initiatives/02-two-roadmap-items.json"));

        assertThat(initiatives).extracting(Initiative::sourceId).containsExactly("ROAD-3", "ROAD-9");
        assertThat(initiatives.get(0).deliveredAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(initiatives.get(1).expected().metric()).isEqualTo(OutcomeMetric.INCIDENTS);
        assertThat(initiatives.get(1).expected().targetChange()).isEqualTo(-0.30);
        assertThat(initiatives.get(1).sourceVersion()).isEqualTo(Instant.parse("2026-11-17T08:00:00Z").toEpochMilli());
        assertThat(initiatives.get(1).services()).containsExactly("Payroll", "SAP");
    }

    @Test
    void jsonSource_shouldRejectNamingTheField_whenInputIsBad() throws Exception {
        ObjectNode good = sample("initiatives/01-roadmap-item-approved.json");

        ObjectNode noService = good.deepCopy();
        noService.putArray("services");
        assertThatThrownBy(() -> json(noService)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("services names no targeted service");
        ObjectNode badDate = good.deepCopy().put("status", "delivered").put("deliveredAt", "next Tuesday");
        assertThatThrownBy(() -> json(badDate)).hasMessageContaining("deliveredAt is not a date").hasMessageContaining("next Tuesday");
        ObjectNode noDate = good.deepCopy().put("status", "delivered");
        assertThatThrownBy(() -> json(noDate)).hasMessageContaining("deliveredAt is missing");
        ObjectNode badDemand = good.deepCopy();
        badDemand.putArray("demandIds").add("Payments");
        assertThatThrownBy(() -> json(badDemand)).hasMessageContaining("demandIds").hasMessageContaining("'Payments' is not a demand id");
        ObjectNode badChange = good.deepCopy();
        ((ObjectNode) badChange.get("expected")).put("change", -30);
        assertThatThrownBy(() -> json(badChange)).hasMessageContaining("expected.change");
        ObjectNode badStatus = good.deepCopy().put("status", "done-ish");
        assertThatThrownBy(() -> json(badStatus)).hasMessageContaining("status").hasMessageContaining("done-ish");
        ObjectNode notDeliveredButDated = good.deepCopy().put("deliveredAt", "2026-11-01");
        assertThatThrownBy(() -> json(notDeliveredButDated)).hasMessageContaining("deliveredAt is given but status is 'approved'");
    }

    @Test
    void jsonSource_shouldAcceptADeliveryInTheFuture() throws Exception {
        ObjectNode future = sample("initiatives/01-roadmap-item-approved.json").put("status", "delivered")
                .put("deliveredAt", "2099-01-01");

        assertThat(json(future).get(0).deliveredAt()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void jira_shouldMakeAnInitiativeOfAnEpic_deliveredAtItsResolution() throws Exception {
        NormalisedDelivery records = new JiraSource(CONFIG).normalise(DELIVERY, sample("jira/epics/01-payments-epic-done.json"));

        assertThat(records.tickets()).isEmpty();
        Initiative epic = records.initiatives().get(0);
        assertThat(epic.id()).isEqualTo("jira#10420");
        assertThat(epic.services()).containsExactly("Payments");
        assertThat(epic.status()).isEqualTo(InitiativeStatus.DELIVERED);
        assertThat(epic.deliveredAt()).isEqualTo(Instant.parse("2026-11-20T16:00:00Z"));
        assertThat(epic.sourceVersion()).isEqualTo(Instant.parse("2026-11-20T16:15:00Z").toEpochMilli());
        assertThat(epic.link()).isEqualTo("https://acme.atlassian.net/browse/PAY-120");
        assertThat(epic.expected().metric()).isEqualTo(OutcomeMetric.INCIDENTS);
    }

    @Test
    void jira_shouldTakeEveryComponentAndDemandLabels_whenAnEpicIsNew() throws Exception {
        ObjectNode body = sample("jira/epics/02-password-reset-epic-created.json");
        ((ObjectNode) body.get("issue").get("fields")).putArray("labels").add("security")
                .add("demand:Email#recurring-incidents#category:password");

        Initiative epic = new JiraSource(CONFIG).normalise(DELIVERY, body).initiatives().get(0);

        assertThat(epic.services()).containsExactly("Email", "VPN");
        assertThat(epic.status()).isEqualTo(InitiativeStatus.PROPOSED);
        assertThat(epic.demandIds()).containsExactly("Email#recurring-incidents#category:password");
    }

    @Test
    void jira_shouldRejectNamingTheField_whenAnEpicHasNoServiceOrNoResolutionDate() throws Exception {
        ObjectNode noService = sample("jira/epics/01-payments-epic-done.json");
        ((ObjectNode) noService.get("issue").get("fields")).putArray("components");
        assertThatThrownBy(() -> new JiraSource(CONFIG).normalise(DELIVERY, noService))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("no targeted service")
                .hasMessageContaining("components");
        ObjectNode badDate = sample("jira/epics/01-payments-epic-done.json");
        ((ObjectNode) badDate.get("issue").get("fields")).put("resolutiondate", "yesterday");
        assertThatThrownBy(() -> new JiraSource(CONFIG).normalise(DELIVERY, badDate))
                .hasMessageContaining("fields.resolutiondate is not a date");
    }

    @Test
    void servicenow_shouldMakeInitiativesOfSpmRecords_byTheirTable() throws Exception {
        ServiceNowSource source = new ServiceNowSource(CONFIG);

        Initiative project = source.normalise(DELIVERY, sample("servicenow/spm/01-pm-project-closed-complete.json"))
                .initiatives().get(0);
        Initiative demand = source.normalise(DELIVERY, sample("servicenow/spm/02-dmn-demand-display-values.json"))
                .initiatives().get(0);

        assertThat(project.id()).isEqualTo("servicenow#PRJ0010042");
        assertThat(project.services()).containsExactly("Email");
        assertThat(project.status()).isEqualTo(InitiativeStatus.DELIVERED);
        assertThat(project.deliveredAt()).isEqualTo(Instant.parse("2026-11-12T16:30:00Z"));
        assertThat(project.team()).isEqualTo("Messaging");
        assertThat(project.sourceVersion()).isEqualTo(27);
        assertThat(demand.id()).isEqualTo("servicenow#DMND0001007");
        assertThat(demand.status()).isEqualTo(InitiativeStatus.PROPOSED);
        assertThat(demand.services()).containsExactly("Workplace");
    }

    @Test
    void servicenow_shouldSplitTicketsAndInitiatives_whenOneDeliveryHoldsBoth() throws Exception {
        JsonNode ticket = sample("servicenow/01-email-outage-opened.json");
        JsonNode project = sample("servicenow/spm/01-pm-project-closed-complete.json").get("result");
        JsonNode body = Json.mapper().createArrayNode().add(ticket.has("result") ? ticket.get("result") : ticket).add(project);

        NormalisedDelivery records = new ServiceNowSource(CONFIG).normalise(DELIVERY, body);

        assertThat(records.tickets()).hasSize(1);
        assertThat(records.initiatives()).extracting(Initiative::sourceId).containsExactly("PRJ0010042");
    }

    @Test
    void servicenow_shouldRejectNamingTheField_whenAClosedProjectHasNoEndOrNoService() throws Exception {
        ObjectNode noEnd = sample("servicenow/spm/01-pm-project-closed-complete.json");
        ((ObjectNode) noEnd.get("result")).put("work_end", "").put("end_date", "");
        assertThatThrownBy(() -> new ServiceNowSource(CONFIG).normalise(DELIVERY, noEnd))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("work_end, end_date");
        ObjectNode badEnd = sample("servicenow/spm/01-pm-project-closed-complete.json");
        ((ObjectNode) badEnd.get("result")).put("work_end", "soon");
        assertThatThrownBy(() -> new ServiceNowSource(CONFIG).normalise(DELIVERY, badEnd))
                .hasMessageContaining("work_end is not a date");
        ObjectNode noService = sample("servicenow/spm/01-pm-project-closed-complete.json");
        ((ObjectNode) noService.get("result")).put("business_service", "").put("cmdb_ci", "");
        assertThatThrownBy(() -> new ServiceNowSource(CONFIG).normalise(DELIVERY, noService))
                .hasMessageContaining("names no targeted service");
    }

    @Test
    void decisions_shouldReadEachSample_andRejectNamingTheField() throws Exception {
        DemandDecisionSource source = new DemandDecisionSource();

        DemandDecision promote = source.normalise(DELIVERY, sample("demand-decisions/01-promote.json")).decisions().get(0);
        DemandDecision ack = source.normalise(DELIVERY, sample("demand-decisions/02-acknowledge.json")).decisions().get(0);
        DemandDecision reject = source.normalise(DELIVERY, sample("demand-decisions/03-reject.json")).decisions().get(0);

        assertThat(promote.status()).isEqualTo(DemandStatus.PROMOTED);
        assertThat(promote.title()).isEqualTo("Fix the Payments network");
        assertThat(promote.detail().get("title").asText()).isEqualTo("Fix the Payments network");
        assertThat(ack.status()).isEqualTo(DemandStatus.ACKNOWLEDGED);
        assertThat(reject.status()).isEqualTo(DemandStatus.REJECTED);
        assertThat(reject.detail().get("why").asText()).startsWith("alert tuning");
        ObjectNode noBy = sample("demand-decisions/01-promote.json");
        noBy.remove("by");
        assertThatThrownBy(() -> source.normalise(DELIVERY, noBy)).isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("by:");
        ObjectNode badAction = sample("demand-decisions/01-promote.json").put("action", "fund");
        assertThatThrownBy(() -> source.normalise(DELIVERY, badAction)).hasMessageStartingWith("action:");
        ObjectNode titledAck = sample("demand-decisions/02-acknowledge.json").put("title", "x");
        assertThatThrownBy(() -> source.normalise(DELIVERY, titledAck)).hasMessageStartingWith("title:");
        ObjectNode badId = sample("demand-decisions/01-promote.json").put("id", "Payments");
        assertThatThrownBy(() -> source.normalise(DELIVERY, badId)).hasMessageStartingWith("id:");
    }
}
