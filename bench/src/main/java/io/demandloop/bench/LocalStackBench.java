package io.demandloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The local stack's own commands, timed (issue 17; docs/PERFORMANCE.md has the command and the figures). Every step
 * runs {@code ./demandloop} as a user does, each with a state directory of its own under {@code --work}:
 *
 * <ul>
 *   <li>{@code deliveries}: {@code serve}, then distinct ServiceNow deliveries over keep-alive connections from 1 and
 *       from 16 clients (latency percentiles, deliveries a second), each checked stored in the tickets table, and the
 *       time from the last acknowledgement until the last one is stored;</li>
 *   <li>{@code hops}: with that {@code serve} running, each loopback hop alone from an SDK client with the URL-connection
 *       HTTP client the functions use (DynamoDB Local, S3Proxy, the local bus, the local Secrets Manager) and the
 *       Function URL, sequential calls, latency percentiles: a Nagle stall shows as about 40 ms;</li>
 *   <li>{@code query}: {@code query demand --service none} without {@code serve} and through a running one;</li>
 *   <li>{@code job}: {@code run portfolio-report} on a state with a database; the fixed cost is the wall time minus
 *       the job's own time, which the command prints;</li>
 *   <li>{@code demo}: {@code ./demandloop demo} on a fresh state;</li>
 *   <li>{@code evaluation}: {@code demo --services S --tickets T}, then {@code run demand-evaluation} as of the demo's
 *       instant, its own time as the command prints it.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.demandloop.bench.LocalStackBench [--root .] [--work DIR]
 * [--runs 5] [--deliveries 2000] [--port 8791] [--services 200] [--tickets 10000] [step...]}. Loopback only; every
 * load is bounded in count and time.
 */
