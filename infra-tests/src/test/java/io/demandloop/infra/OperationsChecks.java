package io.demandloop.infra;

import io.demandloop.local.schedule.ScheduleExpression;
import io.demandloop.shared.metrics.PipelineMetrics;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the SAM CLI and cfn-lint cannot check here, and an operator needs: each check walks every function, event,
 * queue and alarm of a template document (as {@code SamTemplate.document} reads it) and answers the problems it
 * found, one sentence each, empty when there are none. A function added to the template is checked without a line
 * here.
 */
final class OperationsChecks {

    /** Event source types Lambda invokes asynchronously (the ones an EventInvokeConfig governs). */
    static final Set<String> ASYNC_EVENT_TYPES = Set.of("EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2",
            "S3", "SNS", "CloudWatchLogs", "IoTRule", "Cognito");
    static final Set<String> SCHEDULE_TYPES = Set.of("Schedule", "ScheduleV2");
    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

    private final Map<String, Object> root;
    private final Map<String, Object> resources;
    private final Map<String, Object> globalFunction;

    OperationsChecks(Map<String, Object> root) {
        this.root = root;
        this.resources = map(root.get("Resources"));
        this.globalFunction = map(map(root.get("Globals")).get("Function"));
    }

    /** Every function's logical id, in template order. */
    List<String> functions() {
        return resourcesOfType(FUNCTION);
    }

    /** A function's properties with {@code Globals.Function} merged under them, as SAM merges them (maps deeply). */
    Map<String, Object> functionProperties(String function) {
        return merge(globalFunction, map(map(resources.get(function)).get("Properties")));
    }

    /** Every async invocation ends in an SQS on-failure destination, with age and retries set within Lambda's bounds. */
    List<String> failureDestinationProblems() {
        List<String> problems = new ArrayList<>();
        for (String function : functions()) {
            if (!isAsynchronouslyInvoked(function)) {
                continue;
            }
            Map<String, Object> config = map(functionProperties(function).get("EventInvokeConfig"));
            Map<String, Object> onFailure = map(map(config.get("DestinationConfig")).get("OnFailure"));
            if (!"SQS".equals(onFailure.get("Type"))) {
                problems.add(function + " is invoked asynchronously but has no EventInvokeConfig OnFailure destination of Type SQS");
                continue;
            }
            Optional<String> queue = getAttTarget(onFailure.get("Destination"), "Arn");
            if (queue.isEmpty() || !"AWS::SQS::Queue".equals(typeOf(queue.get()))) {
                problems.add(function + "'s OnFailure Destination is not !GetAtt <a queue of this template>.Arn");
            }
            Object retries = config.get("MaximumRetryAttempts");
            if (!(retries instanceof Integer r) || r < 0 || r > 2) {
                problems.add(function + "'s MaximumRetryAttempts must be set, 0 to 2; is " + retries);
            }
            Object age = config.get("MaximumEventAgeInSeconds");
            if (!(age instanceof Integer a) || a < 60 || a > 21600) {
                problems.add(function + "'s MaximumEventAgeInSeconds must be set, 60 to 21600; is " + age);
            }
        }
        return problems;
    }

    /**
     * Every queue, the template's own and those SAM creates for a rule's or schedule's {@code DeadLetterConfig}
     * ({@code <Function><Event>Queue}, or its {@code QueueLogicalId}), has an alarm on visible messages above 0.
     */
    List<String> queueAlarmProblems() {
        List<String> problems = new ArrayList<>();
        for (String queue : queues()) {
            boolean alarmed = alarms().stream().map(this::properties).anyMatch(alarm ->
                    "AWS/SQS".equals(alarm.get("Namespace"))
                            && "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                            && dimensionTargets(alarm, "QueueName", "QueueName").contains(queue)
                            && Integer.valueOf(0).equals(number(alarm.get("Threshold")))
                            && "GreaterThanThreshold".equals(alarm.get("ComparisonOperator")));
            if (!alarmed) {
                problems.add("queue " + queue + " has no alarm on ApproximateNumberOfMessagesVisible > 0");
            }
        }
        return problems;
    }

    /** Every queue an operator must watch: the template's SQS queues and the dead-letter queues SAM generates. */
    List<String> queues() {
        List<String> queues = new ArrayList<>(resourcesOfType("AWS::SQS::Queue"));
        for (String function : functions()) {
            map(functionProperties(function).get("Events")).forEach((event, value) -> {
                Map<String, Object> dlq = map(map(map(value).get("Properties")).get("DeadLetterConfig"));
                if (dlq.get("Type") != null) {
                    queues.add(dlq.get("QueueLogicalId") instanceof String id ? id : function + event + "Queue");
                }
            });
        }
        return queues;
    }

