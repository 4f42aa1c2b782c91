package io.demandloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.functions.intake.Sources;
import io.demandloop.local.LocalStack;
import io.demandloop.local.servers.DynamoDbLocalServer;
import io.demandloop.local.servers.SdkSettings;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.secrets.EnvironmentSecretProvider;
import io.demandloop.shared.source.WebhookSource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The commands of {@code ./demandloop}. Every command works on the embedded stack with its state under
 * {@code .demandloop/}; a wrong command line prints one line and the usage, and exits 2 before anything
 * starts.
 */
final class DemandloopCli {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** The variable holding the ServiceNow secret; the demo sets its own. */
    static final String SERVICENOW_SECRET = "DEMANDLOOP_SECRET_SERVICENOW";
    /** Overrides where the launcher keeps its state ({@code .demandloop/} at the root by default). */
    static final String STATE_DIR_VARIABLE = "DEMANDLOOP_STATE_DIR";
    /** The scheduled functions the demo runs. */
    static final String REPORT_JOB = "portfolio-report";
    static final String DEMAND_JOB = "demand-evaluation";
    static final String OUTCOME_JOB = "outcome-measurement";
    /** Where the demo's webhook bodies are. */
    static final String DEMO_WEBHOOKS = "events/webhooks/servicenow";

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** The template's tickets table, which imports fill. */
    private static final String TICKETS_TABLE = "TicketsTable";
    /** The template's alerts and demand tables, which the demo's generated history and evaluation fill. */
    private static final String ALERTS_TABLE = "AlertsTable";
    private static final String DEMAND_TABLE = "DemandTable";
    /** The template's initiatives table and bus, which promotions and roadmap imports fill. */
    private static final String INITIATIVES_TABLE = "InitiativesTable";
    private static final String DEMAND_BUS = "DemandBus";

    private final PrintStream out;
    /** For lines that carry stored text (query, run, the demo's demands): control characters are escaped. */
    private final PrintStream safeOut;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path root;
    private final Path workingDirectory;
    private final ObjectMapper mapper = new ObjectMapper();

    DemandloopCli(PrintStream out, PrintStream err, Map<String, String> environment, Path root) {
        this(out, err, environment, root, Path.of("").toAbsolutePath());
    }

    /** @param workingDirectory where the user ran the command: relative paths on the command line are resolved there */
    DemandloopCli(PrintStream out, PrintStream err, Map<String, String> environment, Path root, Path workingDirectory) {
        this.out = out;
        this.safeOut = TerminalText.escaping(out);
        this.err = err;
        this.environment = withConfigFileFrom(environment, workingDirectory);
        this.root = root;
        this.workingDirectory = workingDirectory;
    }

    /** A relative {@code DEMANDLOOP_CONFIG_FILE} names a file from where the user ran the command, like every path. */
    private static Map<String, String> withConfigFileFrom(Map<String, String> environment, Path workingDirectory) {
        String named = environment.get(DemandloopConfig.CONFIG_FILE_VARIABLE);
        if (named == null || named.isBlank() || Path.of(named.trim()).isAbsolute()) {
            return environment;
        }
        Map<String, String> resolved = new HashMap<>(environment);
        resolved.put(DemandloopConfig.CONFIG_FILE_VARIABLE,
                workingDirectory.resolve(named.trim()).toAbsolutePath().normalize().toString());
        return Map.copyOf(resolved);
    }

