package io.demandloop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.json.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;

/**
 * {@code ./demandloop query tickets|alerts|demand}: lists what is stored, as a table or as JSON lines. A local
 * inspection tool, so it scans the table; no function does. {@code query capacity} reads the newest capacity
 * snapshot through the demand table's own adapter (one Query).
 */
final class QueryCommand {

    /** What to list: the table's logical id in template.yaml, the columns, and how to sort. */
    enum Kind {
        TICKETS("TicketsTable", "service", "source",
                List.of("source", "number", "kind", "service", "state", "priority", "openedAt", "sourceVersion"), "openedAt"),
        // Alerts are partitioned by service: the partition key is the service.
        ALERTS("AlertsTable", "pk", "alertId",
                List.of("source", "alertId", "service", "status", "severity", "startsAt", "endsAt", "title"), "startsAt"),
        // Demands too; only the current items carry the tier index key (history items do not).
        DEMAND("DemandTable", "pk", "tierKey",
                List.of("service", "pattern", "tier", "score", "criteriaMet", "status", "evaluatedAt"), "tierSort"),
        // The newest capacity snapshot, read by its own Query (capacity(…)), not listed item by item.
        CAPACITY("DemandTable", null, null, List.of(), null),
        // Initiatives, outcomes and lineage are read through their adapters (OutcomeCommand), not listed item by item.
        INITIATIVES("InitiativesTable", null, null, List.of(), null),
        OUTCOMES("OutcomesTable", null, null, List.of(), null),
        LINEAGE("OutcomesTable", null, null, List.of(), null);

        final String tableLogicalId;
        final String serviceAttribute;
        final String recordAttribute;
        final List<String> columns;
        final String sortBy;

        Kind(String tableLogicalId, String serviceAttribute, String recordAttribute, List<String> columns, String sortBy) {
            this.tableLogicalId = tableLogicalId;
            this.serviceAttribute = serviceAttribute;
            this.recordAttribute = recordAttribute;
            this.columns = columns;
            this.sortBy = sortBy;
        }
    }

    /** After any instant a snapshot can have: the newest one. */
    static final Instant NEWEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final String NAME_HEADER = "team / service";
    private static final int NAME_MAX = 40;
    private static final List<String> LOAD_HEADERS = List.of("capacity", "load", "incidents", "requests", "changes", "share");

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Prints the newest capacity snapshot: each team (capacity, load by kind, share) with its services under it,
     * highest share first, then the services without a team.
     *
     * @param dynamoDb the client, or null when nothing was ever stored
     * @param team     only this team (any case), or null
     * @return how many services were printed
     */
    int capacity(DynamoDbClient dynamoDb, String table, String team, boolean json, PrintStream out) {
        Optional<CapacitySnapshot> snapshot = Optional.empty();
        if (dynamoDb != null) {
            try {
                snapshot = new DynamoDbDemandRepository(dynamoDb, table).latestCapacity(NEWEST);
            } catch (ResourceNotFoundException e) {
                // Nothing was ever stored: the table is created on first start.
            }
        }
        return printCapacity(snapshot, team, json, out);
    }

