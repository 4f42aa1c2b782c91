package io.demandloop.shared.aws;

import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.time.SortableInstant;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link TicketRepository} on one DynamoDB table.
 *
 * <p>Item: partition key {@code pk} = {@link Ticket#key()}; the canonical fields as attributes. A write is
 * conditional on the source version ({@code attribute_not_exists(pk) OR sourceVersion < :v}), so a
 * redelivery or an older version changes nothing and costs one write unit. The global secondary index
 * {@value #OPENED_MONTH_INDEX} ({@code kindMonth}, {@code openedAt}) serves window reads by Query.
 */
public final class DynamoDbTicketRepository implements TicketRepository {

    /** Name of the index keyed by kind and opened month, then opened instant. */
    public static final String OPENED_MONTH_INDEX = "OpenedMonthIndex";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbTicketRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbTicketRepository create(String tableName) {
        return new DynamoDbTicketRepository(
                DynamoDbClient.builder().httpClient(AwsClients.httpClient()).build(), tableName);
    }

    @Override
    public StoreOutcome store(Ticket ticket) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(toItem(ticket))
                    .conditionExpression("attribute_not_exists(pk) OR sourceVersion < :v")
                    .expressionAttributeValues(Map.of(":v", number(ticket.sourceVersion())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return StoreOutcome.STORED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old != null && old.containsKey("sourceVersion")
                    && Long.parseLong(old.get("sourceVersion").n()) > ticket.sourceVersion()) {
                return StoreOutcome.STALE;
            }
            return StoreOutcome.DUPLICATE;
        }
    }

    @Override
    public Optional<Ticket> find(String source, TicketKind kind, String sourceId) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("pk", string(Ticket.key(source, kind, sourceId))))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to) {
        List<Ticket> tickets = new ArrayList<>();
        YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(to.atZone(ZoneOffset.UTC));
        for (; !month.isAfter(last); month = month.plusMonths(1)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = client.query(QueryRequest.builder()
                        .tableName(tableName)
                        .indexName(OPENED_MONTH_INDEX)
                        .keyConditionExpression("kindMonth = :km AND openedAt BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(
                                ":km", string(kindMonth(kind, month)),
                                ":from", string(SortableInstant.format(from)),
                                ":to", string(SortableInstant.format(to))))
                        .exclusiveStartKey(startKey)
                        .build());
                page.items().forEach(item -> tickets.add(fromItem(item)));
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        return tickets;
    }

    static String kindMonth(TicketKind kind, YearMonth month) {
        return kind.wireName() + "#" + month;
    }

    static Map<String, AttributeValue> toItem(Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", string(t.key()));
        item.put("source", string(t.source()));
        item.put("sourceId", string(t.sourceId()));
        item.put("kind", string(t.kind().wireName()));
        item.put("service", string(t.service()));
        item.put("priority", number(t.priority()));
        item.put("state", string(t.state().wireName()));
        item.put("openedAt", string(SortableInstant.format(t.openedAt())));
        item.put("kindMonth", string(kindMonth(t.kind(), YearMonth.from(t.openedAt().atZone(ZoneOffset.UTC)))));
        item.put("sourceVersion", number(t.sourceVersion()));
        item.put("reopenCount", number(t.reopenCount()));
        putIfPresent(item, "number", t.number());
        putIfPresent(item, "configurationItem", t.configurationItem());
        putIfPresent(item, "department", t.department());
        putIfPresent(item, "assignmentGroup", t.assignmentGroup());
        putIfPresent(item, "category", t.category());
        putIfPresent(item, "title", t.title());
        putIfPresent(item, "link", t.link());
        if (t.resolvedAt() != null) {
            item.put("resolvedAt", string(SortableInstant.format(t.resolvedAt())));
        }
        if (t.closedAt() != null) {
            item.put("closedAt", string(SortableInstant.format(t.closedAt())));
        }
        if (t.sourceUpdatedAt() != null) {
            item.put("sourceUpdatedAt", string(SortableInstant.format(t.sourceUpdatedAt())));
        }
        if (t.effortMinutes() != null) {
            item.put("effortMinutes", number(t.effortMinutes()));
        }
        return item;
    }

    static Ticket fromItem(Map<String, AttributeValue> item) {
        return new Ticket(
                text(item, "source"),
                text(item, "sourceId"),
                TicketKind.fromWireName(text(item, "kind")),
                text(item, "number"),
                text(item, "service"),
                text(item, "configurationItem"),
                Integer.parseInt(item.get("priority").n()),
                TicketState.fromWireName(text(item, "state")),
                instant(item, "openedAt"),
                instant(item, "resolvedAt"),
                instant(item, "closedAt"),
                text(item, "department"),
                text(item, "assignmentGroup"),
                item.containsKey("effortMinutes") ? Integer.valueOf(item.get("effortMinutes").n()) : null,
                text(item, "category"),
                text(item, "title"),
                Long.parseLong(item.get("sourceVersion").n()),
                instant(item, "sourceUpdatedAt"),
                Integer.parseInt(item.get("reopenCount").n()),
                text(item, "link"));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, string(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : SortableInstant.parse(value);
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
