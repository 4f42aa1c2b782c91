package io.demandloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;

/**
 * {@code ./demandloop query tickets|alerts|demand}: lists what is stored, as a table or as JSON lines. A local
 * inspection tool, so it scans the table; no function does.
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
                List.of("service", "pattern", "tier", "score", "criteriaMet", "status", "evaluatedAt"), "tierSort");

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

    private final ObjectMapper mapper = new ObjectMapper();

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
        // Demands: highest score first.
        rows.sort(kind == Kind.DEMAND ? order.reversed() : order);
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
                widths[c] = Math.min(40, Math.max(widths[c], text(row, columns.get(c)).length()));
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
                String value = text(row, columns.get(c));
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