    int run(String[] args) {
        if (BacktestCommand.handles(args)) {
            return new BacktestCommand(safeOut, err, environment, root).run(args);
        }
        if (ReportLinkCommand.handles(args)) {
            return new ReportLinkCommand(safeOut, err, environment, root, java.time.Clock.systemUTC()).run(args);
        }
        CommandLine command;
        ImportCommand load = null;
        try {
            command = CommandLine.parse(args);
            if ("run".equals(command.command())) {
                checkJob(command.job());
            }
        } catch (UsageException e) {
            err.println("demandloop: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return EXIT_USAGE;
        }
        InitiativeImportCommand initiativeLoad = null;
        if ("import".equals(command.command())) {
            try {
                if (CommandLine.INITIATIVES_FORMAT.equals(command.load().format())) {
                    initiativeLoad = new InitiativeImportCommand(command.load().resolvedFrom(workingDirectory), root, environment);
                } else {
                    load = new ImportCommand(command.load().resolvedFrom(workingDirectory), root, environment);
                }
            } catch (UsageException e) {
                // The command line was right; the file or mapping is not: one line, no usage.
                err.println("demandloop: " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        if ("help".equals(command.command())) {
            out.println(CommandLine.USAGE);
            return EXIT_OK;
        }
        if ("config-check".equals(command.command())) {
            return new ConfigCheck(root, environment, out, err).run();
        }
        Path stateDir = environment.containsKey(STATE_DIR_VARIABLE)
                ? Path.of(environment.get(STATE_DIR_VARIABLE)).toAbsolutePath() : root.resolve(".demandloop");
        try (StateLock lock = StateLock.tryAcquire(stateDir)) {
            if ("query".equals(command.command())) {
                return query(stateDir, lock != null, command.query());
            }
            if ("measure".equals(command.command())) {
                return measure(stateDir, lock != null, command.measure());
            }
            if (load != null && lock == null) {
                return importThroughRunningStack(stateDir, load);
            }
            if ((initiativeLoad != null || "demand".equals(command.command())) && lock == null) {
                return throughRunningStack(stateDir, command, initiativeLoad);
            }
            if ("run".equals(command.command()) && lock == null) {
                return runJobThroughRunningStack(stateDir, command.job(), command.at().orElse(Instant.now()));
            }
            if (lock == null) {
                err.println("demandloop: another demandloop process is using " + stateDir + "; stop it first");
                return EXIT_FAILED;
            }
            redirectFunctionOutput(stateDir);
            try {
                return switch (command.command()) {
                    case "demo" -> demo(stateDir, command.scale());
                    case "serve" -> serve(stateDir, command.port().getAsInt());
                    case "run" -> runJob(stateDir, command.job(), command.at().orElse(Instant.now()));
                    case "import" -> initiativeLoad != null ? importInitiatives(stateDir, initiativeLoad)
                            : importExport(stateDir, load);
                    case "demand" -> decide(stateDir, command.decision());
                    case "redrive" -> redrive(stateDir);
                    default -> throw new IllegalStateException(command.command());
                };
            } finally {
                RunningStack.withdraw(stateDir);
            }
        } catch (Exception e) {
            err.println("demandloop: " + command.command() + " failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Imports a roadmap export into the embedded stack's initiatives table, started for the purpose. */
    private int importInitiatives(Path stateDir, InitiativeImportCommand load) throws Exception {
        try (LocalStack stack = start(stateDir, Map.of(), OptionalInt.empty());
             DynamoDbClient dynamoDb = localClient(stack.dynamoDbEndpoint())) {
            return runInitiativeImport(load, dynamoDb, stack.template());
        }
    }

    private int runInitiativeImport(InitiativeImportCommand load, DynamoDbClient dynamoDb, SamTemplate template)
            throws IOException {
        io.demandloop.shared.imports.ImportSummary summary = load.run(dynamoDb,
                template.physicalName(INITIATIVES_TABLE), template.physicalName(DEMAND_TABLE));
        summary.describe().forEach(out::println);
        return EXIT_OK;
    }

    /** Decides about a demand on the embedded stack, started for the purpose: the demand function applies it. */
    private int decide(Path stateDir, CommandLine.Decision decision) throws Exception {
        try (LocalStack stack = start(stateDir, Map.of(), OptionalInt.empty());
             DynamoDbClient dynamoDb = localClient(stack.dynamoDbEndpoint())) {
            DemandCommand command = new DemandCommand(decision, dynamoDb,
                    stack.template().physicalName(DEMAND_TABLE), stack.template().physicalName(INITIATIVES_TABLE), out, err);
            return command.run(io.demandloop.shared.events.aws.EventBridgePublisher.create(
                    stack.template().physicalName(DEMAND_BUS)), () -> stack.awaitIdle(IDLE_TIMEOUT));
        }
    }

    /**
     * An initiatives import or a decision through the launcher that holds the state ({@code serve}): its DynamoDB,
     * and for a decision its bus, whose rules route it to the demand function running there.
     */
    private int throughRunningStack(Path stateDir, CommandLine command, InitiativeImportCommand load) throws Exception {
        Optional<URI> dynamoDbEndpoint = RunningStack.dynamoDbOfLiveOwner(stateDir);
        Optional<URI> busEndpoint = RunningStack.eventBridgeOfLiveOwner(stateDir);
        if (dynamoDbEndpoint.isEmpty() || busEndpoint.isEmpty()) {
            err.println("demandloop: another demandloop process is starting or stopping on " + stateDir + "; retry in a moment");
            return EXIT_FAILED;
        }
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of());
        try (DynamoDbClient dynamoDb = localClient(dynamoDbEndpoint.get())) {
            if (load != null) {
                return runInitiativeImport(load, dynamoDb, template);
            }
            DemandCommand decide = new DemandCommand(command.decision(), dynamoDb, template.physicalName(DEMAND_TABLE),
                    template.physicalName(INITIATIVES_TABLE), out, err);
            try (software.amazon.awssdk.services.eventbridge.EventBridgeClient bus =
                         software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                                 .endpointOverride(busEndpoint.get())
                                 .region(Region.of(SdkSettings.LOCAL_REGION))
                                 .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                         SdkSettings.LOCAL_ACCESS_KEY_ID, SdkSettings.LOCAL_SECRET_ACCESS_KEY)))
                                 .httpClient(UrlConnectionHttpClient.create())
                                 .build()) {
                // serve's bus delivers on its own threads: the command polls the demand until it shows the decision
                return decide.run(new io.demandloop.shared.events.aws.EventBridgePublisher(bus,
                        template.physicalName(DEMAND_BUS), 3), () -> true);
            }
        }
    }

    /** Imports into the embedded stack, started for the purpose. */
    private int importExport(Path stateDir, ImportCommand load) throws Exception {
        try (LocalStack stack = start(stateDir, Map.of(), OptionalInt.empty());
             DynamoDbClient dynamoDb = localClient(stack.dynamoDbEndpoint())) {
            return runImport(load, dynamoDb, stack.template().physicalName(TICKETS_TABLE));
        }
    }

    /** Imports into the DynamoDB of the launcher that holds the state (serve), so that it sees the records at once. */
    private int importThroughRunningStack(Path stateDir, ImportCommand load) throws Exception {
        Optional<URI> running = RunningStack.dynamoDbOfLiveOwner(stateDir);
        if (running.isEmpty()) {
            err.println("demandloop: another demandloop process is starting or stopping on " + stateDir + "; retry in a moment");
            return EXIT_FAILED;
        }
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of());
        try (DynamoDbClient dynamoDb = localClient(running.get())) {
            return runImport(load, dynamoDb, template.physicalName(TICKETS_TABLE));
        }
    }

    private int runImport(ImportCommand load, DynamoDbClient dynamoDb, String table) throws Exception {
        io.demandloop.shared.imports.ImportProgress progress = System.console() != null
                ? new TerminalProgress(err, out)
                : new io.demandloop.shared.imports.PlainProgress(out::println, Duration.ofSeconds(5));
        io.demandloop.shared.imports.ImportSummary summary = load.run(dynamoDb, table, progress);
        if (summary.broken() != null) {
            err.println("demandloop: import incomplete: " + summary.broken() + "; import the complete file again");
            return EXIT_FAILED;
        }
        if (!summary.complete()) {
            err.println("demandloop: import incomplete: " + summary.failed() + " records could not be stored;"
                    + " import " + summary.rejectedRows() + " again");
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    private void checkJob(String job) throws UsageException {
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of());
        if (template.functionForJob(job).isEmpty()) {
            throw new UsageException("unknown job '" + job + "'; jobs: " + String.join(", ", template.jobNames()));
        }
    }

    /** Functions log JSON to standard output, as on Lambda; here it goes to a file, leaving the console to us. */
    private static void redirectFunctionOutput(Path stateDir) throws IOException {
        Path logs = Files.createDirectories(stateDir.resolve("logs"));
        System.setOut(new PrintStream(new FileOutputStream(logs.resolve("functions.log").toFile(), true), true,
                StandardCharsets.UTF_8));
    }

    private LocalStack start(Path stateDir, Map<String, String> overrides, OptionalInt port) throws IOException {
        Map<String, String> hostEnvironment = new HashMap<>(environment);
        hostEnvironment.putAll(overrides);
        LocalStack stack = LocalStack.start(new LocalStack.Options(root, Optional.of(stateDir), hostEnvironment, port));
        RunningStack.publish(stateDir, stack);
        return stack;
    }

    /**
     * Lists stored records: through the running launcher's DynamoDB when one holds the state (serve), else
     * from the state on disk with a DynamoDB Local of its own.
     */
    private int query(Path stateDir, boolean ownsState, CommandLine.Query query) throws IOException {
        try (OwnDynamoDb own = OwnDynamoDb.startFor(root, stateDir, ownsState)) {
            SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of());
            if (template.tables().stream().noneMatch(t -> t.logicalId().equals(query.kind().tableLogicalId))) {
                err.println("demandloop: template.yaml has no " + query.kind().tableLogicalId);
                return EXIT_FAILED;
            }
            return withStoredState(stateDir, ownsState, own, dynamoDb -> list(dynamoDb, template, query));
        }
    }

    /**
     * Measures an intervention date on the stored state ({@code measure}), read like {@code query}: through the running
     * launcher's DynamoDB, else the state on disk.
     */
    private int measure(Path stateDir, boolean ownsState, CommandLine.Measure measure) throws IOException {
        try (OwnDynamoDb own = OwnDynamoDb.startFor(root, stateDir, ownsState)) {
            SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of());
            io.demandloop.shared.config.DemandloopConfig config = ImportCommand.config(root, environment, null);
            return withStoredState(stateDir, ownsState, own, dynamoDb -> {
                if (dynamoDb == null) {
                    err.println("demandloop: nothing is stored in " + stateDir + " yet: import a history or run the demo first");
                    return EXIT_FAILED;
                }
                new OutcomeCommand(dynamoDb, template::physicalName, safeOut).measure(measure, config, Instant.now());
                return EXIT_OK;
            });
        }
    }

    /** Runs the action with a client on the stored state; null when nothing was ever stored. */
    private int withStoredState(Path stateDir, boolean ownsState, OwnDynamoDb own,
                                java.util.function.Function<DynamoDbClient, Integer> action) {
        if (!ownsState) {
            Optional<URI> running = RunningStack.dynamoDbOfLiveOwner(stateDir);
            if (running.isEmpty()) {
                err.println("demandloop: another demandloop process is starting or stopping on " + stateDir + "; retry in a moment");
                return EXIT_FAILED;
            }
            try (DynamoDbClient dynamoDb = localClient(running.get())) {
                return action.apply(dynamoDb);
            }
        }
        Optional<DynamoDbLocalServer> server = own.server();
        if (server.isEmpty()) {
            return action.apply(null);
        }
        try (DynamoDbClient dynamoDb = localClient(server.get().endpoint())) {
            return action.apply(dynamoDb);
        }
    }

    /**
     * The DynamoDB Local of a read-only command ({@code query}, {@code measure}) that holds the state itself: started
     * before anything else, so that its JVM comes up while this one reads the template and the configuration (issue
     * 17); none when {@code serve} holds the state or nothing was ever stored. Stopped at close, also when the command
     * failed before it needed it.
     */
    private static final class OwnDynamoDb implements AutoCloseable {
        private final java.util.concurrent.CompletableFuture<DynamoDbLocalServer> starting;

        private OwnDynamoDb(java.util.concurrent.CompletableFuture<DynamoDbLocalServer> starting) {
            this.starting = starting;
        }

        static OwnDynamoDb startFor(Path root, Path stateDir, boolean ownsState) throws IOException {
            if (!ownsState || !Files.isDirectory(stateDir.resolve("dynamodb"))) {
                return new OwnDynamoDb(null);
            }
            redirectFunctionOutput(stateDir);
            return new OwnDynamoDb(java.util.concurrent.CompletableFuture.supplyAsync(() -> DynamoDbLocalServer.start(root,
                    Optional.of(stateDir.resolve("dynamodb")), stateDir.resolve("logs/dynamodb-local.log"))));
        }

        /** The started server, once it answers; empty when there is none to start. */
        Optional<DynamoDbLocalServer> server() {
            if (starting == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(starting.join());
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void close() {
            if (starting != null) {
                // A start still under way is waited for, then stopped; a failed one left nothing to stop.
                DynamoDbLocalServer server = starting.handle((started, failure) -> started).join();
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    private int list(DynamoDbClient dynamoDb, SamTemplate template, CommandLine.Query query) {
        String table = template.physicalName(query.kind().tableLogicalId);
        OutcomeCommand outcomes = new OutcomeCommand(dynamoDb, template::physicalName, safeOut);
        switch (query.kind()) {
            case CAPACITY -> new QueryCommand().capacity(dynamoDb, table, query.team(), query.json(), safeOut);
            case INITIATIVES -> outcomes.initiatives(query.json());
            case OUTCOMES -> outcomes.outcomes(query.json());
            case LINEAGE -> {
                if (!outcomes.lineage(query.id(), query.json())) {
                    err.println("demandloop: no demand, initiative or outcome has the id '" + query.id() + "'");
                    return EXIT_FAILED;
                }
            }
            default -> new QueryCommand().list(dynamoDb, table, query.kind(), query.service(), query.source(), query.json(), safeOut);
        }
        return EXIT_OK;
    }

    private static DynamoDbClient localClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(SdkSettings.LOCAL_REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SdkSettings.LOCAL_ACCESS_KEY_ID, SdkSettings.LOCAL_SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private int demo(Path stateDir, CommandLine.Scale scale) throws Exception {
        String secret = "demo-" + HexFormat.of().formatHex(randomBytes(8));
        out.println("Starting the local stack (DynamoDB Local, S3Proxy, local EventBridge) from template.yaml ...");
        try (LocalStack stack = start(stateDir, Map.of(SERVICENOW_SECRET, secret), OptionalInt.of(0))) {
            URI hooks = stack.webhookUrl().orElseThrow().resolve("hooks/servicenow");
            out.println("Posting the ServiceNow samples of " + DEMO_WEBHOOKS + "/ to " + hooks);
            HttpClient http = HttpClient.newHttpClient();
            Instant newest = Instant.EPOCH;
            List<Path> samples = samples();
            for (Path sample : samples) {
                byte[] body = Files.readAllBytes(sample);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(hooks)
                        .header("Authorization", "Bearer " + secret)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                out.printf("  %-44s -> %d %s%n", sample.getFileName(), response.statusCode(), response.body());
                if (response.statusCode() != 202) {
                    err.println("demandloop: the intake refused " + sample.getFileName());
                    return EXIT_FAILED;
                }
                newest = max(newest, newestUpdate(body));
            }
            if (!stack.awaitIdle(IDLE_TIMEOUT)) {
                err.println("demandloop: the bus did not drain within " + IDLE_TIMEOUT);
                return EXIT_FAILED;
            }
            try (DynamoDbClient dynamoDb = localClient(stack.dynamoDbEndpoint())) {
                out.println("Loading " + DemandHistoryGenerator.DEMO_DAYS + " days of generated service history up to "
                        + newest + " (DemandHistoryGenerator, seed " + DemandHistoryGenerator.DEMO_SEED
                        + ": weekly Payments outages, access requests from five departments, a noisy Batch Scheduler, ...)");
                DemandHistoryGenerator generator = scale.equals(CommandLine.Scale.DEMO) ? DemandHistoryGenerator.demo(newest)
                        : DemandHistoryGenerator.demoAtScale(newest, scale.services(), scale.tickets());
                DemoHistory.Loaded loaded = DemoHistory.load(dynamoDb, stack.template().physicalName(TICKETS_TABLE),
                        stack.template().physicalName(ALERTS_TABLE), generator);
                out.println("  " + loaded.tickets() + " tickets and " + loaded.episodes() + " alert episodes written");
                out.println("Running the " + DEMAND_JOB + " job as of " + newest + " ...");
                fire(stack, DEMAND_JOB, newest);
                out.println();
                out.println("Demand records (config/demandloop.yaml has the catalog and thresholds; docs/demand.md the rules):");
                DemoHistory.printDemands(dynamoDb, stack.template().physicalName(DEMAND_TABLE), safeOut);
                out.println();
                List<io.demandloop.shared.initiative.Initiative> delivered = DemoHistory.storeInitiatives(dynamoDb,
                        stack.template().physicalName("InitiativesTable"), newest);
                out.println("Stored " + delivered.size() + " delivered initiatives ("
                        + String.join(", ", delivered.stream().map(i -> i.id()).toList()) + "); running the "
                        + OUTCOME_JOB + " job as of " + newest + " ...");
                fire(stack, OUTCOME_JOB, newest);
                out.println();
                out.println("Measured outcomes (docs/outcomes.md; ./demandloop query outcomes for every metric):");
                DemoHistory.printOutcomes(dynamoDb, stack.template().physicalName("OutcomesTable"), safeOut);
            }
            out.println();
            out.println("Running the " + REPORT_JOB + " job as of " + newest + " (the newest sample update) ...");
            fire(stack, REPORT_JOB, newest);
            printReport(stack);
            return EXIT_OK;
        }
    }

    /** Sends the dead letters again, each to the target of its rule, and says how it went. */
    private int redrive(Path stateDir) throws Exception {
        try (LocalStack stack = start(stateDir, Map.of(), OptionalInt.empty())) {
            // The start delivered what an earlier run left unfinished; wait for that first, so the counts below are ours.
            if (!stack.awaitIdle(IDLE_TIMEOUT)) {
                err.println("demandloop: the bus did not drain within " + IDLE_TIMEOUT);
                return EXIT_FAILED;
            }
            io.demandloop.local.bus.LocalEventBus.Redrive redrive = stack.bus().redriveDeadLetters();
            if (redrive.sent() == 0 && redrive.unknownRules().isEmpty()) {
                stack.bus().finishRedrive();
                out.println("Nothing to redrive: " + stateDir.resolve(LocalStack.DEAD_LETTERS) + " is empty");
                return EXIT_OK;
            }
            out.println("Redriving " + redrive.sent() + " dead letter(s) ...");
            if (!stack.awaitIdle(IDLE_TIMEOUT)) {
                err.println("demandloop: the redriven deliveries did not finish within " + IDLE_TIMEOUT
                        + "; the next start delivers the rest");
                return EXIT_FAILED;
            }
            stack.bus().finishRedrive();
            long again = stack.bus().deadLetterCount() - redrive.unknownRules().size();
            out.println("Redrove " + redrive.sent() + " dead letter(s): " + (redrive.sent() - again) + " delivered, "
                    + again + " dead-lettered again (" + stateDir.resolve(LocalStack.DEAD_LETTERS) + ")");
            if (!redrive.unknownRules().isEmpty()) {
                out.println("Kept " + redrive.unknownRules().size() + " dead letter(s) whose rule template.yaml no longer has: "
                        + String.join(", ", new java.util.TreeSet<>(redrive.unknownRules())));
            }
            return EXIT_OK;
        }
    }

    private int serve(Path stateDir, int port) throws Exception {
        // The configuration the functions will read: the live file (DEMANDLOOP_CONFIG_FILE or config/demandloop.yaml).
        DemandloopConfig live = LocalStack.configFile(root, environment).map(DemandloopConfig::fromFile)
                .orElseGet(DemandloopConfig::load);
        startWarnings(live).forEach(warning -> err.println("demandloop: " + warning));
        // The shutdown hook below stops the stack in order: the bus drains into live servers, then they stop.
        LocalStack.stopsInOrderAtExit();
        LocalStack stack = start(stateDir, Map.of(), OptionalInt.of(port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RunningStack.withdraw(stateDir);
            stack.close();
            out.println("demandloop: stopped");
            stopped.countDown();
        }, "demandloop-shutdown"));
        stack.scheduler().start(java.time.Clock.systemUTC());
        out.println("demandloop serve: ready (Ctrl-C stops)");
        out.println("  webhooks     POST " + stack.webhookUrl().orElseThrow() + "hooks/{source}");
        out.println("  DynamoDB     " + stack.dynamoDbEndpoint());
        out.println("  S3           " + stack.s3Endpoint());
        out.println("  EventBridge  " + stack.bus().endpoint());
        out.println("  schedules    " + String.join(", ", stack.template().jobNames()));
        out.println("  events log   " + stateDir.resolve("events.jsonl"));
        out.println("  function log " + stateDir.resolve("logs/functions.log"));
        stopped.await();
        return EXIT_OK;
    }

    /**
     * What {@code serve} says at start: each source without a secret (all its deliveries are refused with 401), and
     * each source configured in a way that allows replay.
     */
    List<String> startWarnings(DemandloopConfig config) {
        Map<String, WebhookSource> sources = Sources.all(config);
        List<String> warnings = new java.util.ArrayList<>();
        for (String source : sources.keySet()) {
            String variable = EnvironmentSecretProvider.variableFor(source);
            if (environment.getOrDefault(variable, "").isBlank()) {
                warnings.add(variable + " is not set: every " + source + " delivery will be refused with 401");
            }
        }
        warnings.addAll(Sources.warnings(sources));
        return warnings;
    }

    private int runJob(Path stateDir, String job, Instant at) throws Exception {
        try (LocalStack stack = start(stateDir, Map.of(), OptionalInt.empty())) {
            out.println("Running " + job + " as of " + at + " ...");
            fire(stack, job, at);
            if (REPORT_JOB.equals(job)) {
                printReport(stack);
            }
            return EXIT_OK;
        }
    }

    /**
     * Fires a job on the stack of the launcher that holds the state ({@code serve}): its functions run here, on that
     * launcher's DynamoDB, S3 and bus, which delivers what they publish; no server starts (issue 17).
     */
    private int runJobThroughRunningStack(Path stateDir, String job, Instant at) throws Exception {
        Optional<LocalStack.Endpoints> running = RunningStack.endpointsOfLiveOwner(stateDir);
        if (running.isEmpty()) {
            err.println("demandloop: another demandloop process is using " + stateDir
                    + " and publishes no endpoints (starting or stopping?); retry in a moment, or stop it first");
            return EXIT_FAILED;
        }
        redirectFunctionOutput(stateDir);
        try (LocalStack stack = LocalStack.attach(new LocalStack.Options(root, Optional.of(stateDir), environment,
                OptionalInt.empty()), running.get())) {
            out.println("Running " + job + " as of " + at + " on the running stack (" + stateDir.resolve(RunningStack.FILE)
                    + ") ...");
            fire(stack, job, at);
            if (REPORT_JOB.equals(job)) {
                printReport(stack);
            }
            return EXIT_OK;
        }
    }

    private void fire(LocalStack stack, String job, Instant at) {
        long started = System.nanoTime();
        byte[] response = stack.scheduler().fire(job, at);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        safeOut.println("  " + job + " answered in " + millis + " ms: " + new String(response, StandardCharsets.UTF_8));
        if (!stack.awaitIdle(IDLE_TIMEOUT)) {
            throw new IllegalStateException("the bus did not drain within " + IDLE_TIMEOUT);
        }
    }

    private void printReport(LocalStack stack) throws IOException {
        String bucket = stack.template().physicalName("ReportsBucket");
        String key = "reports/latest/portfolio.json";
        JsonNode report;
        Optional<Path> stored = stack.objectFile(bucket, key).filter(Files::isRegularFile);
        if (stored.isPresent()) {
            // The embedded S3Proxy keeps each object as a plain file, complete once the job's put was answered: read
            // there, the command starts no S3 client of its own after the job (the SDK's start-up, issue 17).
            report = mapper.readTree(stored.get().toFile());
        } else {
            try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                report = mapper.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            }
        }
        out.println();
        safeOut.println(report.path("summary").asText());
        for (JsonNode item : report.path("headline").path("items")) {
            safeOut.println("  - " + item.path("sentence").asText());
        }
        out.println();
        out.printf("Incidents per service, opened %s to %s:%n", report.path("window").path("from").asText(),
                report.path("window").path("to").asText());
        out.printf("  %-24s %8s %8s %8s%n", "service", "opened", "open", "resolved");
        for (JsonNode service : report.path("services").path("services")) {
            if (service.path("incidents").asInt() == 0) {
                continue;
            }
            safeOut.printf("  %-24s %8d %8d %8d%n", service.path("service").asText(), service.path("incidents").asInt(),
                    service.path("openIncidents").asInt(), service.path("resolvedIncidents").asInt());
        }
        out.println();
        out.println("Report in the local S3 (bucket " + bucket + "):");
        for (String name : List.of("portfolio.html", "portfolio.json", "portfolio-demands.csv",
                "portfolio-initiatives.csv", "portfolio-services.csv", "portfolio-sla.csv", "portfolio-capacity.csv",
                "portfolio-data-quality.csv")) {
            String objectKey = "reports/latest/" + name;
            out.println("  s3://" + bucket + "/" + objectKey);
        }
        out.println("  s3://" + bucket + "/reports/index.html (every report, newest first)");
        stack.objectFile(bucket, "reports/latest/portfolio.html").ifPresent(file ->
                out.println("Open it: " + root.relativize(file.toAbsolutePath().normalize())));
    }

    private List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(DEMO_WEBHOOKS))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The newest {@code sys_updated_on} of a sample body, whatever its shape. */
    private Instant newestUpdate(byte[] body) throws IOException {
        Instant newest = Instant.EPOCH;
        for (JsonNode value : mapper.readTree(body).findValues("sys_updated_on")) {
            String text = value.asText();
            if (text.length() == 19) {
                newest = max(newest, Instant.parse(text.replace(' ', 'T') + "Z"));
            }
        }
        return newest;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
