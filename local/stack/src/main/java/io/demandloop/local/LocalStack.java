package io.demandloop.local;

import io.demandloop.local.bus.LocalEventBus;
import io.demandloop.local.http.FunctionUrlServer;
import io.demandloop.local.provision.ProvisionRecord;
import io.demandloop.local.provision.ResourceProvisioner;
import io.demandloop.local.runtime.HostedFunction;
import io.demandloop.local.runtime.LocalFunctionRuntime;
import io.demandloop.local.schedule.LocalScheduler;
import io.demandloop.local.secrets.LocalSecretsManager;
import io.demandloop.local.servers.DynamoDbLocalServer;
import io.demandloop.local.servers.S3ProxyServer;
import io.demandloop.local.servers.SdkSettings;
import io.demandloop.local.sqs.LocalDeadLetterQueues;
import io.demandloop.local.template.FunctionDef;
import io.demandloop.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded AWS-compatible stack, built from {@code template.yaml}: DynamoDB Local and S3Proxy (child
 * processes, or endpoints given in {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL_S3}, e.g.
 * LocalStack), the template's tables and buckets, a local EventBridge routing to the template's functions
 * hosted in process, the template's schedules, and optionally the intake's Function URL on loopback.
 *
 * <p>The SDK's standard endpoint, region and credential settings are set as JVM system properties, so the
 * functions (and any SDK client in this JVM) reach these servers without knowing they are local.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** The SDK's system property for the Secrets Manager endpoint. */
    static final String SECRETS_MANAGER_ENDPOINT_PROPERTY = "aws.endpointUrlSecretsManager";
    static final String SQS_ENDPOINT_PROPERTY = "aws.endpointUrlSqs";

    /** The event log's file name in the state directory. */
    public static final String EVENT_LOG = "events.jsonl";
    /** The dead-letter file's name in the state directory. */
    public static final String DEAD_LETTERS = "dead-letters.jsonl";

    /**
     * This JVM's exit stops the stack in order (a shutdown hook of the caller's closes it): the server child processes
     * then wait for that stop instead of being killed at once when the exit begins.
     */
    public static void stopsInOrderAtExit() {
        io.demandloop.local.servers.ChildServerProcessAccess.stopInOrderAtExit();
    }

    /** The variable that names the configuration file the functions read ({@code DemandloopConfig}). */
    public static final String CONFIG_FILE_VARIABLE = "DEMANDLOOP_CONFIG_FILE";
    /** The configuration file of the repository, which the functions read locally unless the variable names another. */
    public static final String CONFIG_FILE = "config/demandloop.yaml";

    /**
     * The configuration file the local functions read: {@code DEMANDLOOP_CONFIG_FILE} from the host environment
     * (the launcher makes a relative one absolute from the user's working directory; one still relative here is
     * taken from the project root), else {@code config/demandloop.yaml} when it exists;
     * empty means the copy packaged into the jars.
     */
    public static Optional<Path> configFile(Path projectRoot, Map<String, String> hostEnvironment) {
        String named = hostEnvironment.get(CONFIG_FILE_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(projectRoot.resolve(named.trim()).toAbsolutePath().normalize());
        }
        Path file = projectRoot.resolve(CONFIG_FILE).toAbsolutePath().normalize();
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The stack name the local physical names derive from. */
    public static final String STACK_NAME = "demandloop";

    /**
     * How to start the stack.
     *
     * @param projectRoot     the repository root (holds template.yaml and the built jars)
     * @param stateDir        where data persists (DynamoDB, S3 objects, event log); empty = all in memory
     * @param hostEnvironment the environment the template's parameters are read from (usually System.getenv())
     * @param webhookPort     serve the Function URL on this port (0 = any); empty = no Function URL
     */
    public record Options(Path projectRoot, Optional<Path> stateDir, Map<String, String> hostEnvironment,
                          OptionalInt webhookPort) {
        public Options {
            Objects.requireNonNull(projectRoot, "projectRoot");
            hostEnvironment = Map.copyOf(hostEnvironment);
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    /** The server child processes: stopped last, after everything that uses them, and together. */
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, String> systemProperties = new HashMap<>();
    private SamTemplate template;
    private DynamoDbLocalServer dynamoDbServer;
    private S3ProxyServer s3Server;
    private URI dynamoDbEndpoint;
    private URI s3Endpoint;
    private LocalFunctionRuntime runtime;
    private LocalEventBus bus;
    private LocalScheduler scheduler;
    private FunctionUrlServer functionUrl;
    private LocalSecretsManager secretsManager;
    private Path stateDir;
    /** The local SQS endpoint: this stack's own, or the owner's when attached. */
    private URI sqsEndpoint;
    /** Attached to another process's stack: its Secrets Manager, and its S3 data folder when on disk. */
    private URI attachedSecretsManager;
    private Optional<Path> attachedS3Data = Optional.empty();

    private LocalStack() {
    }

    /**
     * The endpoints of a stack that another process runs ({@code serve}), for {@link #attach}.
     *
     * @param dynamoDb       its DynamoDB
     * @param s3             its S3
     * @param eventBridge    its local bus
     * @param secretsManager its local Secrets Manager
     * @param sqs            its local SQS endpoint (the bus rules' dead-letter queue depths, which the report reads)
     */
    public record Endpoints(URI dynamoDb, URI s3, URI eventBridge, URI secretsManager, URI sqs) {
        public Endpoints {
            Objects.requireNonNull(dynamoDb, "dynamoDb");
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(eventBridge, "eventBridge");
            Objects.requireNonNull(secretsManager, "secretsManager");
            Objects.requireNonNull(sqs, "sqs");
        }
    }

    /**
     * Hosts the template's functions on the servers and bus of a stack that another process runs ({@code serve}):
     * no server, no bus and no provisioning of its own, so that a job fired here starts in the time its own JVM and
     * function take (issue 17). What the functions publish goes to that bus, which delivers it on its own threads, so
     * {@link #awaitIdle} returns at once; {@link #bus()} is null. The caller makes sure the owner runs and holds the
     * state (its published endpoints); {@code options.webhookPort()} must be empty.
     */
    public static LocalStack attach(Options options, Endpoints owner) {
        if (options.webhookPort().isPresent()) {
            throw new IllegalArgumentException("an attached stack serves no Function URL");
        }
        LocalStack stack = new LocalStack();
        try {
            stack.attachTo(options, owner);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void attachTo(Options options, Endpoints owner) {
        Path root = options.projectRoot();
        stateDir = options.stateDir().orElse(null);
        attachedS3Data = options.stateDir().map(d -> d.resolve("s3"));
        template = SamTemplate.load(root.resolve("template.yaml"), STACK_NAME, options.hostEnvironment());
        dynamoDbEndpoint = owner.dynamoDb();
        s3Endpoint = owner.s3();
        attachedSecretsManager = owner.secretsManager();
        runtime = new LocalFunctionRuntime(hostedFunctions(root, options), 4, Clock.systemUTC());
        resources.add(runtime);
        applySystemProperties(SdkSettings.sdkSystemProperties(dynamoDbEndpoint, s3Endpoint, owner.eventBridge()));
        applySystemProperties(Map.of(SECRETS_MANAGER_ENDPOINT_PROPERTY, owner.secretsManager().toString()));
        // The report reads the dead-letter depths from the owner's SQS endpoint, which counts its bus's dead letters;
        // without it the SDK would ask the real SQS and the report would say "not available".
        sqsEndpoint = owner.sqs();
        applySystemProperties(Map.of(SQS_ENDPOINT_PROPERTY, sqsEndpoint.toString()));
        scheduler = new LocalScheduler(template, runtime);
        resources.add(scheduler);
        LOG.info("attached to the running stack: dynamodb {}, s3 {}, bus {}", dynamoDbEndpoint, s3Endpoint,
                owner.eventBridge());
    }

    private List<HostedFunction> hostedFunctions(Path root, Options options) {
        // Each run reads the configuration file as it is now, not the copy packaged into the jars at build time.
        Optional<Path> configFile = configFile(root, options.hostEnvironment());
        configFile.ifPresent(file -> LOG.info("functions read the configuration from {}", file));
        List<HostedFunction> functions = new ArrayList<>();
        for (FunctionDef function : template.functions()) {
            Map<String, String> environment = new HashMap<>(function.environment());
            configFile.ifPresent(file -> environment.put(CONFIG_FILE_VARIABLE, file.toString()));
            functions.add(new HostedFunction(function.logicalId(), function.codeUri(), function.handler(),
                    environment, function.timeoutSeconds(), function.memoryMb()));
        }
        return functions;
    }

    /** Starts everything; on any failure, stops what was started and throws. */
    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options) {
        Path root = options.projectRoot();
        stateDir = options.stateDir().orElse(null);
        Path logs = logsDir(options);

        String externalDynamoDb = external(options.hostEnvironment(), "AWS_ENDPOINT_URL_DYNAMODB");
        String externalS3 = external(options.hostEnvironment(), "AWS_ENDPOINT_URL_S3");
        CompletableFuture<DynamoDbLocalServer> dynamoDb = externalDynamoDb != null ? null
                : CompletableFuture.supplyAsync(() -> DynamoDbLocalServer.start(root,
                        options.stateDir().map(d -> d.resolve("dynamodb")), logs.resolve("dynamodb-local.log")));
        CompletableFuture<S3ProxyServer> s3 = externalS3 != null ? null
                : CompletableFuture.supplyAsync(() -> S3ProxyServer.start(root,
                        options.stateDir().map(d -> d.resolve("s3")), logs.resolve("s3proxy.log")));
        // The servers start in their own JVMs meanwhile: the template is read, and the parts of the stack that need no
        // server (the runtime, the local Secrets Manager, the bus) are set up while they come up.
        try {
            template = SamTemplate.load(root.resolve("template.yaml"), STACK_NAME, options.hostEnvironment());
            runtime = new LocalFunctionRuntime(hostedFunctions(root, options), 4, Clock.systemUTC());
            resources.add(runtime);
            // Before the bus, so that it is still there while the bus drains at a stop.
            secretsManager = LocalSecretsManager.start(template, options.hostEnvironment());
            resources.add(secretsManager);
            bus = LocalEventBus.start(template, runtime,
                    options.stateDir().map(d -> d.resolve(EVENT_LOG)),
                    options.stateDir().map(d -> d.resolve(DEAD_LETTERS)));
            resources.add(bus);
            // The rules' dead letters as SQS queue depths, for the report's data quality section (docs/reports.md).
            LocalDeadLetterQueues deadLetterQueues = LocalDeadLetterQueues.start(template, STACK_NAME,
                    options.stateDir().map(d -> d.resolve(DEAD_LETTERS)), LocalEventBus.REDRIVE_FILE);
            resources.add(deadLetterQueues);
            sqsEndpoint = deadLetterQueues.endpoint();
        } catch (RuntimeException e) {
            stopWhenStarted(dynamoDb);
            stopWhenStarted(s3);
            throw e;
        }
        try {
            dynamoDbServer = join(dynamoDb);
        } catch (RuntimeException e) {
            stopWhenStarted(s3);
            throw e;
        }
        if (dynamoDbServer != null) {
            servers.add(dynamoDbServer);
        }
        s3Server = join(s3);
        if (s3Server != null) {
            servers.add(s3Server);
        }
        dynamoDbEndpoint = dynamoDbServer != null ? dynamoDbServer.endpoint() : URI.create(externalDynamoDb);
        s3Endpoint = s3Server != null ? s3Server.endpoint() : URI.create(externalS3);

        applySystemProperties(SdkSettings.sdkSystemProperties(dynamoDbEndpoint, s3Endpoint, bus.endpoint()));
        applySystemProperties(Map.of(SECRETS_MANAGER_ENDPOINT_PROPERTY, secretsManager.endpoint().toString()));
        applySystemProperties(Map.of(SQS_ENDPOINT_PROPERTY, sqsEndpoint.toString()));
        provision();
        // What was accepted before a crash or an interrupted stop and not delivered goes out now.
        // (The bus logs how many.)
        bus.replayPending();

        scheduler = new LocalScheduler(template, runtime);
        resources.add(scheduler);

        if (options.webhookPort().isPresent()) {
            FunctionDef intake = template.functions().stream().filter(FunctionDef::functionUrl).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no function in template.yaml has a FunctionUrlConfig"));
            try {
                functionUrl = FunctionUrlServer.start(options.webhookPort().getAsInt(), runtime, intake.logicalId());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve the Function URL on port " + options.webhookPort().getAsInt()
                        + ": " + e.getMessage(), e);
            }
            resources.add(functionUrl);
        }
        LOG.info("local stack up: dynamodb {}, s3 {}, bus {}", dynamoDbEndpoint, s3Endpoint, bus.endpoint());
    }

    private void provision() {
        // On a persisted state of our own servers, a record beside the database says whether this template's tables
        // and buckets are there already; then there is nothing to ask the servers.
        Optional<Path> dynamoDbData = dynamoDbServer != null ? dynamoDbServer.dataDir() : Optional.empty();
        Optional<Path> s3Data = s3Server != null ? s3Server.dataDir() : Optional.empty();
        String fingerprint = ProvisionRecord.fingerprint(template.tables(), template.buckets());
        if (dynamoDbData.isPresent() && s3Data.isPresent() && ProvisionRecord.isCurrent(dynamoDbData.get(),
                dynamoDbData.get().resolve(DynamoDbLocalServer.SHARED_DB_FILE), s3Data.get(), template.buckets(), fingerprint)) {
            LOG.debug("tables and buckets provisioned already ({})", fingerprint);
            return;
        }
        provisionOnServers();
        if (dynamoDbData.isPresent() && s3Data.isPresent()) {
            ProvisionRecord.record(dynamoDbData.get(), fingerprint);
        }
    }

    private void provisionOnServers() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
             S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            ResourceProvisioner provisioner = new ResourceProvisioner(dynamoDb, s3);
            provisioner.provisionTables(template.tables());
            provisioner.provisionBuckets(template.buckets());
        }
    }

    private static Path logsDir(Options options) {
        try {
            Path logs = options.stateDir().isPresent() ? options.stateDir().get().resolve("logs")
                    : Files.createTempDirectory("demandloop-logs");
            Files.createDirectories(logs);
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory: " + e.getMessage(), e);
        }
    }

    private static String external(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get("AWS_ENDPOINT_URL");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A server whose start is no longer wanted is stopped once it has started (or failed to). */
    private static void stopWhenStarted(CompletableFuture<? extends AutoCloseable> future) {
        if (future != null) {
            future.whenComplete((server, failure) -> {
                if (server != null) {
                    try {
                        server.close();
                    } catch (Exception e) {
                        LOG.warn("stopping {}: {}", server, e.getMessage());
                    }
                }
            }).exceptionally(failure -> null).join();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        if (future == null) {
            return null;
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw e;
        }
    }

    private void applySystemProperties(Map<String, String> properties) {
        properties.forEach((name, value) -> {
            systemProperties.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    /** The template the stack was built from. */
    public SamTemplate template() {
        return template;
    }

    /** The DynamoDB endpoint. */
    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The S3 endpoint. */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** The local Secrets Manager's endpoint. */
    public URI secretsManagerEndpoint() {
        return secretsManager != null ? secretsManager.endpoint() : attachedSecretsManager;
    }

    /** The local SQS endpoint (GetQueueAttributes of the bus rules' dead-letter queues); the owner's when attached. */
    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** The local bus; null when attached to another process's stack. */
    public LocalEventBus bus() {
        return bus;
    }

    /** The schedules of the template. */
    public LocalScheduler scheduler() {
        return scheduler;
    }

    /** The hosted functions. */
    public LocalFunctionRuntime runtime() {
        return runtime;
    }

    /** The Function URL's base, when served. */
    public Optional<URI> webhookUrl() {
        return Optional.ofNullable(functionUrl).map(FunctionUrlServer::url);
    }

    /** Where data persists; empty when in memory. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /** The file an S3 object is kept in, when S3 is the embedded server on disk. */
    public Optional<Path> objectFile(String bucket, String key) {
        if (s3Server != null) {
            return s3Server.dataDir().isPresent() ? Optional.of(s3Server.objectFile(bucket, key)) : Optional.empty();
        }
        // Attached: the owner's S3Proxy keeps objects as plain files under the state's s3 folder, when it has one.
        return attachedS3Data.filter(Files::isDirectory).map(data -> S3ProxyServer.objectFile(data, bucket, key));
    }

    /** Waits until every event routed on the bus has been handled. */
    public boolean awaitIdle(Duration timeout) {
        // Attached: the owner's bus delivers on its own threads, and this process cannot see when it is done.
        return bus == null || bus.awaitIdle(timeout);
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", resources.get(i), e.getMessage());
            }
        }
        resources.clear();
        // Each server's stop waits for its JVM to exit: side by side (a thread each, as they wait on processes, not on
        // CPU), a command's end waits for the slower one only.
        List<Thread> stops = servers.stream().map(server -> new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", server, e.getMessage());
            }
        }, "stop-" + server)).toList();
        stops.forEach(Thread::start);
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        systemProperties.forEach((name, previous) -> {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        });
        systemProperties.clear();
    }
}