    /** Prints a snapshot (or says there is none), as {@link #capacity} describes. */
    int printCapacity(Optional<CapacitySnapshot> stored, String team, boolean json, PrintStream out) {
        if (stored.isEmpty()) {
            if (!json) {
                out.println("No capacity snapshot yet: the nightly demand evaluation keeps one"
                        + " (run demand-evaluation, docs/demand.md#catalog-and-capacity).");
            }
            return 0;
        }
        CapacitySnapshot snapshot = stored.get();
        if (team != null) {
            List<CapacitySnapshot.TeamLoad> teams = snapshot.teams().stream()
                    .filter(t -> t.team().equalsIgnoreCase(team)).toList();
            if (teams.isEmpty()) {
                if (!json) {
                    out.println("No team '" + team + "' in the capacity snapshot as of " + snapshot.asOf() + "; its teams: "
                            + (snapshot.teams().isEmpty() ? "none (services.teams is empty)"
                            : String.join(", ", snapshot.teams().stream().map(CapacitySnapshot.TeamLoad::team).toList())));
                }
                return 0;
            }
            snapshot = new CapacitySnapshot(snapshot.asOf(), snapshot.window(), snapshot.windowStart(), teams, List.of(),
                    snapshot.teamsFrom());
        }
        if (json) {
            try {
                out.println(Json.mapper().writeValueAsString(snapshot));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return snapshot.serviceCount();
        }
        out.println("Support load against team capacity as of " + snapshot.asOf() + ", in hours per week over the "
                + snapshot.window() + " from " + snapshot.windowStart()
                + (CapacitySnapshot.FROM_ASSIGNMENT_GROUP.equals(snapshot.teamsFrom())
                        ? " (no service is in the catalog: teams are the tickets' assignment groups)" : "") + ":");
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CapacitySnapshot.TeamLoad t : snapshot.teams()) {
            rows.add(loadRow(t.team(), t.capacityHoursPerWeek() == null ? "-" : hours(t.capacityHoursPerWeek()),
                    t.hoursPerWeek(), percent(t.share())));
            notes.add(t.atLeast(1) ? "over capacity" : "");
            for (CapacitySnapshot.ServiceLoad s : t.services()) {
                rows.add(loadRow("  " + s.service(), "", s.hoursPerWeek(), percent(s.share())));
                notes.add("");
            }
        }
        if (!snapshot.withoutTeam().isEmpty()) {
            rows.add(List.of("no team", "", "", "", "", "", ""));
            notes.add("");
            for (CapacitySnapshot.ServiceLoad s : snapshot.withoutTeam()) {
                rows.add(loadRow("  " + s.service(), "", s.hoursPerWeek(), "-"));
                notes.add("");
            }
        }
        int nameWidth = NAME_HEADER.length();
        for (List<String> row : rows) {
            nameWidth = Math.min(NAME_MAX, Math.max(nameWidth, row.get(0).length()));
        }
        List<String> header = new ArrayList<>(List.of(NAME_HEADER));
        header.addAll(LOAD_HEADERS);
        out.println(line(header, nameWidth, ""));
        for (int i = 0; i < rows.size(); i++) {
            out.println(line(rows.get(i), nameWidth, notes.get(i)));
        }
        int services = snapshot.serviceCount();
        out.println(snapshot.teams().size() + (snapshot.teams().size() == 1 ? " team, " : " teams, ") + services
                + (services == 1 ? " service" : " services")
                + (snapshot.teams().isEmpty() ? " (no team is configured: services.teams, docs/demand.md#catalog-and-capacity)" : ""));
        return services;
    }

    private static List<String> loadRow(String name, String capacity, CapacitySnapshot.Load load, String share) {
        return List.of(name, capacity, hours(load.total()), hours(load.incidents()), hours(load.requests()),
                hours(load.changes()), share);
    }

    private static String line(List<String> cells, int nameWidth, String note) {
        StringBuilder line = new StringBuilder(String.format("%-" + nameWidth + "s", elide(TerminalText.safe(cells.get(0)), nameWidth)));
        for (int c = 1; c < cells.size(); c++) {
            line.append(String.format("  %" + Math.max(9, LOAD_HEADERS.get(c - 1).length()) + "s", cells.get(c)));
        }
        if (!note.isEmpty()) {
            line.append("  ").append(note);
        }
        return line.toString().stripTrailing();
    }

    private static String elide(String value, int width) {
        if (value.length() <= width) {
            return value;
        }
        int head = width / 3;
        return value.substring(0, head) + "…" + value.substring(value.length() - (width - head - 1));
    }

