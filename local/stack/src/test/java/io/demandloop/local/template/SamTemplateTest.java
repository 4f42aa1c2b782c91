package io.demandloop.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.template.ScheduleDef.Type;
import org.junit.jupiter.api.Test;

/** Reads the project's own template.yaml, the single source of truth the local stack runs. */
class SamTemplateTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void load_shouldResolveFunctionsWithGlobalsMerged() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN
        FunctionDef report = template.function("PortfolioReportFunction").orElseThrow();
        FunctionDef intake = template.function("IntakeFunction").orElseThrow();

        // THEN
        assertThat(template.functions()).extracting(FunctionDef::logicalId)
                .containsExactly("IntakeFunction", "ImportFunction", "TicketStoreFunction", "AlertStoreFunction",
                        "PortfolioReportFunction", "DemandEvaluationFunction", "OutcomeMeasurementFunction", "DemandStatusFunction",
                        "InitiativeStoreFunction", "SlaTrackerFunction", "SlaEscalationFunction");
        assertThat(report.codeUri())
                .isEqualTo(TemplateFiles.projectRoot().toAbsolutePath().normalize()
                        .resolve("functions/portfolio-report/target/portfolio-report.jar"));
        assertThat(report.codeUri()).isAbsolute();
        assertThat(report.handler())
                .isEqualTo("io.demandloop.functions.portfolioreport.PortfolioReportHandler::handleRequest");
        assertThat(report.runtime()).isEqualTo("java21");
        assertThat(report.timeoutSeconds()).isEqualTo(300);
        assertThat(report.memoryMb()).isEqualTo(1024);
        assertThat(report.functionUrl()).isFalse();
        assertThat(intake.timeoutSeconds()).isEqualTo(30);
        assertThat(intake.functionUrl()).isTrue();
        assertThat(template.directory()).isEqualTo(TemplateFiles.projectRoot().toAbsolutePath().normalize());
    }

    @Test
    void load_shouldResolveEnvironmentToLocalPhysicalNames() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN
        Map<String, String> environment = template.function("PortfolioReportFunction").orElseThrow().environment();

        // THEN
        assertThat(environment).containsOnlyKeys("JAVA_TOOL_OPTIONS", "METRICS_NAMESPACE", "TICKETS_TABLE",
                "REPORTS_BUCKET", "REPORT_WINDOW_DAYS", "EVENT_BUS_NAME", "SLA_TABLE", "DEMAND_TABLE", "OUTCOMES_TABLE",
                "SUPPORT_LOAD_FLAG_SHARE", "INITIATIVES_TABLE", "ALERTS_TABLE", "REPORT_LINK_EXPIRY",
                "DEAD_LETTER_QUEUE_URLS");
        // a !Sub of a queue (SAM's generated ones included) resolves to its local name
        assertThat(environment.get("DEAD_LETTER_QUEUE_URLS").split(",")).hasSize(13)
                .contains("FailedInvocationsQueue=demandloop-FailedInvocationsQueue",
                        "TicketStoreFunctionTicketReceivedQueue=demandloop-TicketStoreFunctionTicketReceivedQueue");
        assertThat(environment).contains(
                Map.entry("INITIATIVES_TABLE", "demandloop-InitiativesTable"),
                Map.entry("ALERTS_TABLE", "demandloop-AlertsTable"),
                Map.entry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
                Map.entry("METRICS_NAMESPACE", "demandloop/demandloop"),
                Map.entry("TICKETS_TABLE", "demandloop-TicketsTable"),
                Map.entry("REPORTS_BUCKET", "demandloop-reportsbucket"),
                Map.entry("REPORT_WINDOW_DAYS", "90"),
                Map.entry("EVENT_BUS_NAME", "demandloop-demand"),
                Map.entry("SLA_TABLE", "demandloop-SlaTable"),
                Map.entry("DEMAND_TABLE", "demandloop-DemandTable"),
                Map.entry("OUTCOMES_TABLE", "demandloop-OutcomesTable"),
                Map.entry("SUPPORT_LOAD_FLAG_SHARE", "0.5"));
    }

    @Test
    void load_shouldTakeParameterFromHostEnvironment_whenTheVariableIsSetThere() {
        // GIVEN
        Map<String, String> host = Map.of("REPORT_WINDOW_DAYS", "7");

        // WHEN
        SamTemplate template = SamTemplate.load(
                TemplateFiles.projectRoot().resolve("template.yaml"), "demandloop", host);

        // THEN
        assertThat(template.function("PortfolioReportFunction").orElseThrow().environment())
                .containsEntry("REPORT_WINDOW_DAYS", "7");
    }

    @Test
    void load_shouldResolveRefOfASecretToItsLocalName() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN
        Map<String, String> environment = template.function("IntakeFunction").orElseThrow().environment();

        // THEN
        assertThat(environment).containsEntry("WEBHOOK_SECRETS", "demandloop-WebhookSecrets")
                .containsEntry("EVENT_BUS_NAME", "demandloop-demand");
        assertThat(template.secrets()).containsExactly(new SecretDef("WebhookSecrets", "demandloop-WebhookSecrets"));
    }

    @Test
    void load_shouldUseTheStackNameInPhysicalNames() {
        // GIVEN / WHEN
        SamTemplate template = SamTemplate.load(TemplateFiles.projectRoot().resolve("template.yaml"), "dl-test", Map.of());

        // THEN
        assertThat(template.stackName()).isEqualTo("dl-test");
        assertThat(template.physicalName("DemandBus")).isEqualTo("dl-test-demand");
        assertThat(template.physicalName("TicketsTable")).isEqualTo("dl-test-TicketsTable");
        assertThat(template.physicalName("ReportsBucket")).isEqualTo("dl-test-reportsbucket");
    }

    @Test
    void buses_shouldHoldTheDemandBusAndTheImplicitDefault() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN / THEN
        assertThat(template.buses()).containsExactly(BusDef.DEFAULT, new BusDef("DemandBus", "demandloop-demand"));
        assertThat(template.bus("arn:aws:events:us-east-1:000000000000:event-bus/demandloop-demand"))
                .contains(new BusDef("DemandBus", "demandloop-demand"));
        assertThat(template.bus(null)).contains(BusDef.DEFAULT);
        assertThat(template.bus("other")).isEmpty();
    }

    @Test
    void rules_shouldHoldTheTicketReceivedRuleOnTheDemandBus() throws Exception {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN
        RuleDef rule = template.rules().stream().filter(r -> r.functionLogicalId().equals("TicketStoreFunction"))
                .findFirst().orElseThrow();

        // THEN
        assertThat(template.rules()).extracting(RuleDef::ruleName).containsExactly(
                "ImportFunctionExportPut", "TicketStoreFunctionTicketReceived", "AlertStoreFunctionMonitoringEventReceived",
                "AlertStoreFunctionCloudWatchAlarmStateChange", "AlertStoreFunctionAwsHealthEvent",
                "DemandStatusFunctionDemandStatusChanged", "InitiativeStoreFunctionInitiativeReceived",
                "SlaTrackerFunctionSlaTicketReceived");
        assertThat(template.rules()).filteredOn(r -> r.eventName().startsWith("Cloud") || r.eventName().startsWith("AwsHealth"))
                .extracting(RuleDef::busName).containsOnly("default");
        assertThat(rule.functionLogicalId()).isEqualTo("TicketStoreFunction");
        assertThat(rule.eventName()).isEqualTo("TicketReceived");
        assertThat(rule.ruleName()).isEqualTo("TicketStoreFunctionTicketReceived");
        assertThat(rule.busName()).isEqualTo("demandloop-demand");
        assertThat(mapper.readTree(rule.patternJson())).isEqualTo(mapper.readTree(
                "{\"source\":[\"demandloop.intake\"],\"detail-type\":[\"Ticket Received\"]}"));
        assertThat(rule.maximumRetryAttempts()).hasValue(185);
        assertThat(rule.maximumEventAgeSeconds()).hasValue(86400);
        assertThat(rule.enabled()).isTrue();
    }

    @Test
    void schedules_shouldHoldTheNightlyReport() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN
        ScheduleDef nightly = template.schedules().get(0);

        // THEN
        assertThat(template.schedules()).extracting(ScheduleDef::functionLogicalId)
                .containsExactly("PortfolioReportFunction", "DemandEvaluationFunction", "OutcomeMeasurementFunction",
                        "SlaEscalationFunction");
        assertThat(template.schedules().get(1).expression()).as("before the report").isEqualTo("cron(0 5 * * ? *)");
        assertThat(template.schedules().get(2).expression()).as("after the demand evaluation, before the report")
                .isEqualTo("cron(15 5 * * ? *)");
        assertThat(template.schedules().get(3).expression()).isEqualTo("rate(5 minutes)");
        assertThat(nightly.functionLogicalId()).isEqualTo("PortfolioReportFunction");
        assertThat(nightly.eventName()).isEqualTo("Nightly");
        assertThat(nightly.type()).isEqualTo(Type.SCHEDULE_V2);
        assertThat(nightly.expression()).isEqualTo("cron(30 5 * * ? *)");
        assertThat(nightly.timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(nightly.input()).isEqualTo("{\"scheduledTime\": \"<aws.scheduler.scheduled-time>\"}");
        assertThat(nightly.enabled()).isTrue();
        assertThat(nightly.arn())
                .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/demandloop-PortfolioReportFunctionNightly");
    }

    @Test
    void tablesAndBuckets_shouldBeReadWithTheirKeysAndIndexes() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN
        TableDef tickets = template.tables().get(0);

        // THEN
        assertThat(template.tables()).extracting(TableDef::logicalId).containsExactly("TicketsTable", "AlertsTable", "SlaTable", "DemandTable",
                "InitiativesTable", "OutcomesTable");
        assertThat(tickets.name()).isEqualTo("demandloop-TicketsTable");
        assertThat(tickets.attributeDefinitions()).containsKeys("pk", "kindMonth", "openedSort", "openKey", "resolvedKey");
        assertThat(tickets.hashKey()).isEqualTo("pk");
        assertThat(tickets.rangeKey()).isEmpty();
        assertThat(tickets.billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(tickets.globalSecondaryIndexes()).extracting(TableDef.IndexDef::name)
                .containsExactly("OpenedIndex", "OpenByServiceIndex", "ResolvedIndex");
        assertThat(tickets.globalSecondaryIndexes().get(0)).isEqualTo(new TableDef.IndexDef(
                "OpenedIndex", "kindMonth", Optional.of("openedSort"), "ALL", java.util.List.of()));
        assertThat(template.tables().get(1).localSecondaryIndexes()).extracting(TableDef.IndexDef::name)
                .containsExactly("AlertStartIndex");
        assertThat(template.tables().get(2).globalSecondaryIndexes()).containsExactly(
                new TableDef.IndexDef("DueIndex", "dueKey", Optional.of("dueSort"), "KEYS_ONLY", java.util.List.of()),
                new TableDef.IndexDef("BreachIndex", "breachService", Optional.of("breachedAt"), "KEYS_ONLY", java.util.List.of()));
        assertThat(template.tables().get(3).globalSecondaryIndexes()).containsExactly(new TableDef.IndexDef(
                "TierIndex", "tierKey", Optional.of("tierSort"), "ALL", java.util.List.of()));
        assertThat(template.tables().get(5).globalSecondaryIndexes()).isEmpty();
        assertThat(template.tables().get(4).globalSecondaryIndexes()).containsExactly(
                new TableDef.IndexDef("AllIndex", "allKey", Optional.of("allSort"), "ALL", java.util.List.of()),
                new TableDef.IndexDef("DeliveredIndex", "deliveredKey", Optional.of("deliveredSort"), "ALL", java.util.List.of()));
        assertThat(template.buckets()).containsExactly(new BucketDef("ReportsBucket", "demandloop-reportsbucket", true));
    }

    @Test
    void jobName_shouldStripFunctionAndKebabCase() {
        // GIVEN
        SamTemplate template = TemplateFiles.projectTemplate();

        // WHEN / THEN
        assertThat(template.jobName("PortfolioReportFunction")).isEqualTo("portfolio-report");
        assertThat(template.jobName("S3SyncFunction")).isEqualTo("s3-sync");
        assertThat(template.jobName("HTTPPollerFunction")).isEqualTo("http-poller");
        assertThat(template.jobName("Nightly")).isEqualTo("nightly");
        assertThat(template.jobNames()).containsExactly("portfolio-report", "demand-evaluation", "outcome-measurement",
                "sla-escalation");
        assertThat(template.functionForJob("demand-evaluation")).map(FunctionDef::logicalId)
                .contains("DemandEvaluationFunction");
        assertThat(template.functionForJob("sla-escalation")).map(FunctionDef::logicalId).contains("SlaEscalationFunction");
        assertThat(template.functionForJob("portfolio-report")).map(FunctionDef::logicalId)
                .contains("PortfolioReportFunction");
        assertThat(template.functionForJob("ticket-store")).as("not scheduled").isEmpty();
    }
}