public final class LocalStackBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ANSWERED_MS = Pattern.compile("answered in (\\d+) ms");
    private static final Pattern EVALUATION_MS = Pattern.compile("demand-evaluation answered in (\\d+) ms");
    private static final Pattern AS_OF = Pattern.compile("Running the demand-evaluation job as of (\\S+) ");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
    /** The template's webhook secret, by the name the local stack gives it. */
    private static final String WEBHOOK_SECRETS = "demandloop-WebhookSecrets";

    private final Path root;
    private final Path work;
    private final int runs;
    private final int deliveries;
    private final int port;
    private final int services;
    private final int tickets;
    private final AtomicInteger nextTicket = new AtomicInteger();

    private LocalStackBench(Map<String, String> options) {
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        this.work = Path.of(options.getOrDefault("work", "/tmp/perf-state-bench")).toAbsolutePath();
        this.runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        this.deliveries = Integer.parseInt(options.getOrDefault("deliveries", "2000"));
        this.port = Integer.parseInt(options.getOrDefault("port", "8791"));
        this.services = Integer.parseInt(options.getOrDefault("services", "200"));
        this.tickets = Integer.parseInt(options.getOrDefault("tickets", "10000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                steps.add(args[i]);
            }
        }
        if (steps.isEmpty()) {
            steps = List.of("deliveries", "hops", "query", "job", "demo", "evaluation");
        }
        LocalStackBench bench = new LocalStackBench(options);
        report("machine: %d cores, load average %s, %s", Runtime.getRuntime().availableProcessors(), loadAverage(),
                System.getProperty("java.vm.version"));
        // A first command builds the launcher if the sources changed; none of the steps should pay for that.
        bench.demandloop(bench.state("build"), "help");
        if (steps.contains("deliveries") || steps.contains("hops")) {
            bench.deliveriesAndHops(steps.contains("deliveries"), steps.contains("hops"));
        }
        for (String step : steps) {
            switch (step) {
                case "deliveries", "hops" -> { }
                case "query" -> bench.query();
                case "job" -> bench.job();
                case "demo" -> bench.demo();
                case "evaluation" -> bench.evaluation();
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        }
        report("done, load average %s", loadAverage());
    }

    // ---- deliveries and hops ---------------------------------------------------------------------------------------

    private void deliveriesAndHops(boolean deliveriesToo, boolean hops) throws Exception {
        Path state = state("serve");
        try (Serve serve = new Serve(state)) {
            Endpoints endpoints = serve.endpoints();
            URI hooks = URI.create(endpoints.webhooks()).resolve("hooks/servicenow");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (DynamoDbClient dynamoDb = dynamoDb(endpoints.dynamoDb())) {
                String table = dynamoDb.listTables().tableNames().stream().filter(n -> n.contains("TicketsTable"))
                        .findFirst().orElseThrow();
                send(http, hooks, 4, 100, new ArrayList<>());
                awaitStored(dynamoDb, table, nextTicket.get(), Duration.ofMinutes(2));
                if (deliveriesToo) {
                    for (int clients : new int[] {1, 16}) {
                        int count = clients == 1 ? Math.min(deliveries, 500) : deliveries;
                        List<Long> latencies = new ArrayList<>();
                        Map<String, Long> cpuBefore = serve.cpuNanos();
                        long started = System.nanoTime();
                        send(http, hooks, clients, count, latencies);
                        long lastAck = System.nanoTime();
                        double seconds = (lastAck - started) / 1e9;
                        double storedAfter = awaitStored(dynamoDb, table, nextTicket.get(), Duration.ofMinutes(3));
                        report("deliveries, %2d client(s): CPU per stored delivery %s; load average %s", clients,
                                cpuPerDelivery(cpuBefore, serve.cpuNanos(), count), loadAverage());
                        report("deliveries, %2d client(s): %d acknowledged in %.1f s = %.0f/s; latency %s; all stored %s s"
                                        + " after the last acknowledgement", clients, count, seconds, count / seconds,
                                percentiles(latencies), storedAfter < 0 ? "NOT within 180" : String.format(Locale.ROOT,
                                        "%.1f", storedAfter));
                    }
                }
                if (hops) {
                    hops(endpoints, http, hooks, dynamoDb, table);
                }
            }
        }
    }

    private void hops(Endpoints endpoints, HttpClient http, URI hooks, DynamoDbClient dynamoDb, String table)
            throws Exception {
        int calls = 200;
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("servicenow#incident#none"));
        hop("DynamoDB Local GetItem (SDK, URL connection)", calls, () -> dynamoDb.getItem(b -> b.tableName(table).key(key)));
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoints.s3())).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String bucket = s3.listBuckets().buckets().get(0).name();
            hop("S3Proxy ListObjectsV2 (SDK, URL connection)", calls, () -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)));
        }
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(URI.create(endpoints.eventBridge()))
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            // A source no rule matches: the bus logs it (with its fsync) and delivers nothing.
            PutEventsRequestEntry entry = PutEventsRequestEntry.builder().eventBusName("default").source("bench.hop")
                    .detailType("Hop").detail("{}").build();
            hop("local bus PutEvents (SDK, URL connection, fsync)", calls, () -> events.putEvents(b -> b.entries(entry)));
        }
        if (endpoints.secretsManager() != null) {
            try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                    .endpointOverride(URI.create(endpoints.secretsManager())).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
                hop("local Secrets Manager GetSecretValue (SDK, URL connection)", calls,
                        () -> secrets.getSecretValue(b -> b.secretId(WEBHOOK_SECRETS)));
            }
        } else {
            report("hop local Secrets Manager: endpoint not published by this version");
        }
        hop("Function URL POST (java.net.http, keep-alive; intake, PutEvents, fsync)", calls, () -> {
            List<Long> ignored = new ArrayList<>();
            try {
                send(http, hooks, 1, 1, ignored);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private void hop(String name, int calls, Supplier<?> call) {
        for (int i = 0; i < 20; i++) {
            call.get();
        }
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            call.get();
            latencies.add(System.nanoTime() - started);
        }
        report("hop %-72s %s", name, percentiles(latencies));
    }

    private void send(HttpClient http, URI hooks, int clients, int count, List<Long> latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger left = new AtomicInteger(count);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                    int n = nextTicket.getAndIncrement();
                    String body = String.format(Locale.ROOT, "{\"sys_id\":\"be0c%028d\",\"sys_class_name\":\"incident\","
                            + "\"number\":\"INC8%06d\",\"short_description\":\"Bench\",\"business_service\":\"Bench\","
                            + "\"priority\":\"3\",\"state\":\"1\",\"opened_at\":\"2026-11-16 08:02:11\","
                            + "\"sys_updated_on\":\"2026-11-16 08:02:11\",\"sys_mod_count\":\"0\"}", n, n);
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(hooks)
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer bench").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    mine.add(System.nanoTime() - started);
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("delivery " + n + " answered " + response.statusCode() + ": "
                                + response.body());
                    }
                }
                synchronized (latencies) {
                    latencies.addAll(mine);
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seconds until the table holds {@code expected} items, or -1 when the timeout passed first. */
    private static double awaitStored(DynamoDbClient dynamoDb, String table, int expected, Duration timeout)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            count = dynamoDb.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
                    .mapToLong(ScanResponse::count).sum();
            if (count >= expected) {
                return (System.nanoTime() - started) / 1e9;
            }
            // Not too often: each count is a Scan on DynamoDB Local's one SQLite thread, which the writes need too.
            Thread.sleep(250);
        }
        report("stored %d of %d when the wait ended", count, expected);
        return -1;
    }

    // ---- commands --------------------------------------------------------------------------------------------------

    private void query() throws Exception {
        Path state = state("query");
        demandloop(state, "run", "portfolio-report", "--at", "2026-11-20");
        List<Long> cold = new ArrayList<>();
        List<Long> coldCpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Result result = demandloop(state, "query", "demand", "--service", "none");
            cold.add(result.millis());
            coldCpu.add(result.cpuMillis());
        }
        report("query demand --service none, no serve running: %s; CPU %s", medianOf(cold), medianOf(coldCpu));
        try (Serve serve = new Serve(state)) {
            serve.endpoints();
            List<Long> through = new ArrayList<>();
            List<Long> throughCpu = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Result result = demandloop(state, "query", "demand", "--service", "none");
                through.add(result.millis());
                throughCpu.add(result.cpuMillis());
            }
            report("query demand --service none, through a running serve: %s; CPU %s", medianOf(through),
                    medianOf(throughCpu));
        }
    }

    private void job() throws Exception {
        Path state = state("job");
        demandloop(state, "run", "portfolio-report", "--at", "2026-11-20");
        List<Long> wall = new ArrayList<>();
        List<Long> fixed = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Result result = demandloop(state, "run", "portfolio-report", "--at", "2026-11-20");
            wall.add(result.millis());
            fixed.add(result.millis() - result.jobMillis());
            own.add(result.jobMillis());
            cpu.add(result.cpuMillis());
        }
        report("run portfolio-report (empty state): wall %s; the job %s; fixed cost (wall minus the job) %s; CPU %s",
                medianOf(wall), medianOf(own), medianOf(fixed), medianOf(cpu));
        // The same while serve holds the state (a version that refuses it says so).
        try (Serve serve = new Serve(state)) {
            serve.endpoints();
            wall.clear();
            fixed.clear();
            own.clear();
            cpu.clear();
            for (int i = 0; i < runs; i++) {
                Result result;
                try {
                    result = demandloop(state, "run", "portfolio-report", "--at", "2026-11-20");
                } catch (IllegalStateException refused) {
                    report("run portfolio-report while serve runs: refused (%s)", refused.getMessage().lines()
                            .filter(line -> line.startsWith("demandloop:")).findFirst().orElse("failed"));
                    return;
                }
                wall.add(result.millis());
                fixed.add(result.millis() - result.jobMillis());
                own.add(result.jobMillis());
                cpu.add(result.cpuMillis());
            }
            report("run portfolio-report while serve runs: wall %s; the job %s; fixed cost (wall minus the job) %s; CPU %s",
                    medianOf(wall), medianOf(own), medianOf(fixed), medianOf(cpu));
        }
    }

    private void demo() throws Exception {
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < Math.min(runs, 3); i++) {
            Path state = state("demo-" + i);
            Result result = demandloop(state, "demo");
            wall.add(result.millis());
            cpu.add(result.cpuMillis());
        }
        report("demo (fresh state): %s; CPU %s", medianOf(wall), medianOf(cpu));
    }

    private void evaluation() throws Exception {
        Path state = state("evaluation");
        Result demo = demandloop(state, "demo", "--services", Integer.toString(services), "--tickets", Integer.toString(tickets));
        Matcher asOf = AS_OF.matcher(demo.output());
        if (!asOf.find()) {
            throw new IllegalStateException("the demo did not say its instant:\n" + demo.output());
        }
        Matcher loaded = Pattern.compile("(\\d+) tickets and (\\d+) alert episodes written").matcher(demo.output());
        report("demo --services %d --tickets %d: %s (%s, CPU %s); first evaluation %d ms", services, tickets,
                loaded.find() ? loaded.group() : "?", duration(demo.millis()), duration(demo.cpuMillis()), demo.jobMillis());
        List<Long> wall = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Result result = demandloop(state, "run", "demand-evaluation", "--at", asOf.group(1));
            wall.add(result.millis());
            own.add(result.jobMillis());
            cpu.add(result.cpuMillis());
        }
        report("run demand-evaluation at that scale (again, nothing new to write): wall %s; the evaluation itself %s;"
                + " CPU %s", medianOf(wall), medianOf(own), medianOf(cpu));
    }

    // ---- processes -------------------------------------------------------------------------------------------------

    /** Wall time, the job's own time as the command printed it, CPU time of the command and its servers. */
    private record Result(long millis, long jobMillis, long cpuMillis, String output) {
    }

    private Result demandloop(Path state, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        Path cpu = state.resolveSibling(state.getFileName() + ".cpu");
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            // CPU seconds of the launcher and of the server JVMs it waited for: less noisy than wall time on a busy machine.
            command.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpu.toString()));
        }
        command.add(root.resolve("demandloop").toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("DEMANDLOOP_STATE_DIR", state.toString());
        Path output = state.resolveSibling(state.getFileName() + ".out");
        builder.redirectOutput(output.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("demandloop " + String.join(" ", args) + " did not finish in " + COMMAND_TIMEOUT);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("demandloop " + String.join(" ", args) + " exited " + process.exitValue()
                    + ":\n" + text);
        }
        // The job's own time as the command printed it; for demo, the evaluation's.
        long job = 0;
        Matcher matcher = (args[0].equals("demo") ? EVALUATION_MS : ANSWERED_MS).matcher(text);
        if (matcher.find()) {
            job = Long.parseLong(matcher.group(1));
        }
        long cpuMillis = -1;
        if (timed && Files.isRegularFile(cpu)) {
            String[] times = Files.readString(cpu).trim().split("\\s+");
            cpuMillis = Math.round((Double.parseDouble(times[times.length - 2]) + Double.parseDouble(times[times.length - 1])) * 1000);
        }
        return new Result(millis, job, cpuMillis, text);
    }

    private record Endpoints(String dynamoDb, String s3, String eventBridge, String secretsManager, String webhooks) {
    }

    /** {@code ./demandloop serve} on a state directory, stopped (SIGTERM, an orderly stop) at close. */
    private final class Serve implements AutoCloseable {
        private final Path state;
        private final Process process;

        Serve(Path state) throws IOException {
            this.state = state;
            ProcessBuilder builder = new ProcessBuilder(root.resolve("demandloop").toString(), "serve", "--port",
                    Integer.toString(port)).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().put("DEMANDLOOP_STATE_DIR", state.toString());
            builder.environment().put("DEMANDLOOP_SECRET_SERVICENOW", "bench");
            builder.redirectOutput(state.resolveSibling(state.getFileName() + ".serve.out").toFile());
            this.process = builder.start();
        }

        /**
         * CPU nanoseconds so far of the launcher ({@code serve} execs its JVM) and of each server child, by a short
         * name; the harness's own polling (a Scan every 250 ms) lands in DynamoDB Local's share.
         */
        Map<String, Long> cpuNanos() {
            Map<String, Long> cpu = new java.util.TreeMap<>();
            ProcessHandle launcher = process.toHandle();
            cpu.put("launcher", launcher.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L));
            cpu.put("launcher JIT", threadNanos(launcher.pid(), COMPILER_THREADS));
            cpu.put("launcher GC", threadNanos(launcher.pid(), GC_THREADS));
            launcher.descendants().forEach(child -> {
                String line;
                try {
                    line = Files.readString(Path.of("/proc", Long.toString(child.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    line = child.info().commandLine().orElse("");
                }
                String name = line.contains("DynamoDb") || line.contains("dynamodb") ? "DynamoDB Local"
                        : line.contains("S3Proxy") || line.contains("s3proxy") ? "S3Proxy" : "pid " + child.pid();
                cpu.merge(name, child.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L), Long::sum);
                cpu.merge(name + " JIT", threadNanos(child.pid(), COMPILER_THREADS), Long::sum);
                cpu.merge(name + " GC", threadNanos(child.pid(), GC_THREADS), Long::sum);
            });
            return cpu;
        }

        private static final Pattern COMPILER_THREADS = Pattern.compile("C[12] Compiler.*");
        /** The serial collector runs in the VM thread; the others in GC threads of their own. */
        private static final Pattern GC_THREADS = Pattern.compile("VM Thread|GC Thread.*|G1 .*");

        /**
         * CPU nanoseconds so far of those threads of a JVM whose names match (Linux {@code /proc}; -1 elsewhere). A
         * thread that ended (the JVM stops idle compiler threads) takes its share with it.
         */
        private static long threadNanos(long pid, Pattern names) {
            Path tasks = Path.of("/proc", Long.toString(pid), "task");
            long ticks = 0;
            try (var threads = Files.list(tasks)) {
                for (Path task : threads.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (names.matcher(name).matches()) {
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        }

        Endpoints endpoints() throws Exception {
            Path file = state.resolve("endpoints.json");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (Files.isRegularFile(file)) {
                    JsonNode json = MAPPER.readTree(file.toFile());
                    if (json.hasNonNull("webhooks")) {
                        return new Endpoints(json.path("dynamodb").asText(), json.path("s3").asText(),
                                json.path("eventbridge").asText(),
                                json.hasNonNull("secretsmanager") ? json.path("secretsmanager").asText() : null,
                                json.path("webhooks").asText());
                    }
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("serve did not publish its endpoints on " + state);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Path state(String name) throws IOException {
        Path state = work.resolve(name);
        if (Files.exists(state)) {
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(work);
        return state;
    }

    private static DynamoDbClient dynamoDb(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n %d)",
                at(sorted, 0.5) / 1e6, at(sorted, 0.9) / 1e6, at(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6,
                sorted.length);
    }

    private static String cpuPerDelivery(Map<String, Long> before, Map<String, Long> after, int count) {
        StringBuilder text = new StringBuilder();
        after.forEach((name, nanos) -> {
            Long was = before.get(name);
            if (was != null && was >= 0 && nanos >= 0) {
                // A thread group's count falls when one of its threads ended (idle compiler threads do): unknown then.
                text.append(text.length() == 0 ? "" : ", ").append(nanos < was ? name + " n/a"
                        : String.format(Locale.ROOT, "%s %.2f ms", name, (nanos - was) / 1e6 / count));
            }
        });
        return text.toString();
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String medianOf(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %s (min %s, max %s, n %d)", duration(sorted[(sorted.length - 1) / 2]),
                duration(sorted[0]), duration(sorted[sorted.length - 1]), sorted.length);
    }

    private static String duration(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void report(String format, Object... args) {
        System.out.printf(Locale.ROOT, "BENCH " + format + "%n", args);
        System.out.flush();
    }
}
