package io.demandloop.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.template.IntrinsicResolver.Context;
import io.demandloop.local.template.TableDef.IndexDef;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code template.yaml} read for the local stack: the functions, their event sources, buses, tables and buckets,
 * with every name and environment value resolved as the deployed stack would resolve it, in the local account
 * {@value #ACCOUNT_ID} and region {@value #REGION}. The template is the single source of truth: nothing here is
 * configured a second time.
 *
 * <p>Everything is read and validated in {@link #load}, so a template the local stack cannot reproduce fails at
 * start with the function, variable and construct named, not at the first invocation.
 */
public final class SamTemplate {

    /** The region every local resource lives in. */
    public static final String REGION = "us-east-1";
    /** The account every local resource lives in. */
    public static final String ACCOUNT_ID = "000000000000";

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path directory;
    private final String stackName;
    private final IntrinsicResolver resolver;
    private final List<FunctionDef> functions = new ArrayList<>();
    private final List<BusDef> buses = new ArrayList<>();
    private final List<RuleDef> rules = new ArrayList<>();
    private final List<ScheduleDef> schedules = new ArrayList<>();
    private final List<TableDef> tables = new ArrayList<>();
    private final List<BucketDef> buckets = new ArrayList<>();
    private final List<SecretDef> secrets = new ArrayList<>();

    private SamTemplate(Path directory, String stackName, Map<String, Object> root, Map<String, String> hostEnvironment) {
        this.directory = directory;
        this.stackName = stackName;
        Map<String, Object> resources = map(root.get("Resources"));
        if (resources.isEmpty()) {
            throw new TemplateException("The template has no Resources");
        }
        this.resolver = new IntrinsicResolver(stackName, map(root.get("Parameters")),
                SamGeneratedQueues.addedTo(resources), hostEnvironment);
        Map<String, Object> globalFunction = map(map(root.get("Globals")).get("Function"));

        buses.add(BusDef.DEFAULT);
        resources.forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value);
            Map<String, Object> properties = map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case SERVERLESS_FUNCTION -> readFunction(logicalId, properties, globalFunction);
                case "AWS::Events::EventBus" -> buses.add(new BusDef(logicalId, resolver.physicalName(logicalId)));
                case "AWS::DynamoDB::Table" -> tables.add(readTable(logicalId, properties));
                case "AWS::SecretsManager::Secret" -> secrets.add(new SecretDef(logicalId, resolver.physicalName(logicalId)));
                case "AWS::S3::Bucket" -> buckets.add(new BucketDef(logicalId, resolver.physicalName(logicalId),
                        "Enabled".equals(string(map(properties.get("VersioningConfiguration")).get("Status")))));
                default -> {
                    // Other resources (archives, roles, alarms...) have no local counterpart.
                }
            }
        });
        for (RuleDef rule : rules) {
            if (bus(rule.busName()).isEmpty()) {
                throw new TemplateException("Function " + rule.functionLogicalId() + ", event " + rule.eventName()
                        + ": EventBusName " + rule.busName() + " is not a bus of the template");
            }
        }
    }

    /**
     * Reads and resolves a template.
     *
     * @param templateFile    the {@code template.yaml}
     * @param stackName       the stack name ({@code AWS::StackName}), e.g. {@code demandloop}
     * @param hostEnvironment the host's environment: a parameter referenced by {@code !Ref} from a function's
     *                        environment variable takes the host's value of that same variable when set (how secrets
     *                        reach local functions), else the parameter's {@code Default}, else {@code ""}
     * @return the resolved template
     * @throws TemplateException when the file cannot be read or uses a construct the local stack cannot reproduce
     */
    public static SamTemplate load(Path templateFile, String stackName, Map<String, String> hostEnvironment) {
        if (stackName == null || stackName.isBlank()) {
            throw new TemplateException("A stack name is required");
        }
        Path file = templateFile.toAbsolutePath().normalize();
        return new SamTemplate(file.getParent(), stackName, document(file),
                hostEnvironment == null ? Map.of() : Map.copyOf(hostEnvironment));
    }

    /**
     * Reads a template as plain maps, lists and scalars, unresolved, with each short-form intrinsic in its long form
     * ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}): what the
     * template's own tests inspect.
     *
     * @param templateFile the {@code template.yaml}
     * @return the document's root mapping
     * @throws TemplateException when the file cannot be read or is not a YAML mapping
     */
    public static Map<String, Object> document(Path templateFile) {
        Path file = templateFile.toAbsolutePath().normalize();
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new CfnYamlConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new TemplateException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new TemplateException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new TemplateException(file + " is not a YAML mapping");
        }
        return map(root);
    }

    /** @return the absolute directory holding the template; {@code CodeUri}s are relative to it */
    public Path directory() {
        return directory;
    }

    /** @return the stack name the template was resolved with */
    public String stackName() {
        return stackName;
    }

    /** @return the {@code AWS::Serverless::Function}s, in template order */
    public List<FunctionDef> functions() {
        return Collections.unmodifiableList(functions);
    }

    /** @return the function with that logical id */
    public Optional<FunctionDef> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** @return the implicit {@code default} bus first, then the template's {@code AWS::Events::EventBus}es */
    public List<BusDef> buses() {
        return Collections.unmodifiableList(buses);
    }

    /**
     * @param nameOrArn a bus name or ARN, as {@code PutEvents} accepts in {@code EventBusName}
     * @return the bus, if it exists
     */
    public Optional<BusDef> bus(String nameOrArn) {
        String name = busNameOf(nameOrArn);
        return buses.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** @return every {@code EventBridgeRule} event source of every function, in template order */
    public List<RuleDef> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** @return every {@code Schedule} and {@code ScheduleV2} event source of every function, in template order */
    public List<ScheduleDef> schedules() {
        return Collections.unmodifiableList(schedules);
    }

    /** @return the {@code AWS::DynamoDB::Table}s */
    public List<TableDef> tables() {
        return Collections.unmodifiableList(tables);
    }

    /** @return the {@code AWS::S3::Bucket}s */
    public List<BucketDef> buckets() {
        return Collections.unmodifiableList(buckets);
    }

    /** @return the {@code AWS::SecretsManager::Secret}s */
    public List<SecretDef> secrets() {
        return List.copyOf(secrets);
    }

    /**
     * @param logicalId a resource's logical id
     * @return its local physical name, as {@code !Ref} resolves it
     * @throws TemplateException when there is no such resource
     */
    public String physicalName(String logicalId) {
        return resolver.physicalName(logicalId);
    }

    /**
     * The command-line name of a scheduled function: the logical id without its {@code Function} suffix, in
     * kebab-case ({@code PortfolioReportFunction} → {@code portfolio-report}).
     *
     * @param functionLogicalId the function's logical id
     * @return the job name
     */
    public String jobName(String functionLogicalId) {
        String base = functionLogicalId.endsWith("Function") && functionLogicalId.length() > "Function".length()
                ? functionLogicalId.substring(0, functionLogicalId.length() - "Function".length())
                : functionLogicalId;
        return String.join("-", CAMEL_BOUNDARY.split(base)).toLowerCase(Locale.ROOT);
    }

    /** @return the job names of the functions that have a schedule, in template order, without duplicates */
    public List<String> jobNames() {
        return schedules.stream().map(s -> jobName(s.functionLogicalId())).distinct().toList();
    }

    /**
     * @param jobName a name as {@link #jobName} makes it
     * @return the scheduled function with that job name
     */
    public Optional<FunctionDef> functionForJob(String jobName) {
        return schedules.stream()
                .map(ScheduleDef::functionLogicalId)
                .filter(id -> jobName(id).equals(jobName))
                .findFirst()
                .flatMap(this::function);
    }

    /** @return {@code arn:aws:<service>:us-east-1:000000000000:<resource>} */
    public static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT_ID + ":" + resource;
    }

    /** @return the bus name of a name or an event-bus ARN */
    public static String busNameOf(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return BusDef.DEFAULT_BUS_NAME;
        }
        int slash = nameOrArn.indexOf(":event-bus/");
        return nameOrArn.startsWith("arn:") && slash > 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }

    private void readFunction(String logicalId, Map<String, Object> own, Map<String, Object> globals) {
        String where = "Function " + logicalId;
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(own);

        Object codeUri = merged.get("CodeUri");
        if (!(codeUri instanceof String codePath) || codePath.isBlank()) {
            throw new TemplateException(where + ": CodeUri must be a local path, found " + codeUri);
        }
        String handler = requiredString(merged, "Handler", where);
        String runtime = requiredString(merged, "Runtime", where);

        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Object> variables = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        variables.putAll(map(map(own.get("Environment")).get("Variables")));
        variables.forEach((name, value) -> environment.put(name,
                resolver.resolveString(value, new Context(where + ", environment variable " + name, name))));

        functions.add(new FunctionDef(
                logicalId,
                directory.resolve(codePath).normalize(),
                handler,
                runtime,
                environment,
                merged.get("FunctionUrlConfig") != null,
                intProperty(merged, "Timeout", LAMBDA_DEFAULT_TIMEOUT_SECONDS, where),
                intProperty(merged, "MemorySize", LAMBDA_DEFAULT_MEMORY_MB, where)));

        map(own.get("Events")).forEach((eventName, value) -> {
            Map<String, Object> event = map(value);
            Map<String, Object> properties = map(event.get("Properties"));
            String eventWhere = where + ", event " + eventName;
            switch (String.valueOf(event.get("Type"))) {
                case "EventBridgeRule", "CloudWatchEvent" -> rules.add(readRule(logicalId, eventName, properties, eventWhere));
                case "Schedule" -> schedules.add(readSchedule(logicalId, eventName, ScheduleDef.Type.SCHEDULE, properties, eventWhere));
                case "ScheduleV2" -> schedules.add(readSchedule(logicalId, eventName, ScheduleDef.Type.SCHEDULE_V2, properties, eventWhere));
                default -> {
                    // Other sources (Api, SQS...) are not used by this project and have no local counterpart.
                }
            }
        });
    }

    private RuleDef readRule(String functionId, String eventName, Map<String, Object> properties, String where) {
        for (String unsupported : List.of("Input", "InputPath", "InputTransformer")) {
            if (properties.containsKey(unsupported)) {
                // Delivering the plain event instead would silently differ from AWS.
                throw new TemplateException(where + ": " + unsupported + " is not supported by the local stack");
            }
        }
        Object pattern = properties.get("Pattern");
        if (!(pattern instanceof Map<?, ?>)) {
            throw new TemplateException(where + ": Pattern must be a mapping, found " + pattern);
        }
        String patternJson;
        try {
            patternJson = mapper.writeValueAsString(resolver.resolveDeep(pattern, Context.of(where + ", Pattern")));
        } catch (JsonProcessingException e) {
            throw new TemplateException(where + ": cannot write Pattern as JSON: " + e.getOriginalMessage(), e);
        }
        Object busName = properties.get("EventBusName");
        String bus = busName == null
                ? BusDef.DEFAULT_BUS_NAME
                : busNameOf(resolver.resolveString(busName, Context.of(where + ", EventBusName")));
        Map<String, Object> retry = map(properties.get("RetryPolicy"));
        return new RuleDef(functionId, eventName, bus, patternJson,
                optionalInt(retry, "MaximumRetryAttempts", where),
                optionalInt(retry, "MaximumEventAgeInSeconds", where),
                isEnabled(properties, where));
    }

    private ScheduleDef readSchedule(
            String functionId, String eventName, ScheduleDef.Type type, Map<String, Object> properties, String where) {
        String expressionKey = type == ScheduleDef.Type.SCHEDULE ? "Schedule" : "ScheduleExpression";
        Object expression = properties.get(expressionKey);
        if (expression == null) {
            throw new TemplateException(where + ": " + expressionKey + " is required");
        }
        ZoneId zone = ZoneOffset.UTC;
        Object timezone = properties.get("ScheduleExpressionTimezone");
        if (type == ScheduleDef.Type.SCHEDULE_V2 && timezone != null) {
            String zoneId = resolver.resolveString(timezone, Context.of(where + ", ScheduleExpressionTimezone"));
            try {
                // Normalised, so "UTC" and an absent zone compare equal.
                zone = ZoneId.of(zoneId).normalized();
            } catch (DateTimeException e) {
                throw new TemplateException(where + ": ScheduleExpressionTimezone " + zoneId + " is not a time zone", e);
            }
        }
        Object name = properties.get("Name");
        Object group = properties.get("GroupName");
        return new ScheduleDef(
                functionId,
                eventName,
                type,
                resolver.resolveString(expression, Context.of(where + ", " + expressionKey)).trim(),
                zone,
                input(properties.get("Input"), where),
                isEnabled(properties, where),
                name == null ? stackName + "-" + functionId + eventName : resolver.resolveString(name, Context.of(where + ", Name")),
                group == null ? "default" : resolver.resolveString(group, Context.of(where + ", GroupName")));
    }

    private String input(Object input, String where) {
        if (input == null) {
            return null;
        }
        if (input instanceof Map<?, ?> && !IntrinsicResolver.isIntrinsic(input) || input instanceof List<?>) {
            // The template should give JSON text; a YAML structure is accepted and written as the JSON it means.
            try {
                return mapper.writeValueAsString(input);
            } catch (JsonProcessingException e) {
                throw new TemplateException(where + ": cannot write Input as JSON: " + e.getOriginalMessage(), e);
            }
        }
        return resolver.resolveString(input, Context.of(where + ", Input"));
    }

    private boolean isEnabled(Map<String, Object> properties, String where) {
        Object enabled = properties.get("Enabled");
        if (enabled != null && "false".equalsIgnoreCase(resolver.resolveString(enabled, Context.of(where + ", Enabled")))) {
            return false;
        }
        Object state = properties.get("State");
        return state == null || !"DISABLED".equalsIgnoreCase(resolver.resolveString(state, Context.of(where + ", State")));
    }

    private TableDef readTable(String logicalId, Map<String, Object> properties) {
        String where = "Table " + logicalId;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Object definition : list(properties.get("AttributeDefinitions"))) {
            Map<String, Object> attribute = map(definition);
            attributes.put(requiredString(attribute, "AttributeName", where), requiredString(attribute, "AttributeType", where));
        }
        List<Object> keySchema = list(properties.get("KeySchema"));
        return new TableDef(
                logicalId,
                resolver.physicalName(logicalId),
                attributes,
                key(keySchema, "HASH", where).orElseThrow(() -> new TemplateException(where + ": KeySchema has no HASH key")),
                key(keySchema, "RANGE", where),
                indexes(properties.get("GlobalSecondaryIndexes"), where),
                indexes(properties.get("LocalSecondaryIndexes"), where),
                properties.get("BillingMode") == null ? "PROVISIONED" : string(properties.get("BillingMode")));
    }

    private List<IndexDef> indexes(Object value, String where) {
        List<IndexDef> indexes = new ArrayList<>();
        for (Object item : list(value)) {
            Map<String, Object> index = map(item);
            String name = requiredString(index, "IndexName", where);
            String indexWhere = where + ", index " + name;
            List<Object> keySchema = list(index.get("KeySchema"));
            Map<String, Object> projection = map(index.get("Projection"));
            List<String> nonKey = list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
            indexes.add(new IndexDef(
                    name,
                    key(keySchema, "HASH", indexWhere)
                            .orElseThrow(() -> new TemplateException(indexWhere + ": KeySchema has no HASH key")),
                    key(keySchema, "RANGE", indexWhere),
                    projection.get("ProjectionType") == null ? "ALL" : string(projection.get("ProjectionType")),
                    nonKey));
        }
        return indexes;
    }

    private static Optional<String> key(List<Object> keySchema, String keyType, String where) {
        return keySchema.stream()
                .map(SamTemplate::map)
                .filter(k -> keyType.equals(k.get("KeyType")))
                .map(k -> requiredString(k, "AttributeName", where))
                .findFirst();
    }

    private int intProperty(Map<String, Object> properties, String key, int defaultValue, String where) {
        OptionalInt value = optionalInt(properties, key, where);
        return value.isPresent() ? value.getAsInt() : defaultValue;
    }

    private OptionalInt optionalInt(Map<String, Object> properties, String key, String where) {
        Object value = properties.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        String text = resolver.resolveString(value, Context.of(where + ", " + key));
        try {
            return OptionalInt.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ": " + key + " must be a whole number, found " + text, e);
        }
    }

    private static String requiredString(Map<String, Object> properties, String key, String where) {
        Object value = properties.get(key);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new TemplateException(where + ": " + key + " is required and must be a plain string, found " + value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