    private static String hours(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /**
     * Lists the records of one kind.
     *
     * @param dynamoDb the client, or null when nothing was ever stored
     * @return how many were listed
     */
    int list(DynamoDbClient dynamoDb, String table, Kind kind, String service, String source, boolean json, PrintStream out) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        try {
            if (dynamoDb == null) {
                throw ResourceNotFoundException.builder().message("no local state yet").build();
            }
            ScanIterable pages = dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build());
            for (Map<String, AttributeValue> item : pages.items()) {
                // Only the records themselves: other item types a table may hold (episodes, …) carry no "source".
                if (!item.containsKey(kind.recordAttribute)) {
                    continue;
                }
                if (!kind.serviceAttribute.equals("service")) {
                    item = new java.util.HashMap<>(item);
                    item.put("service", item.get(kind.serviceAttribute));
                }
                if (service != null && !service.equalsIgnoreCase(text(item, "service"))) {
                    continue;
                }
                if (source != null && !source.equalsIgnoreCase(text(item, "source"))) {
                    continue;
                }
                rows.add(item);
            }
        } catch (ResourceNotFoundException e) {
            // Nothing was ever stored: the table is created on first start.
        }
        Comparator<Map<String, AttributeValue>> order = Comparator.comparing(item -> text(item, kind.sortBy));
        // Demands: highest score first, by the number (scores keep four decimals; tierSort only two), then by id.
        rows.sort(kind == Kind.DEMAND ? Comparator.comparingDouble((Map<String, AttributeValue> item) -> {
            String score = text(item, "score");
            return score.isEmpty() ? Double.NEGATIVE_INFINITY : -Double.parseDouble(score);
        }).thenComparing(item -> text(item, "id")) : order);
        if (json) {
            for (Map<String, AttributeValue> item : rows) {
                out.println(toJson(item));
            }
        } else {
            printTable(rows, kind.columns, out);
            String noun = kind == Kind.DEMAND ? "demand records" : kind.name().toLowerCase(java.util.Locale.ROOT);
            out.println(rows.size() + " " + noun);
        }
        return rows.size();
    }

    private void printTable(List<Map<String, AttributeValue>> rows, List<String> columns, PrintStream out) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, AttributeValue> row : rows) {
                widths[c] = Math.min(40, Math.max(widths[c], TerminalText.safe(text(row, columns.get(c))).length()));
            }
        }
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            header.append(String.format("%-" + widths[c] + "s  ", columns.get(c)));
        }
        out.println(header.toString().stripTrailing());
        for (Map<String, AttributeValue> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                // Stored text is data, never terminal control: escapes are shown, not obeyed.
                String value = TerminalText.safe(text(row, columns.get(c)));
                if (value.length() > widths[c]) {
                    // Elide the middle: the end of a long value (a pattern's subject, a list's last item) tells rows apart.
                    int head = widths[c] / 3;
                    value = value.substring(0, head) + "…" + value.substring(value.length() - (widths[c] - head - 1));
                }
                line.append(String.format("%-" + widths[c] + "s  ", value));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode node = mapper.createObjectNode();
        new java.util.TreeMap<>(item).forEach((name, value) -> put(node, name, value));
        return node;
    }

    private void put(ObjectNode node, String name, AttributeValue value) {
        if (value.s() != null) {
            node.put(name, value.s());
        } else if (value.n() != null) {
            node.put(name, new java.math.BigDecimal(value.n()));
        } else if (value.bool() != null) {
            node.put(name, value.bool());
        } else if (value.hasSs()) {
            ArrayNode array = node.putArray(name);
            value.ss().forEach(array::add);
        } else if (value.hasL()) {
            ArrayNode array = node.putArray(name);
            value.l().forEach(element -> array.add(element.s() != null ? element.s() : String.valueOf(element.n())));
        } else if (value.hasM()) {
            ObjectNode child = node.putObject(name);
            value.m().forEach((key, inner) -> put(child, key, inner));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return "";
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : String.valueOf(value.bool() == null ? "" : value.bool());
    }
}