    /**
     * The report function's list of dead-letter and failure queues ({@code variable}: a {@code Fn::Join} with "," of
     * {@code !Sub "<Queue>=${<Queue>}"}, one per queue) names exactly {@link #queues()}, and its policies allow
     * {@code sqs:GetQueueAttributes} on {@code !GetAtt <Queue>.Arn} of exactly those.
     */
    List<String> deadLetterListProblems(String function, String variable) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> properties = functionProperties(function);
        Object value = map(map(properties.get("Environment")).get("Variables")).get(variable);
        Set<String> listed = new LinkedHashSet<>();
        if (value instanceof Map<?, ?> m && m.get("Fn::Join") instanceof List<?> join && join.size() == 2
                && ",".equals(join.get(0)) && join.get(1) instanceof List<?> parts) {
            for (Object part : parts) {
                String sub = part instanceof Map<?, ?> p && p.get("Fn::Sub") instanceof String t ? t : null;
                Matcher pair = sub == null ? null : Pattern.compile("([A-Za-z0-9]+)=\\$\\{([A-Za-z0-9]+)}").matcher(sub);
                if (pair == null || !pair.matches() || !pair.group(1).equals(pair.group(2))) {
                    problems.add(function + "'s " + variable + " has " + part + ", not !Sub \"<Queue>=${<Queue>}\"");
                } else {
                    listed.add(pair.group(1));
                }
            }
        } else {
            problems.add(function + "'s " + variable + " is not !Join [\",\", [...]]: " + value);
        }
        Set<String> readable = new LinkedHashSet<>();
        for (Object policy : list(properties.get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                Map<String, Object> st = map(statement);
                Object action = st.get("Action");
                boolean reads = action instanceof List<?> actions ? actions.contains("sqs:GetQueueAttributes")
                        : "sqs:GetQueueAttributes".equals(action);
                if (reads) {
                    Object resource = st.get("Resource");
                    for (Object r : resource instanceof List<?> l ? l : List.of(resource)) {
                        getAttTarget(r, "Arn").ifPresentOrElse(readable::add,
                                () -> problems.add(function + " may read queue attributes of " + r
                                        + ", not !GetAtt <Queue>.Arn"));
                    }
                }
            }
        }
        for (String queue : queues()) {
            if (!listed.contains(queue)) {
                problems.add("queue " + queue + " is not in " + function + "'s " + variable);
            }
            if (!readable.contains(queue)) {
                problems.add(function + " may not read the attributes of queue " + queue);
            }
        }
        for (String queue : listed) {
            if (!queues().contains(queue)) {
                problems.add(function + "'s " + variable + " names " + queue + ", not a queue of the template");
            }
        }
        for (String queue : readable) {
            if (!queues().contains(queue)) {
                problems.add(function + " may read the attributes of " + queue + ", not a queue of the template");
            }
        }
        return problems;
    }

    /** Every function has an Errors and a Throttles alarm on its own FunctionName. */
    List<String> functionAlarmProblems() {
        List<String> problems = new ArrayList<>();
        for (String function : functions()) {
            for (String metric : List.of("Errors", "Throttles")) {
                boolean alarmed = alarms().stream().map(this::properties).anyMatch(alarm ->
                        "AWS/Lambda".equals(alarm.get("Namespace")) && metric.equals(alarm.get("MetricName"))
                                && dimensionTargets(alarm, "FunctionName", null).contains(function));
                if (!alarmed) {
                    problems.add("function " + function + " has no " + metric + " alarm");
                }
            }
        }
        return problems;
    }

    /**
     * Every scheduled function has an alarm on its job's {@code JobSucceeded} that treats no data as breaching and
     * fires when no run succeeded in the longest gap between two firings plus a margin (more than the gap, at most
     * the gap plus twice the gap or an hour).
     */
    List<String> jobAlarmProblems(String namespace) {
        List<String> problems = new ArrayList<>();
        for (String function : functions()) {
            for (Object value : map(functionProperties(function).get("Events")).values()) {
                Map<String, Object> event = map(value);
                if (!SCHEDULE_TYPES.contains(event.get("Type"))) {
                    continue;
                }
                String expression = String.valueOf(map(event.get("Properties")).get("ScheduleExpression"));
                Duration gap = longestGap(expression);
                String job = jobName(function);
                List<Map<String, Object>> matching = alarms().stream().map(this::properties).filter(alarm ->
                        PipelineMetrics.JOB_SUCCEEDED.equals(alarm.get("MetricName"))
                                && namespace.equals(resolveStackSub(alarm.get("Namespace")))
                                && job.equals(dimensionValue(alarm, "Job"))).toList();
                if (matching.isEmpty()) {
                    problems.add("job " + job + " (" + function + ", " + expression + ") has no "
                            + PipelineMetrics.JOB_SUCCEEDED + " alarm in namespace " + namespace);
                    continue;
                }
                for (Map<String, Object> alarm : matching) {
                    long window = number(alarm.get("Period")).longValue()
                            * number(Objects.requireNonNullElse(alarm.get("DatapointsToAlarm"), alarm.get("EvaluationPeriods"))).longValue();
                    long limit = gap.toSeconds() + Math.max(2 * gap.toSeconds(), 3600);
                    if (window <= gap.toSeconds() || window > limit) {
                        problems.add("job " + job + "'s alarm window is " + window + " s; the schedule's longest gap is "
                                + gap.toSeconds() + " s, so it must be more than that and at most " + limit + " s");
                    }
                    if (!"breaching".equals(alarm.get("TreatMissingData"))
                            || !"LessThanThreshold".equals(alarm.get("ComparisonOperator"))
                            || !Integer.valueOf(1).equals(number(alarm.get("Threshold")))) {
                        problems.add("job " + job + "'s alarm must be Sum < 1 with TreatMissingData: breaching");
                    }
                }
            }
        }
        return problems;
    }

    /** Every function logs to its own log group resource, whose retention is a template parameter. */
    List<String> logGroupProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (String function : functions()) {
            Object ref = map(functionProperties(function).get("LoggingConfig")).get("LogGroup");
            String group = refTarget(ref).orElse(null);
            if (group == null || !"AWS::Logs::LogGroup".equals(typeOf(group))) {
                problems.add(function + " has no LoggingConfig.LogGroup: !Ref <an AWS::Logs::LogGroup of this template>");
                continue;
            }
            String previous = owners.put(group, function);
            if (previous != null) {
                problems.add(function + " and " + previous + " share log group " + group);
            }
        }
        for (String group : resourcesOfType("AWS::Logs::LogGroup")) {
            Object retention = properties(group).get("RetentionInDays");
            String parameter = refTarget(retention).orElse(null);
            if (parameter == null || !map(root.get("Parameters")).containsKey(parameter)) {
                problems.add("log group " + group + " has no RetentionInDays: !Ref <a parameter>");
            }
            if (!owners.containsKey(group)) {
                problems.add("log group " + group + " belongs to no function");
            }
        }
        return problems;
    }

    /** Every alarm notifies the same one SNS topic, and an output gives that topic. */
    List<String> alarmTopicProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> topics = new LinkedHashSet<>();
        for (String alarm : alarms()) {
            Object actions = properties(alarm).get("AlarmActions");
            List<String> targets = actions instanceof List<?> list
                    ? list.stream().map(OperationsChecks::refTarget).flatMap(Optional::stream).toList() : List.of();
            if (targets.size() != 1 || !"AWS::SNS::Topic".equals(typeOf(targets.get(0)))) {
                problems.add("alarm " + alarm + " must have AlarmActions: [!Ref <the alarm topic>]");
            } else {
                topics.addAll(targets);
            }
        }
        if (topics.size() > 1) {
            problems.add("alarms notify several topics: " + topics);
        }
        boolean output = map(root.get("Outputs")).values().stream()
                .anyMatch(value -> topics.size() == 1 && refTarget(map(value).get("Value")).equals(Optional.of(topics.iterator().next())));
        if (!output) {
            problems.add("no output gives the alarm topic " + topics);
        }
        return problems;
    }

    /**
     * Least privilege: every resource of this template a function's policies name (by Ref, GetAtt or Sub, in
     * statements and SAM policy templates alike) is one its Environment hands to its configuration class; the queue
     * of its own on-failure destination is the exception, as Lambda writes it with the function's role. No policy
     * names {@code *} as a resource.
     */
    List<String> leastPrivilegeProblems() {
        List<String> problems = new ArrayList<>();
        for (String function : functions()) {
            Map<String, Object> properties = functionProperties(function);
            Set<String> configured = references(map(properties.get("Environment")).get("Variables"));
            references(map(map(properties.get("EventInvokeConfig")).get("DestinationConfig"))).forEach(configured::add);
            Set<String> named = references(properties.get("Policies"));
            for (String resource : named) {
                if (resources.containsKey(resource) && !configured.contains(resource)) {
                    problems.add(function + "'s policy names " + resource + ", which its configuration does not");
                }
            }
            if (containsWildcardResource(properties.get("Policies"))) {
                problems.add(function + "'s policy names Resource \"*\"");
            }
        }
        return problems;
    }

    boolean isAsynchronouslyInvoked(String function) {
        return map(functionProperties(function).get("Events")).values().stream()
                .anyMatch(event -> ASYNC_EVENT_TYPES.contains(map(event).get("Type")));
    }

    List<String> alarms() {
        return resourcesOfType(ALARM);
    }

    Map<String, Object> properties(String logicalId) {
        return map(map(resources.get(logicalId)).get("Properties"));
    }

    String typeOf(String logicalId) {
        return resources.containsKey(logicalId) ? String.valueOf(map(resources.get(logicalId)).get("Type")) : null;
    }

    /** {@code PortfolioReportFunction} is {@code portfolio-report}, as {@code SamTemplate.jobName} spells it. */
    static String jobName(String function) {
        String base = function.endsWith("Function") ? function.substring(0, function.length() - "Function".length()) : function;
        return base.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "-").toLowerCase(java.util.Locale.ROOT);
    }

    /** The longest time between two firings of a schedule over four weeks from a fixed Monday, UTC. */
    static Duration longestGap(String expression) {
        ScheduleExpression schedule = ScheduleExpression.parse(expression);
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime end = t.plusWeeks(4);
        Duration longest = Duration.ZERO;
        ZonedDateTime previous = schedule.nextAfter(t).orElseThrow();
        while (previous.isBefore(end)) {
            ZonedDateTime next = schedule.nextAfter(previous).orElseThrow();
            Duration gap = Duration.between(previous, next);
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        return longest;
    }

    private List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources.forEach((id, value) -> {
            if (type.equals(map(value).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The logical ids an alarm's dimension of that name points at (by Ref, or GetAtt of the attribute). */
    private static Set<String> dimensionTargets(Map<String, Object> alarm, String name, String attribute) {
        Set<String> targets = new LinkedHashSet<>();
        for (Object d : list(alarm.get("Dimensions"))) {
            Map<String, Object> dimension = map(d);
            if (name.equals(dimension.get("Name"))) {
                Object value = dimension.get("Value");
                (attribute == null ? refTarget(value) : getAttTarget(value, attribute)).ifPresent(targets::add);
            }
        }
        return targets;
    }

    private static Object dimensionValue(Map<String, Object> alarm, String name) {
        return list(alarm.get("Dimensions")).stream().map(OperationsChecks::map)
                .filter(d -> name.equals(d.get("Name"))).map(d -> d.get("Value")).findFirst().orElse(null);
    }

    /** {@code {"Fn::Sub": "demandloop/${AWS::StackName}"}} as {@code demandloop/${AWS::StackName}}; a string as is. */
    static String resolveStackSub(Object value) {
        if (value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String s) {
            return s;
        }
        return String.valueOf(value);
    }

    private static Optional<String> refTarget(Object value) {
        return value instanceof Map<?, ?> m && m.get("Ref") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Optional<String> getAttTarget(Object value, String attribute) {
        if (value instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2
                && attribute.equals(l.get(1))) {
            return Optional.of(String.valueOf(l.get(0)));
        }
        return Optional.empty();
    }

    /** Every logical id referenced anywhere under a value: Ref, GetAtt, and the ${X} or ${X.Attr} of a Sub. */
    static Set<String> references(Object value) {
        Set<String> found = new LinkedHashSet<>();
        collect(value, found);
        return found;
    }

    private static void collect(Object value, Set<String> found) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((key, v) -> {
                if ("Ref".equals(key) && v instanceof String s) {
                    found.add(s);
                } else if ("Fn::GetAtt".equals(key) && v instanceof List<?> l && !l.isEmpty()) {
                    found.add(String.valueOf(l.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    String text = v instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(v);
                    Matcher matcher = SUB_VARIABLE.matcher(text);
                    while (matcher.find()) {
                        found.add(matcher.group(1));
                    }
                    if (v instanceof List<?> l && l.size() > 1) {
                        collect(l.get(1), found);
                    }
                } else {
                    collect(v, found);
                }
            });
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collect(v, found));
        }
    }

    private static boolean containsWildcardResource(Object value) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                if ("Resource".equals(entry.getKey()) && ("*".equals(entry.getValue())
                        || entry.getValue() instanceof List<?> l && l.contains("*"))) {
                    return true;
                }
                if (containsWildcardResource(entry.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> c) {
            return c.stream().anyMatch(OperationsChecks::containsWildcardResource);
        }
        return false;
    }

    private static Integer number(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? null : Integer.valueOf(String.valueOf(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** SAM's Globals merge: maps merge key by key (the function's value wins), anything else the function's replaces. */
    static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(global);
        local.forEach((key, value) -> {
            Object base = merged.get(key);
            if (base instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merged.put(key, merge(map(base), map(value)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
