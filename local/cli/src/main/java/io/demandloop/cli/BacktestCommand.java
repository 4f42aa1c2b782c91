package io.demandloop.cli;

import io.demandloop.local.LocalStack;
import io.demandloop.local.servers.DynamoDbLocalServer;
import io.demandloop.local.servers.SdkSettings;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandBacktest;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.DemandInputs;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.TicketRepository;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./demandloop demand backtest --from D1 --to D2 [--every P1D]}: replays the nightly demand evaluation over the
 * stored history ({@link DemandBacktest}). It reads the history once, by the nightly reader's Queries over
 * {@code [D1 − 2 × longest window, D2)}, evaluates each night in memory and prints what each tier would have received,
 * which demands were new and which changed tier. It writes nothing: no table is written, no event is published.
 * Parsing and running live here, apart from the other commands; {@link DemandloopCli} only hands it its arguments.
 */
final class BacktestCommand {

    static final String USAGE = "usage: ./demandloop demand backtest --from <date> --to <date> [--every <ISO-8601 duration, default P1D>]";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path root;

    BacktestCommand(PrintStream out, PrintStream err, Map<String, String> environment, Path root) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.root = root;
    }

    /** Whether the command line is this command's. */
    static boolean handles(String[] args) {
        return args.length >= 2 && args[0].equals("demand") && args[1].equals("backtest");
    }

    /**
     * The parsed options.
     *
     * @param from  the first night
     * @param to    the last night (included)
     * @param every the step between nights
     */
    record Options(Instant from, Instant to, Duration every) {

        /** Parses the arguments after {@code demand backtest}; a wrong one fails with its name. */
        static Options parse(List<String> args) throws UsageException {
            Instant from = null;
            Instant to = null;
            Duration every = Duration.ofDays(1);
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (!List.of("--from", "--to", "--every").contains(option)) {
                    throw new UsageException("demand backtest does not take '" + option + "'");
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException("demand backtest: " + option + " needs a value");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--from" -> from = instant(option, value);
                    case "--to" -> to = instant(option, value);
                    default -> every = duration(value);
                }
            }
            if (from == null || to == null) {
                throw new UsageException("demand backtest needs " + (from == null ? "--from" : "--to") + " <date>");
            }
            if (to.isBefore(from)) {
                throw new UsageException("demand backtest: --to " + to + " is before --from " + from);
            }
            return new Options(from, to, every);
        }

        private static Instant instant(String option, String value) throws UsageException {
            try {
                return CommandLine.parseInstant(value);
            } catch (UsageException e) {
                throw new UsageException("demand backtest: " + option + " must be a date (2016-06-01) or an instant"
                        + " (2016-06-01T05:00:00Z), got '" + value + "'");
            }
        }

        private static Duration duration(String value) throws UsageException {
            Duration every;
            try {
                every = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException("demand backtest: --every must be an ISO-8601 duration such as P1D or PT12H,"
                        + " got '" + value + "'");
            }
            if (every.isZero() || every.isNegative()) {
                throw new UsageException("demand backtest: --every must be positive, got '" + value + "'");
            }
            return every;
        }
    }

    /** Runs the command: exit 0, 1 when it failed, 2 for a wrong command line (one line on standard error). */
    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args).subList(2, args.length));
        } catch (UsageException e) {
            err.println("demandloop: " + e.getMessage() + " (" + USAGE + ")");
            return DemandloopCli.EXIT_USAGE;
        }
        Path stateDir = environment.containsKey(DemandloopCli.STATE_DIR_VARIABLE)
                ? Path.of(environment.get(DemandloopCli.STATE_DIR_VARIABLE)).toAbsolutePath() : root.resolve(".demandloop");
        try (StateLock lock = StateLock.tryAcquire(stateDir)) {
            DemandloopConfig config = config();
            SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of());
            if (lock == null) {
                Optional<URI> running = RunningStack.dynamoDbOfLiveOwner(stateDir);
                if (running.isEmpty()) {
                    err.println("demandloop: another demandloop process is starting or stopping on " + stateDir
                            + "; retry in a moment");
                    return DemandloopCli.EXIT_FAILED;
                }
                try (DynamoDbClient dynamoDb = localClient(running.get())) {
                    return backtest(dynamoDb, template, config, options);
                }
            }
            if (!Files.isDirectory(stateDir.resolve("dynamodb"))) {
                err.println("demandloop: nothing is stored under " + stateDir + " yet: import or run the demo first");
                return DemandloopCli.EXIT_FAILED;
            }
            Files.createDirectories(stateDir.resolve("logs"));
            try (DynamoDbLocalServer server = DynamoDbLocalServer.start(root, Optional.of(stateDir.resolve("dynamodb")),
                    stateDir.resolve("logs/dynamodb-local.log"));
                 DynamoDbClient dynamoDb = localClient(server.endpoint())) {
                return backtest(dynamoDb, template, config, options);
            }
        } catch (Exception e) {
            err.println("demandloop: demand backtest failed: " + e.getMessage());
            return DemandloopCli.EXIT_FAILED;
        }
    }

    private int backtest(DynamoDbClient dynamoDb, SamTemplate template, DemandloopConfig config, Options options) {
        run(new DynamoDbTicketRepository(dynamoDb, template.physicalName("TicketsTable")),
                new DynamoDbAlertRepository(dynamoDb, template.physicalName("AlertsTable")),
                new DynamoDbSlaRepository(dynamoDb, template.physicalName("SlaTable")), config, options, out);
        return DemandloopCli.EXIT_OK;
    }

    /**
     * The backtest over the given stores, printed to {@code out}: the history read once (the nightly reader's Queries
     * only), each night evaluated in memory. Nothing is written to the stores.
     */
    static DemandBacktest.Result run(TicketRepository tickets, AlertRepository alerts, SlaRepository sla,
                                     DemandloopConfig config, Options options, PrintStream out) {
        DemandConfig demand = DemandConfig.from(config);
        DemandEvaluator evaluator = DemandEvaluator.from(config);
        DemandBacktest backtest = new DemandBacktest(evaluator, demand);
        List<Instant> nights = DemandBacktest.nights(options.from(), options.to(), options.every());
        long start = System.nanoTime();
        DemandInputs history = new DemandFactsReader(tickets, alerts, sla, ServiceCatalog.from(config), demand)
                .read(backtest.spanStart(options.from()), nights.get(nights.size() - 1));
        long read = System.nanoTime();
        DemandBacktest.Result result = backtest.run(history, nights);
        long evaluated = System.nanoTime();
        print(result, history, options, (read - start) / 1e9, (evaluated - read) / 1e9, out);
        return result;
    }

    private static void print(DemandBacktest.Result result, DemandInputs history, Options options, double readSeconds,
                              double evaluateSeconds, PrintStream out) {
        List<DemandTier> tiers = List.of(DemandTier.PORTFOLIO_REVIEW, DemandTier.INITIATIVE,
                DemandTier.PROCESS_IMPROVEMENT, DemandTier.STAY_IN_SERVICE_MANAGEMENT);
        out.printf("Demand backtest, %d nights from %s to %s every %s, over %d tickets, %d alert episodes read once"
                        + " (Query only; nothing written).%n", result.nights().size(), options.from(), options.to(),
                options.every(), history.tickets().size(), history.episodes().size());
        out.printf("%-12s %9s %10s %11s %6s %5s %8s%n", "night", "portfolio", "initiative", "improvement", "stay", "new",
                "changed");
        for (DemandBacktest.Night night : result.nights()) {
            out.printf("%-12s %9d %10d %11d %6d %5d %8d%n", day(night.asOf()),
                    night.perTier().get(DemandTier.PORTFOLIO_REVIEW), night.perTier().get(DemandTier.INITIATIVE),
                    night.perTier().get(DemandTier.PROCESS_IMPROVEMENT),
                    night.perTier().get(DemandTier.STAY_IN_SERVICE_MANAGEMENT), night.newIds().size(),
                    night.changed().size());
            night.newIds().forEach(id -> out.println("  new      " + id));
            night.changed().forEach((id, change) -> out.println("  changed  " + id + ": " + change));
        }
        out.println("Overall, distinct demands by the highest tier each reached: " + tiers.stream()
                .map(t -> t.wireName() + " " + result.perTier().get(t)).collect(Collectors.joining(", "))
                + " (" + result.demands() + " in all).");
        int firstNight = result.nights().isEmpty() ? 0 : result.nights().get(0).newIds().size();
        out.println("New after the first night: " + (result.demands() - firstNight) + ". Flapped between tiers (changed"
                + " at least twice): " + result.flapped().size() + (result.flapped().isEmpty() ? "." : ":"));
        result.flapped().forEach((id, seen) -> out.println("  " + id + ": "
                + seen.stream().map(DemandTier::wireName).collect(Collectors.joining(" → "))));
        out.printf("Read in %.1f s, %d nights evaluated in %.1f s.%n", readSeconds, result.nights().size(),
                evaluateSeconds);
    }

    private static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                ? instant.atZone(ZoneOffset.UTC).toLocalDate().toString() : instant.toString();
    }

    private DemandloopConfig config() throws IOException {
        String named = environment.get(DemandloopConfig.CONFIG_FILE_VARIABLE);
        Path file = named != null && !named.isBlank() ? Path.of(named) : root.resolve("config/demandloop.yaml");
        return Files.isRegularFile(file) ? DemandloopConfig.fromYaml(Files.readString(file)) : DemandloopConfig.defaults();
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
}
