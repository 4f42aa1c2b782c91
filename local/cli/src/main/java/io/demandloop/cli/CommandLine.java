package io.demandloop.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parsed command line of {@code ./demandloop}.
 *
 * @param command the command: demo, serve or run
 * @param job     for run: the job name
 * @param at      for run: the instant the job's clock reads
 * @param port    for serve: the port of the webhook endpoint
 * @param query   for query: what to list and how
 * @param load    for import: what to import and how
 * @param measure for measure: what to measure
 * @param decision for demand: the decision about a demand
 * @param scale   for demo: the size of the generated history
 */
record CommandLine(String command, String job, Optional<Instant> at, OptionalInt port, Query query, Import load,
                   Measure measure, Decision decision, Scale scale) {

    CommandLine(String command, String job, Optional<Instant> at, OptionalInt port, Query query, Import load,
                Measure measure, Decision decision) {
        this(command, job, at, port, query, load, measure, decision, Scale.DEMO);
    }

    /**
     * The demo's generated history: background services and about how many tickets in all (0: the demo's own).
     *
     * @param services background services (the demo has 26)
     * @param tickets  about how many tickets the history holds; 0 keeps the demo's rates
     */
    record Scale(int services, int tickets) {
        static final Scale DEMO = new Scale(26, 0);
    }

    /** The one-line usage. */
    static final String USAGE = "usage: ./demandloop demo [--services N] [--tickets N] | serve [--port N] | run <job> [--at <date or instant>]"
            + " | query tickets|alerts|demand [--service S] [--source S] [--json] | query capacity [--team T] [--json]"
            + " | query initiatives|outcomes [--json] | query lineage <id> [--json]"
            + " | measure --service S --at DATE [--before P12W] [--settle P2W] [--after P12W] [--metric M] [--category C]"
            + " [--as-of DATE] [--json]"
            + " | import servicenow|jira|csv <file> [--mapping <file>] [--rejected <file>]"
            + " | import initiatives <csv> --mapping <file> [--rejected <file>]"
            + " | demand promote <demand-id> --title T --by W [--why Y] | demand ack|reject <demand-id> --by W [--why Y]"
            + " | demand backtest --from <date> --to <date> [--every P1D] | report link [--expires P7D] [--date D]"
            + " [--bucket B] | redrive | config check";

    /** The import format of roadmap exports: initiatives, not tickets. */
    static final String INITIATIVES_FORMAT = "initiatives";

    /**
     * A decision about a demand ({@code demand promote|ack|reject}).
     *
     * @param action  promote, ack or reject
     * @param id      the demand id
     * @param title   for promote: the initiative's title
     * @param by      who decides
     * @param why     why, or null
     */
    record Decision(String action, String id, String title, String by, String why) {
    }

    /**
     * What {@code measure} measures: one intervention date, no initiative record (docs/outcomes.md, "Commands").
     *
     * @param service  the targeted service
     * @param at       the intervention instant
     * @param windows  the windows (before, settling, after)
     * @param metric   the metric that decides the verdict
     * @param category the pattern scoping it ({@code category:network}), or null for the whole service
     * @param asOf     the measurement instant, or null for now
     * @param json     the outcome as JSON instead of text
     */
    record Measure(String service, Instant at, io.demandloop.shared.outcome.OutcomeWindows windows,
                   io.demandloop.shared.initiative.OutcomeMetric metric, String category, Instant asOf, boolean json) {
    }

    CommandLine(String command, String job, Optional<Instant> at, OptionalInt port, Query query, Import load) {
        this(command, job, at, port, query, load, null, null);
    }

    /**
     * What {@code import} loads.
     *
     * @param format   the export format
     * @param file     the export (CSV, or a zip holding one)
     * @param mapping  a configuration file laid over the configuration for this import, or null
     * @param rejected where rejected rows go, or null for {@code <file name>.rejected.csv} beside the export
     */
    record Import(String format, java.nio.file.Path file, java.nio.file.Path mapping, java.nio.file.Path rejected) {

        /** The same, with relative paths resolved from the user's working directory (not the launcher's). */
        Import resolvedFrom(java.nio.file.Path workingDirectory) {
            return new Import(format, resolve(workingDirectory, file), resolve(workingDirectory, mapping),
                    resolve(workingDirectory, rejected));
        }

        private static java.nio.file.Path resolve(java.nio.file.Path directory, java.nio.file.Path path) {
            return path == null ? null : directory.resolve(path).normalize();
        }

    }

    CommandLine(String command, String job, Optional<Instant> at, OptionalInt port, Query query) {
        this(command, job, at, port, query, null);
    }

    /**
     * What {@code query} lists.
     *
     * @param kind    tickets, alerts, demand or capacity
     * @param service only this service, or null
     * @param source  only this source, or null
     * @param json    one JSON object per line instead of a table
     * @param team    for capacity: only this team, or null
     * @param id      for lineage: the pattern's demand id, the initiative's or the outcome's id
     */
    record Query(QueryCommand.Kind kind, String service, String source, boolean json, String team, String id) {

        Query(QueryCommand.Kind kind, String service, String source, boolean json, String team) {
            this(kind, service, source, json, team, null);
        }

        Query(QueryCommand.Kind kind, String service, String source, boolean json) {
            this(kind, service, source, json, null, null);
        }
    }

    CommandLine(String command, String job, Optional<Instant> at, OptionalInt port) {
        this(command, job, at, port, null);
    }

    /** The port serve uses when none is given. */
    static final int DEFAULT_PORT = 8787;

    static CommandLine parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String command = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        switch (command) {
            case "demo":
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty(), null, null, null, null, scale(rest));
            case "serve":
                return new CommandLine(command, null, Optional.empty(), OptionalInt.of(port(rest)));
            case "run":
                if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                    throw new UsageException("run needs a job name");
                }
                String job = rest.remove(0);
                return new CommandLine(command, job, at(rest), OptionalInt.empty());
            case "query":
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty(), query(rest));
            case "import":
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty(), null, load(rest));
            case "redrive":
                if (!rest.isEmpty()) {
                    throw new UsageException("redrive takes no arguments, got '" + rest.get(0) + "'");
                }
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty());
            case "config":
                if (rest.size() != 1 || !rest.get(0).equals("check")) {
                    throw new UsageException("config takes one subcommand: check");
                }
                return new CommandLine("config-check", null, Optional.empty(), OptionalInt.empty());
            case "measure":
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty(), null, null, measure(rest), null);
            case "demand":
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty(), null, null, null, decision(rest));
            case "help":
            case "--help":
            case "-h":
                return new CommandLine("help", null, Optional.empty(), OptionalInt.empty());
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    private static Query query(List<String> rest) throws UsageException {
        if (!rest.isEmpty() && List.of("initiatives", "outcomes", "lineage").contains(rest.get(0))) {
            return outcomeQuery(rest);
        }
        if (rest.isEmpty() || !List.of("tickets", "alerts", "demand", "capacity").contains(rest.get(0))) {
            throw new UsageException("query needs what to list: tickets, alerts, demand, capacity, initiatives, outcomes"
                    + " or lineage");
        }
        QueryCommand.Kind kind = switch (rest.get(0)) {
            case "tickets" -> QueryCommand.Kind.TICKETS;
            case "alerts" -> QueryCommand.Kind.ALERTS;
            case "capacity" -> QueryCommand.Kind.CAPACITY;
            default -> QueryCommand.Kind.DEMAND;
        };
        String service = null;
        String source = null;
        String team = null;
        boolean json = false;
        for (int i = 1; i < rest.size(); i++) {
            String option = rest.get(i);
            switch (option) {
                case "--json" -> json = true;
                case "--service", "--source", "--team" -> {
                    if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                        throw new UsageException(option + " needs a value");
                    }
                    String value = rest.get(++i);
                    switch (option) {
                        case "--service" -> service = value;
                        case "--source" -> source = value;
                        default -> team = value;
                    }
                }
                default -> throw new UsageException("query does not take '" + option + "'");
            }
        }
        if (kind == QueryCommand.Kind.DEMAND && source != null) {
            throw new UsageException("query demand does not take --source: a demand is about a service, not a tool");
        }
        if (kind == QueryCommand.Kind.CAPACITY && (service != null || source != null)) {
            throw new UsageException("query capacity takes only --team and --json");
        }
        if (kind != QueryCommand.Kind.CAPACITY && team != null) {
            throw new UsageException("only query capacity takes --team");
        }
        return new Query(kind, service, source, json, team);
    }

    /** {@code query initiatives|outcomes [--json]}, {@code query lineage <id> [--json]}. */
    private static Query outcomeQuery(List<String> rest) throws UsageException {
        String what = rest.get(0);
        QueryCommand.Kind kind = switch (what) {
            case "initiatives" -> QueryCommand.Kind.INITIATIVES;
            case "outcomes" -> QueryCommand.Kind.OUTCOMES;
            default -> QueryCommand.Kind.LINEAGE;
        };
        int next = 1;
        String id = null;
        if (kind == QueryCommand.Kind.LINEAGE) {
            if (rest.size() < 2 || rest.get(1).startsWith("--")) {
                throw new UsageException("query lineage needs an id: a demand's, an initiative's or an outcome's");
            }
            id = rest.get(1);
            next = 2;
        }
        boolean json = false;
        for (int i = next; i < rest.size(); i++) {
            if (!rest.get(i).equals("--json")) {
                throw new UsageException("query " + what + " takes only " + (id == null ? "" : "<id> and ") + "--json, got '"
                        + rest.get(i) + "'");
            }
            json = true;
        }
        return new Query(kind, null, null, json, null, id);
    }

    private static Measure measure(List<String> rest) throws UsageException {
        Map<String, String> options = new java.util.HashMap<>();
        boolean json = false;
        List<String> known = List.of("--service", "--at", "--before", "--settle", "--after", "--metric", "--category",
                "--as-of");
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (option.equals("--json")) {
                json = true;
                continue;
            }
            if (!known.contains(option)) {
                throw new UsageException("measure does not take '" + option + "'");
            }
            if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            if (options.put(option, rest.get(++i)) != null) {
                throw new UsageException("measure takes " + option + " once");
            }
        }
        String service = options.get("--service");
        if (service == null || service.isBlank()) {
            throw new UsageException("measure needs --service S");
        }
        if (!options.containsKey("--at")) {
            throw new UsageException("measure needs --at DATE, the intervention date");
        }
        Instant at = parseInstant("--at", options.get("--at"));
        Instant asOf = options.containsKey("--as-of") ? parseInstant("--as-of", options.get("--as-of")) : null;
        io.demandloop.shared.outcome.OutcomeWindows defaults = io.demandloop.shared.outcome.OutcomeWindows.DEFAULT;
        io.demandloop.shared.outcome.OutcomeWindows windows;
        int before = days("--before", options.get("--before"), defaults.beforeDays());
        int settle = days("--settle", options.get("--settle"), defaults.settleDays());
        int after = days("--after", options.get("--after"), defaults.afterDays());
        try {
            windows = new io.demandloop.shared.outcome.OutcomeWindows(before, settle, after);
        } catch (IllegalArgumentException e) {
            throw new UsageException("measure: " + e.getMessage());
        }
        io.demandloop.shared.initiative.OutcomeMetric metric = io.demandloop.shared.initiative.OutcomeMetric.INCIDENTS;
        String category = options.get("--category");
        try {
            if (options.containsKey("--metric")) {
                metric = io.demandloop.shared.initiative.OutcomeMetric.parse(options.get("--metric"));
            }
            if (category != null) {
                category = io.demandloop.shared.outcome.PatternScope.parse(category).toString();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("measure: " + e.getMessage());
        }
        return new Measure(service, at, windows, metric, category, asOf, json);
    }

    /** A period in weeks or days ({@code P12W}, {@code P84D}, {@code P2W3D}), as whole days; the default when absent. */
    static int days(String option, String text, int defaultDays) throws UsageException {
        if (text == null) {
            return defaultDays;
        }
        try {
            java.time.Period period = java.time.Period.parse(text);
            if (period.getYears() != 0 || period.getMonths() != 0 || period.isNegative()) {
                throw new UsageException(option + " must be weeks or days (P12W, P84D), not months or years, got '"
                        + text + "'");
            }
            return period.getDays();
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be an ISO period in weeks or days (P12W, P84D), got '" + text + "'");
        }
    }

    private static Instant parseInstant(String option, String text) throws UsageException {
        try {
            return parseInstant(text);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage().replace("--at", option));
        }
    }

    private static Decision decision(List<String> rest) throws UsageException {
        if (rest.isEmpty() || !List.of("promote", "ack", "reject").contains(rest.get(0))) {
            throw new UsageException("demand needs a decision: promote, ack or reject");
        }
        String action = rest.get(0);
        if (rest.size() < 2 || rest.get(1).startsWith("--")) {
            throw new UsageException("demand " + action + " needs the demand id (see ./demandloop query demand)");
        }
        String id = rest.get(1);
        String title = null;
        String by = null;
        String why = null;
        for (int i = 2; i < rest.size(); i++) {
            String option = rest.get(i);
            if (!List.of("--title", "--by", "--why").contains(option)) {
                throw new UsageException("demand " + action + " does not take '" + option + "'");
            }
            if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--") || rest.get(i + 1).isBlank()) {
                throw new UsageException(option + " needs a value");
            }
            String value = rest.get(++i);
            switch (option) {
                case "--title" -> title = value;
                case "--by" -> by = value;
                default -> why = value;
            }
        }
        if (by == null) {
            throw new UsageException("demand " + action + " needs --by <who decides>");
        }
        if (action.equals("promote") && title == null) {
            throw new UsageException("demand promote needs --title <the initiative's title>");
        }
        if (!action.equals("promote") && title != null) {
            throw new UsageException("only demand promote takes --title");
        }
        try {
            io.demandloop.shared.decision.DemandId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Decision(action, id, title, by, why);
    }

    private static Import load(List<String> rest) throws UsageException {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException("import needs a format: " + String.join(", ", io.demandloop.shared.imports.ExportFormats.NAMES)
                    + ", " + INITIATIVES_FORMAT);
        }
        String format = rest.get(0);
        if (!io.demandloop.shared.imports.ExportFormats.NAMES.contains(format) && !INITIATIVES_FORMAT.equals(format)) {
            throw new UsageException("unknown import format '" + format + "'; formats: "
                    + String.join(", ", io.demandloop.shared.imports.ExportFormats.NAMES) + ", " + INITIATIVES_FORMAT);
        }
        if (rest.size() < 2 || rest.get(1).startsWith("--")) {
            throw new UsageException("import " + format + " needs the export file");
        }
        java.nio.file.Path file = java.nio.file.Path.of(rest.get(1));
        java.nio.file.Path mapping = null;
        java.nio.file.Path rejected = null;
        for (int i = 2; i < rest.size(); i++) {
            String option = rest.get(i);
            if (!option.equals("--mapping") && !option.equals("--rejected")) {
                throw new UsageException("import does not take '" + option + "'");
            }
            if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                throw new UsageException(option + " needs a file");
            }
            java.nio.file.Path value = java.nio.file.Path.of(rest.get(++i));
            if (option.equals("--mapping")) {
                mapping = value;
            } else {
                rejected = value;
            }
        }
        if (INITIATIVES_FORMAT.equals(format) && mapping == null) {
            throw new UsageException("import initiatives needs --mapping <file>: which column is which field"
                    + " (examples/roadmap/mapping.yaml)");
        }
        return new Import(format, file, mapping, rejected);
    }

    private static Scale scale(List<String> rest) throws UsageException {
        int services = Scale.DEMO.services();
        int tickets = Scale.DEMO.tickets();
        for (int i = 0; i < rest.size(); i += 2) {
            String option = rest.get(i);
            if (!option.equals("--services") && !option.equals("--tickets")) {
                throw new UsageException("demo takes only --services N and --tickets N, got '" + option + "'");
            }
            int value;
            try {
                value = Integer.parseInt(i + 1 < rest.size() ? rest.get(i + 1) : "");
            } catch (NumberFormatException e) {
                throw new UsageException(option + " needs a number");
            }
            if (value < 0 || value > 100_000) {
                throw new UsageException(option + " must be 0 to 100000, got " + value);
            }
            if (option.equals("--services")) {
                services = value;
            } else {
                tickets = value;
            }
        }
        return new Scale(services, tickets);
    }

    private static int port(List<String> rest) throws UsageException {
        if (rest.isEmpty()) {
            return DEFAULT_PORT;
        }
        if (!rest.get(0).equals("--port") || rest.size() != 2) {
            throw new UsageException("serve takes only --port N");
        }
        try {
            int port = Integer.parseInt(rest.get(1));
            if (port < 1 || port > 65535) {
                throw new UsageException("--port must be 1 to 65535, got " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number, got '" + rest.get(1) + "'");
        }
    }

    private static Optional<Instant> at(List<String> rest) throws UsageException {
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        if (!rest.get(0).equals("--at") || rest.size() != 2) {
            throw new UsageException("run takes only --at <date or instant>, got '" + String.join(" ", rest) + "'");
        }
        return Optional.of(parseInstant(rest.get(1)));
    }

    /**
     * A date ({@code 2026-11-22}: that day's start in UTC), an instant ({@code 2026-11-22T05:30:00Z}), an
     * offset date-time, or a local date-time read as UTC.
     */
    static Instant parseInstant(String text) throws UsageException {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageException("--at must be a date (2026-11-22) or an instant (2026-11-22T05:30:00Z), got '" + text + "'");
        }
    }
}
