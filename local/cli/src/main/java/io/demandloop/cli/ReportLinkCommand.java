package io.demandloop.cli;

import io.demandloop.local.LocalStack;
import io.demandloop.local.servers.SdkSettings;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.report.ReportLinker;
import io.demandloop.shared.report.aws.S3ReportLinker;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code ./demandloop report link [--expires P7D] [--date YYYY-MM-DD] [--bucket NAME]}: prints presigned HTTPS GET links
 * to a report's files (the latest, or one date's), valid for {@code --expires} (default and most: seven days, SigV4's
 * limit). With {@code --bucket} it signs for that bucket on AWS with your own credentials (the default chain); without,
 * for the local stack's bucket at the S3 endpoint of a running {@code ./demandloop serve} (the links work while it
 * runs). Parsing and running live here; {@link DemandloopCli} only hands it its arguments.
 */
final class ReportLinkCommand {

    static final String USAGE = "usage: ./demandloop report link [--expires <ISO-8601 duration, at most P7D, default P7D>]"
            + " [--date <YYYY-MM-DD>] [--bucket <name>]";

    /** The files of one report, as the portfolio-report job writes them. */
    static final List<String> FILES = List.of("portfolio.html", "portfolio.json", "portfolio-demands.csv",
            "portfolio-initiatives.csv", "portfolio-services.csv", "portfolio-sla.csv", "portfolio-capacity.csv",
            "portfolio-data-quality.csv");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path root;
    private final Clock clock;

    ReportLinkCommand(PrintStream out, PrintStream err, Map<String, String> environment, Path root, Clock clock) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.root = root;
        this.clock = clock;
    }

    /** Whether the command line is this command's. */
    static boolean handles(String[] args) {
        return args.length >= 1 && args[0].equals("report");
    }

    /**
     * The parsed options.
     *
     * @param expires how long the links stay valid
     * @param date    the report's date; null for the latest
     * @param bucket  the bucket on AWS; null for the local stack's
     */
    record Options(Duration expires, LocalDate date, String bucket) {

        /** Parses the arguments after {@code report}; a wrong one fails naming it. */
        static Options parse(List<String> args) throws UsageException {
            if (args.isEmpty() || !args.get(0).equals("link")) {
                throw new UsageException("report takes 'link'" + (args.isEmpty() ? "" : ", not '" + args.get(0) + "'"));
            }
            Duration expires = ReportLinker.MAX_EXPIRY;
            LocalDate date = null;
            String bucket = null;
            for (int i = 1; i < args.size(); i++) {
                String option = args.get(i);
                if (!List.of("--expires", "--date", "--bucket").contains(option)) {
                    throw new UsageException("report link does not take '" + option + "'");
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException("report link: " + option + " needs a value");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--expires" -> expires = expiry(value);
                    case "--date" -> date = date(value);
                    default -> bucket = value;
                }
            }
            return new Options(expires, date, bucket);
        }

        private static Duration expiry(String value) throws UsageException {
            Duration parsed;
            try {
                parsed = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException("report link: --expires must be an ISO-8601 duration such as P7D or PT12H,"
                        + " got '" + value + "'");
            }
            try {
                return ReportLinker.checkExpiry(parsed);
            } catch (IllegalArgumentException e) {
                throw new UsageException("report link: --expires " + value + ": " + e.getMessage());
            }
        }

        private static LocalDate date(String value) throws UsageException {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException("report link: --date must be a date such as 2026-12-07, got '" + value + "'");
            }
        }

        /** The folder of the report's files. */
        String prefix() {
            return date == null ? "reports/latest/" : String.format("reports/%04d/%02d/%02d/", date.getYear(),
                    date.getMonthValue(), date.getDayOfMonth());
        }
    }

    /** Runs the command: exit 0, 1 when it failed, 2 for a wrong command line (one line on standard error). */
    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args).subList(1, args.length));
        } catch (UsageException e) {
            err.println("demandloop: " + e.getMessage() + " (" + USAGE + ")");
            return DemandloopCli.EXIT_USAGE;
        }
        try {
            ReportLinker linker;
            if (options.bucket() != null) {
                linker = S3ReportLinker.create(options.bucket());
            } else {
                Path stateDir = environment.containsKey(DemandloopCli.STATE_DIR_VARIABLE)
                        ? Path.of(environment.get(DemandloopCli.STATE_DIR_VARIABLE)).toAbsolutePath()
                        : root.resolve(".demandloop");
                Optional<URI> s3 = RunningStack.s3OfLiveOwner(stateDir);
                if (s3.isEmpty()) {
                    err.println("demandloop: report link: no running stack; start ./demandloop serve in another terminal"
                            + " (the links work while it runs), or name a bucket on AWS with --bucket");
                    return DemandloopCli.EXIT_FAILED;
                }
                String bucket = SamTemplate.load(root.resolve("template.yaml"), LocalStack.STACK_NAME, Map.of())
                        .physicalName("ReportsBucket");
                if (!Files.isRegularFile(stateDir.resolve("s3").resolve(bucket).resolve(options.prefix() + FILES.get(0)))) {
                    err.println("demandloop: report link: no report under " + options.prefix() + " in the local bucket;"
                            + " run ./demandloop run portfolio-report --at <date> first");
                    return DemandloopCli.EXIT_FAILED;
                }
                linker = S3ReportLinker.create(bucket, s3.get(), SdkSettings.LOCAL_REGION,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(SdkSettings.LOCAL_ACCESS_KEY_ID,
                                SdkSettings.LOCAL_SECRET_ACCESS_KEY)));
            }
            Instant now = clock.instant();
            out.println("Links valid until " + now.plus(options.expires()) + " (" + options.expires() + "):");
            for (String file : FILES) {
                String key = options.prefix() + file;
                out.println("  " + file + "  " + linker.link(key, options.expires(), now));
            }
            return DemandloopCli.EXIT_OK;
        } catch (RuntimeException e) {
            err.println("demandloop: report link failed: " + e.getMessage());
            return DemandloopCli.EXIT_FAILED;
        }
    }
}
