package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml is operable: nothing an asynchronous invocation carries is dropped, every queue and function and job
 * has its alarm to the one topic, every function its log group with retention, and every policy names only what the
 * function's configuration names. Each check also runs against a broken copy, to show it fails when it should.
 */
class OperationsTemplateTest {

    private static final String NAMESPACE = "demandloop/${AWS::StackName}";
    private static final String DEAD_LETTER_QUEUE_URLS =
            io.demandloop.functions.portfolioreport.PortfolioReportConfig.DEAD_LETTER_QUEUE_URLS;

    private final Map<String, Object> document = SamTemplate.document(ProjectFiles.path("template.yaml"));
    private final OperationsChecks checks = new OperationsChecks(document);

    @Test
    void everyAsynchronouslyInvokedFunction_shouldSendFailedInvocationsToAQueue() {
        assertThat(checks.functions()).filteredOn(checks::isAsynchronouslyInvoked)
                .contains("TicketStoreFunction", "ImportFunction", "PortfolioReportFunction");
        assertThat(checks.failureDestinationProblems()).isEmpty();
    }

    @Test
    void failureDestinationCheck_shouldFail_forAFunctionWithoutOne() {
        // GIVEN a scheduled function added without the Globals' EventInvokeConfig reaching it
        Map<String, Object> broken = copy(document);
        functionProps(broken, "SlaEscalationFunction").put("EventInvokeConfig", new LinkedHashMap<>(Map.of(
                "MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Type", "SNS")))));
        // WHEN / THEN
        assertThat(new OperationsChecks(broken).failureDestinationProblems())
                .containsExactly("SlaEscalationFunction is invoked asynchronously but has no EventInvokeConfig OnFailure destination of Type SQS");
    }

    @Test
    void everyQueue_shouldHaveAnAlarmOnVisibleMessages() {
        assertThat(checks.queues()).contains("FailedInvocationsQueue", "TicketStoreFunctionTicketReceivedQueue",
                "SlaEscalationFunctionEveryFiveMinutesQueue");
        assertThat(checks.queueAlarmProblems()).isEmpty();
    }

    @Test
    void everyQueue_shouldBeInTheReportsDeadLetterList_andReadableByIt() {
        assertThat(checks.queues()).hasSizeGreaterThan(10);
        assertThat(checks.deadLetterListProblems("PortfolioReportFunction", DEAD_LETTER_QUEUE_URLS)).isEmpty();
    }

    @Test
    void deadLetterListCheck_shouldFail_forAQueueMissingFromTheListOrThePolicy() {
        // GIVEN a new rule with a dead-letter queue, and the list and the policy not extended
        Map<String, Object> broken = copy(document);
        OperationsChecks.map(functionProps(broken, "TicketStoreFunction").get("Events")).put("Again", new LinkedHashMap<>(Map.of(
                "Type", "EventBridgeRule", "Properties", Map.of("DeadLetterConfig", Map.of("Type", "SQS")))));
        // WHEN / THEN
        assertThat(new OperationsChecks(broken).deadLetterListProblems("PortfolioReportFunction", DEAD_LETTER_QUEUE_URLS))
                .containsExactly("queue TicketStoreFunctionAgainQueue is not in PortfolioReportFunction's DEAD_LETTER_QUEUE_URLS",
                        "PortfolioReportFunction may not read the attributes of queue TicketStoreFunctionAgainQueue");
    }

    @Test
    void deadLetterListCheck_shouldFail_forAListedQueueThatIsNotAQueue() {
        // GIVEN a table named in the list
        Map<String, Object> broken = copy(document);
        Map<String, Object> variables = OperationsChecks.map(OperationsChecks.map(functionProps(broken, "PortfolioReportFunction").get("Environment"))
                .get("Variables"));
        List<Object> join = new ArrayList<>((List<?>) OperationsChecks.map(variables.get(DEAD_LETTER_QUEUE_URLS)).get("Fn::Join"));
        List<Object> parts = new ArrayList<>((List<?>) join.get(1));
        parts.add(Map.of("Fn::Sub", "TicketsTable=${TicketsTable}"));
        join.set(1, parts);
        variables.put(DEAD_LETTER_QUEUE_URLS, Map.of("Fn::Join", join));
        // WHEN / THEN
        assertThat(new OperationsChecks(broken).deadLetterListProblems("PortfolioReportFunction", DEAD_LETTER_QUEUE_URLS))
                .containsExactly("PortfolioReportFunction's DEAD_LETTER_QUEUE_URLS names TicketsTable, not a queue of the template");
    }

    @Test
    void queueAlarmCheck_shouldFail_forARuleDeadLetterQueueWithoutAlarm() {
        Map<String, Object> broken = copy(document);
        resources(broken).remove("TicketStoreFunctionTicketReceivedQueueAlarm");
        assertThat(new OperationsChecks(broken).queueAlarmProblems())
                .containsExactly("queue TicketStoreFunctionTicketReceivedQueue has no alarm on ApproximateNumberOfMessagesVisible > 0");
    }

    @Test
    void everyFunction_shouldHaveErrorsAndThrottlesAlarms() {
        assertThat(checks.functionAlarmProblems()).isEmpty();
    }

    @Test
    void functionAlarmCheck_shouldFail_forANewFunctionWithoutAlarms() {
        Map<String, Object> broken = copy(document);
        resources(broken).put("NewFunction", Map.of("Type", "AWS::Serverless::Function",
                "Properties", Map.of("Handler", "x::y")));
        assertThat(new OperationsChecks(broken).functionAlarmProblems()).containsExactly(
                "function NewFunction has no Errors alarm",
                "function NewFunction has no Throttles alarm");
    }

    @Test
    void everyScheduledJob_shouldAlarmWhenNoRunSucceededInItsPeriodPlusAMargin() {
        assertThat(globalVariables(document).get(PipelineMetrics.NAMESPACE_VARIABLE)).isEqualTo(Map.of("Fn::Sub", NAMESPACE));
        assertThat(checks.jobAlarmProblems(NAMESPACE)).isEmpty();
    }

    @Test
    void jobAlarmCheck_shouldFail_whenTheWindowIsShorterThanTheSchedule() {
        Map<String, Object> broken = copy(document);
        props(broken, "DemandEvaluationFunctionNoSuccessAlarm").put("EvaluationPeriods", 24);
        props(broken, "DemandEvaluationFunctionNoSuccessAlarm").put("DatapointsToAlarm", 24);
        resources(broken).remove("PortfolioReportFunctionNoSuccessAlarm");
        assertThat(new OperationsChecks(broken).jobAlarmProblems(NAMESPACE)).containsExactly(
                "job portfolio-report (PortfolioReportFunction, cron(30 5 * * ? *)) has no JobSucceeded alarm in namespace " + NAMESPACE,
                "job demand-evaluation's alarm window is 86400 s; the schedule's longest gap is 86400 s, so it must be more than that and at most 259200 s");
    }

    @Test
    void everyJobHandler_shouldReportUnderTheJobNameItsAlarmWatches() {
        assertThat(Map.of("PortfolioReportFunction", io.demandloop.functions.portfolioreport.PortfolioReportHandler.JOB,
                "DemandEvaluationFunction", io.demandloop.functions.demandevaluation.DemandEvaluationHandler.JOB,
                "SlaEscalationFunction", io.demandloop.functions.slaescalation.SlaEscalationHandler.JOB,
                "OutcomeMeasurementFunction", io.demandloop.functions.outcomes.OutcomeMeasurementHandler.JOB))
                .allSatisfy((function, job) -> assertThat(OperationsChecks.jobName(function)).isEqualTo(job));
        assertThat(checks.functions().stream().filter(f -> OperationsChecks.map(checks.functionProperties(f).get("Events"))
                .values().stream().anyMatch(e -> OperationsChecks.SCHEDULE_TYPES.contains(OperationsChecks.map(e).get("Type")))))
                .containsExactlyInAnyOrder("PortfolioReportFunction", "DemandEvaluationFunction", "SlaEscalationFunction",
                        "OutcomeMeasurementFunction");
    }

    @Test
    void everyFunction_shouldPrimeItsHotPathBeforeTheSnapshot() {
        // SnapStart is on for every function (Globals); each handler registers a CRaC hook with a prime() that its
        // module's priming test runs against the real adapters (docs/PERFORMANCE.md, "Cold start").
        assertThat(checks.functions()).isNotEmpty().allSatisfy(function -> {
            String handler = String.valueOf(checks.functionProperties(function).get("Handler"));
            Class<?> type = assertDoesNotThrow(() -> Class.forName(handler.substring(0, handler.indexOf("::"))));
            assertThat(org.crac.Resource.class).as(function).isAssignableFrom(type);
            assertThat(java.util.Arrays.stream(type.getDeclaredMethods()).map(java.lang.reflect.Method::getName))
                    .as(function).contains("prime", "beforeCheckpoint");
        });
    }

    @Test
    void longestGap_shouldBeTheScheduleInterval() {
        assertThat(OperationsChecks.longestGap("rate(5 minutes)")).hasMinutes(5);
        assertThat(OperationsChecks.longestGap("cron(0 5 * * ? *)")).hasHours(24);
        assertThat(OperationsChecks.longestGap("cron(0 5 ? * MON *)")).hasDays(7);
    }

    @Test
    void everyFunction_shouldLogToItsOwnLogGroupWithRetentionFromAParameter() {
        assertThat(checks.logGroupProblems()).isEmpty();
    }

    @Test
    void logGroupCheck_shouldFail_withoutRetentionOrWithoutLogGroup() {
        Map<String, Object> broken = copy(document);
        props(broken, "IntakeLogGroup").remove("RetentionInDays");
        ((Map<String, Object>) functionProps(broken, "TicketStoreFunction").get("LoggingConfig")).remove("LogGroup");
        assertThat(new OperationsChecks(broken).logGroupProblems()).containsExactlyInAnyOrder(
                "TicketStoreFunction has no LoggingConfig.LogGroup: !Ref <an AWS::Logs::LogGroup of this template>",
                "log group IntakeLogGroup has no RetentionInDays: !Ref <a parameter>",
                "log group TicketStoreLogGroup belongs to no function");
    }

    @Test
    void everyAlarm_shouldNotifyTheOneTopicThatIsAnOutput() {
        assertThat(checks.alarms()).hasSizeGreaterThan(checks.functions().size() * 2);
        assertThat(checks.alarmTopicProblems()).isEmpty();
    }

    @Test
    void alarmTopicCheck_shouldFail_forAnAlarmWithoutAction() {
        Map<String, Object> broken = copy(document);
        props(broken, "IntakeServerErrorRateAlarm").remove("AlarmActions");
        assertThat(new OperationsChecks(broken).alarmTopicProblems())
                .containsExactly("alarm IntakeServerErrorRateAlarm must have AlarmActions: [!Ref <the alarm topic>]");
    }

    @Test
    void intake_shouldAlarmOnItsShareOf5xxAnswers() {
        Map<String, Object> alarm = checks.properties("IntakeServerErrorRateAlarm");
        List<String> metricNames = new ArrayList<>();
        for (Object m : (List<?>) alarm.get("Metrics")) {
            Map<String, Object> metric = OperationsChecks.map(OperationsChecks.map(OperationsChecks.map(m).get("MetricStat")).get("Metric"));
            if (metric.get("MetricName") != null) {
                metricNames.add(String.valueOf(metric.get("MetricName")));
            }
        }
        assertThat(metricNames).containsExactlyInAnyOrder(PipelineMetrics.DELIVERIES, PipelineMetrics.DELIVERY_SERVER_ERRORS, "Errors");
        assertThat(OperationsChecks.references(alarm.get("Metrics"))).contains("IntakeFunction");
    }

    @Test
    void everyFunctionPolicy_shouldNameOnlyResourcesItsConfigurationNames() {
        assertThat(checks.leastPrivilegeProblems()).isEmpty();
    }

    @Test
    void leastPrivilegeCheck_shouldFail_forAPolicyNamingAnotherFunctionsTable() {
        Map<String, Object> broken = copy(document);
        List<Object> policies = (List<Object>) functionProps(broken, "TicketStoreFunction").get("Policies");
        policies.add(Map.of("DynamoDBCrudPolicy", Map.of("TableName", Map.of("Ref", "SlaTable"))));
        policies.add(Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "sqs:*", "Resource", "*"))));
        assertThat(new OperationsChecks(broken).leastPrivilegeProblems()).containsExactly(
                "TicketStoreFunction's policy names SlaTable, which its configuration does not",
                "TicketStoreFunction's policy names Resource \"*\"");
    }

    @Test
    void dashboard_shouldShowEveryPipelineMetric() {
        Object body = checks.properties("OperationsDashboard").get("DashboardBody");
        String text = OperationsChecks.resolveStackSub(body);
        for (String metric : List.of(PipelineMetrics.DELIVERY_ACCEPTED, PipelineMetrics.DELIVERY_REFUSED,
                PipelineMetrics.RECORDS_STORED, PipelineMetrics.SLA_EVENTS, PipelineMetrics.DEMANDS_RAISED,
                PipelineMetrics.OUTCOMES, PipelineMetrics.JOB_DURATION, PipelineMetrics.JOB_SUCCEEDED)) {
            assertThat(text).as(metric).contains("MetricName=\\\"" + metric + "\\\"");
        }
        assertThat(text).contains("{" + NAMESPACE + ",");
    }

    @Test
    void sampleSamconfig_shouldDeployThisTemplateWithItsParameters() throws IOException {
        String samconfig = Files.readString(ProjectFiles.path("samconfig.toml"));
        assertThat(samconfig).contains("[default.deploy.parameters]", "stack_name = \"demandloop\"",
                "CAPABILITY_IAM", "resolve_s3 = true");
        Matcher overrides = Pattern.compile("parameter_overrides = \"([^\"]*)\"").matcher(samconfig);
        assertThat(overrides.find()).isTrue();
        for (String pair : overrides.group(1).split(" ")) {
            String name = pair.substring(0, pair.indexOf('='));
            assertThat(OperationsChecks.map(document.get("Parameters"))).as(name).containsKey(name);
        }
        String readme = Files.readString(ProjectFiles.path("README.md"));
        assertThat(readme).contains("sam deploy --guided", "samconfig.toml", "AlarmTopicArn");
    }

    private static Map<String, Object> globalVariables(Map<String, Object> root) {
        return OperationsChecks.map(OperationsChecks.map(OperationsChecks.map(OperationsChecks.map(root.get("Globals"))
                .get("Function")).get("Environment")).get("Variables"));
    }

    private static Map<String, Object> resources(Map<String, Object> root) {
        return OperationsChecks.map(root.get("Resources"));
    }

    private static Map<String, Object> props(Map<String, Object> root, String id) {
        return OperationsChecks.map(OperationsChecks.map(resources(root).get(id)).get("Properties"));
    }

    private static Map<String, Object> functionProps(Map<String, Object> root, String id) {
        return props(root, id);
    }

    /** A deep, mutable copy. */
    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, copy(v)));
            return (T) copy;
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            c.forEach(v -> copy.add(copy(v)));
            return (T) copy;
        }
        return value;
    }
}
