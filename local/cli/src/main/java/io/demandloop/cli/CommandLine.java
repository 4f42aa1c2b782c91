package io.demandloop.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
 */
record CommandLine(String command, String job, Optional<Instant> at, OptionalInt port, Query query, Import load) {

    /** The one-line usage. */
    static final String USAGE = "usage: ./demandloop demo | serve [--port N] | run <job> [--at <date or instant>]"
            + " | query tickets|alerts|demand [--service S] [--source S] [--json] | query capacity [--team T] [--json]"
            + " | import servicenow|jira|csv <file> [--mapping <file>] [--rejected <file>]"
            + " | demand backtest --from <date> --to <date> [--every P1D]";

    /**
     * What {@code import} loads.
     *
     * @param format   the export format
     * @param file     the export (CSV, or a zip holding one)
     * @param mapping  a configuration file laid over the configuration for this import, or null
     * @param rejected where rejected rows go, or null for {@code <file name>.rejected.csv} in the working directory
     */
    record Import(String format, java.nio.file.Path file, java.nio.file.Path mapping, java.nio.file.Path rejected) {
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
     */
    record Query(QueryCommand.Kind kind, String service, String source, boolean json, String team) {

        Query(QueryCommand.Kind kind, String service, String source, boolean json) {
            this(kind, service, source, json, null);
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
                if (!rest.isEmpty()) {
                    throw new UsageException("demo takes no arguments, got '" + rest.get(0) + "'");
                }
                return new CommandLine(command, null, Optional.empty(), OptionalInt.empty());
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
            case "help":
            case "--help":
            case "-h":
                return new CommandLine("help", null, Optional.empty(), OptionalInt.empty());
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    private static Query query(List<String> rest) throws UsageException {
        if (rest.isEmpty() || !List.of("tickets", "alerts", "demand", "capacity").contains(rest.get(0))) {
            throw new UsageException("query needs what to list: tickets, alerts, demand or capacity");
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

    private static Import load(List<String> rest) throws UsageException {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException("import needs a format: " + String.join(", ", io.demandloop.shared.imports.ExportFormats.NAMES));
        }
        String format = rest.get(0);
        if (!io.demandloop.shared.imports.ExportFormats.NAMES.contains(format)) {
            throw new UsageException("unknown import format '" + format + "'; formats: "
                    + String.join(", ", io.demandloop.shared.imports.ExportFormats.NAMES));
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
        return new Import(format, file, mapping, rejected);
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
