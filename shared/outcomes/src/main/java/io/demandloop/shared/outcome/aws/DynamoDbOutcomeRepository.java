package io.demandloop.shared.outcome.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeHistoryEntry;
import io.demandloop.shared.outcome.OutcomeRepository;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.time.SortableInstant;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link OutcomeRepository} on the outcomes table ({@code OutcomesTable}, docs/storage.md "Outcomes"):
 * <ul>
 *   <li>{@code pk = }{@value #CURRENT_PARTITION}, {@code sk = current#<initiative id>}: the current outcome of each
 *       initiative ({@code outcome} as JSON, {@code verdict}, {@code measuredAt}, {@code pendingEvent}); one Query
 *       lists them all, one GetItem reads one;</li>
 *   <li>{@code pk = <initiative id>}, {@code sk = history#<measuredAt>}: one entry per measurement that changed the
 *       verdict, put with {@code attribute_not_exists}, never changed.</li>
 * </ul>
 * The current item is written conditional on the measurement instant it replaces, so a re-run of the same night, or
 * an older night replayed, writes nothing.
 */
public final class DynamoDbOutcomeRepository implements OutcomeRepository {

    /** The partition of the current outcomes. */
    public static final String CURRENT_PARTITION = "#outcomes";
    static final String CURRENT_PREFIX = "current#";
    static final String HISTORY_PREFIX = "history#";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbOutcomeRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbOutcomeRepository create(String tableName) {
        return new DynamoDbOutcomeRepository(DynamoDbClients.lean(),
                tableName);
    }

    @Override
    public Optional<StoredOutcome> find(String initiativeId) {
        GetItemResponse response = client.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(currentKey(initiativeId)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    @Override
    public List<StoredOutcome> findAll() {
        List<StoredOutcome> found = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :current)")
                .expressionAttributeValues(Map.of(":pk", s(CURRENT_PARTITION), ":current", s(CURRENT_PREFIX))),
                item -> found.add(fromItem(item)));
        return found;
    }

    @Override
    public boolean save(Outcome outcome, Outcome previous, boolean pendingEvent) {
        if (previous != null && !previous.measuredAt().isBefore(outcome.measuredAt())) {
            return false;
        }
        if (previous == null || previous.verdict() != outcome.verdict()) {
            putHistory(outcome);
        }
        Map<String, AttributeValue> item = currentItem(outcome, pendingEvent);
        int size = DynamoDbItemSize.of(item);
        if (size > DynamoDbItemSize.MAX_ITEM_BYTES) {
            throw new IllegalStateException("the outcome of '" + outcome.initiativeId() + "' takes " + size
                    + " bytes, over DynamoDB's 400 KB item limit");
        }
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName).item(item);
        if (previous == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("measuredAt = :previous AND :at > measuredAt")
                    .expressionAttributeValues(Map.of(
                            ":previous", s(SortableInstant.format(previous.measuredAt())),
                            ":at", s(SortableInstant.format(outcome.measuredAt()))));
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void confirmEvent(String initiativeId, Instant measuredAt) {
        try {
            client.updateItem(UpdateItemRequest.builder().tableName(tableName).key(currentKey(initiativeId))
                    .updateExpression("SET pendingEvent = :false")
                    .conditionExpression("measuredAt = :at")
                    .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false),
                            ":at", s(SortableInstant.format(measuredAt))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // a newer measurement replaced it: its own flag stands
        }
    }

    @Override
    public List<OutcomeHistoryEntry> history(String initiativeId) {
        List<OutcomeHistoryEntry> entries = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :history)")
                .expressionAttributeValues(Map.of(":pk", s(initiativeId), ":history", s(HISTORY_PREFIX))),
                item -> entries.add(new OutcomeHistoryEntry(SortableInstant.parse(item.get("measuredAt").s()),
                        Json.mapper().convertValue(item.get("verdict").s(), Verdict.class),
                        item.get("sentence").s(),
                        item.containsKey("change") ? read(item.get("change").s(), IntervalEstimate.class) : null)));
        return entries;
    }

    static Map<String, AttributeValue> currentItem(Outcome outcome, boolean pendingEvent) {
        Map<String, AttributeValue> item = new HashMap<>(currentKey(outcome.initiativeId()));
        item.put("initiativeId", s(outcome.initiativeId()));
        item.put("verdict", s(outcome.verdict().wireName()));
        item.put("measuredAt", s(SortableInstant.format(outcome.measuredAt())));
        item.put("deliveredAt", s(SortableInstant.format(outcome.deliveredAt())));
        item.put("pendingEvent", AttributeValue.fromBool(pendingEvent));
        item.put("outcome", s(write(outcome)));
        return item;
    }

    static StoredOutcome fromItem(Map<String, AttributeValue> item) {
        AttributeValue pending = item.get("pendingEvent");
        return new StoredOutcome(read(item.get("outcome").s(), Outcome.class),
                pending != null && Boolean.TRUE.equals(pending.bool()));
    }

    private void putHistory(Outcome outcome) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(outcome.initiativeId()));
        item.put("sk", s(HISTORY_PREFIX + SortableInstant.format(outcome.measuredAt())));
        item.put("measuredAt", s(SortableInstant.format(outcome.measuredAt())));
        item.put("verdict", s(outcome.verdict().wireName()));
        item.put("sentence", s(outcome.sentence()));
        if (outcome.primary().change() != null) {
            item.put("change", s(write(outcome.primary().change())));
        }
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(sk)").build());
        } catch (ConditionalCheckFailedException e) {
            // already in the history: a retry or a re-run
        }
    }

    private static Map<String, AttributeValue> currentKey(String initiativeId) {
        return Map.of("pk", s(CURRENT_PARTITION), "sk", s(CURRENT_PREFIX + initiativeId));
    }

    private void query(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        client.queryPaginator(request.build()).items().forEach(each);
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
