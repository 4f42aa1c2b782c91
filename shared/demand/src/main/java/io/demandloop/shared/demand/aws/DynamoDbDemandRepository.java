package io.demandloop.shared.demand.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.n;
import static io.demandloop.shared.aws.DynamoDbAttributes.s;
import static io.demandloop.shared.aws.DynamoDbAttributes.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.decision.aws.DemandTableKeys;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.time.SortableInstant;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link DemandRepository} on one DynamoDB table, one partition per service ({@code pk} = the service):
 * <ul>
 *   <li>{@code sk = current#<pattern>}: the demand now (its latest record as JSON, status, bookkeeping), with the
 *       keys of {@value #TIER_INDEX}: {@code tierKey} = the tier, {@code tierSort} = {@code <score 000.00>#<id>};</li>
 *   <li>{@code sk = history#<pattern>#<instant>#evaluation} and {@code …#status}: the history, put with
 *       {@code attribute_not_exists}, never changed.</li>
 * </ul>
 * The current item is written conditional on the evaluation instant and the status instant it was decided from
 * (docs/storage.md, "Demand").
 *
 * <p>Capacity snapshots have a partition of their own, {@code pk = }{@value #CAPACITY_PARTITION}, one item per
 * evaluation instant, {@code sk = snapshot#<asOf>}, put with {@code attribute_not_exists} and never changed; the
 * newest at or before an instant is one Query. Their sort keys share no prefix with demand items, so even a
 * service of that name could not meet them.
 */
public final class DynamoDbDemandRepository implements DemandRepository {

    /** The index of current demands by tier, sorted by score. */
    public static final String TIER_INDEX = "TierIndex";

    static final String HISTORY_PREFIX = "history#";
    /** The partition of the capacity snapshots. */
    public static final String CAPACITY_PARTITION = "#capacity";
    static final String CAPACITY_PREFIX = "snapshot#";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbDemandRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbDemandRepository create(String tableName) {
        return new DynamoDbDemandRepository(DynamoDbClients.lean(),
                tableName);
    }

    @Override
    public Optional<StoredDemand> find(String id) {
        DemandId parsed = DemandId.parse(id);
        GetItemResponse response = client.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(DemandTableKeys.current(parsed)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    @Override
    public List<StoredDemand> findByService(String service) {
        List<StoredDemand> found = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :current)")
                .expressionAttributeValues(Map.of(":pk", s(service), ":current", s(DemandTableKeys.CURRENT_PREFIX))),
                item -> found.add(fromItem(item)));
        return found;
    }

    @Override
    public List<StoredDemand> findByTier(DemandTier tier) {
        List<StoredDemand> found = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).indexName(TIER_INDEX).scanIndexForward(false)
                .keyConditionExpression("tierKey = :tier")
                .expressionAttributeValues(Map.of(":tier", s(tier.wireName()))),
                item -> found.add(fromItem(item)));
        return found;
    }

    @Override
    public boolean save(StoredDemand demand, StoredDemand previous) {
        DemandId id = DemandId.parse(demand.id());
        if (previous == null || !previous.contentHash().equals(demand.contentHash())) {
            Map<String, AttributeValue> entry = historyKey(id, demand.evaluatedAt(), DemandHistoryEntry.EVALUATION);
            entry.put("kind", s(DemandHistoryEntry.EVALUATION));
            entry.put("tier", s(demand.record().tier().wireName()));
            entry.put("score", n(demand.record().score()));
            entry.put("contentHash", s(demand.contentHash()));
            putOnce(entry);
        }
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName).item(currentItem(demand));
        if (previous == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("evaluatedAt = :previous AND statusAt = :statusAt AND :at > evaluatedAt")
                    .expressionAttributeValues(Map.of(
                            ":previous", s(SortableInstant.format(previous.evaluatedAt())),
                            ":statusAt", s(SortableInstant.format(previous.statusAt())),
                            ":at", s(SortableInstant.format(demand.evaluatedAt()))));
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void confirmEscalation(String id, Instant evaluatedAt) {
        DemandId parsed = DemandId.parse(id);
        try {
            client.updateItem(UpdateItemRequest.builder().tableName(tableName)
                    .key(DemandTableKeys.current(parsed))
                    .updateExpression("REMOVE pendingEscalation")
                    .conditionExpression("evaluatedAt = :at")
                    .expressionAttributeValues(Map.of(":at", s(SortableInstant.format(evaluatedAt))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // a newer evaluation replaced it: its own escalation flag is its own business
        }
    }

    @Override
    public void addStatusEntry(DemandStatusChange change) {
        Map<String, AttributeValue> entry = historyKey(DemandId.parse(change.id()), change.at(), DemandHistoryEntry.STATUS);
        entry.put("kind", s(DemandHistoryEntry.STATUS));
        entry.put("status", s(change.status().wireName()));
        entry.put("by", s(change.by()));
        if (change.why() != null) {
            entry.put("why", s(change.why()));
        }
        putOnce(entry);
    }

    @Override
    public boolean saveStatus(StoredDemand next, StoredDemand current) {
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(currentItem(next))
                    .conditionExpression("evaluatedAt = :evaluated AND statusAt = :statusAt")
                    .expressionAttributeValues(Map.of(
                            ":evaluated", s(SortableInstant.format(current.evaluatedAt())),
                            ":statusAt", s(SortableInstant.format(current.statusAt()))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // an evaluation or another status change came in between
        }
    }

    @Override
    public List<DemandHistoryEntry> history(String id) {
        DemandId parsed = DemandId.parse(id);
        List<DemandHistoryEntry> entries = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(parsed.service()),
                        ":prefix", s(HISTORY_PREFIX + parsed.pattern() + "#"))),
                item -> {
                    // a longer pattern with this one as its prefix shares the key prefix
                    if (!parsed.pattern().equals(item.get("pattern").s())) {
                        return;
                    }
                    String kind = item.get("kind").s();
                    entries.add(new DemandHistoryEntry(parsed.id(), SortableInstant.parse(item.get("at").s()), kind,
                            item.containsKey("tier") ? DemandTier.fromWireName(item.get("tier").s()) : null,
                            item.containsKey("score") ? Double.valueOf(item.get("score").n()) : null,
                            text(item, "contentHash"),
                            item.containsKey("status") ? DemandStatus.fromWireName(item.get("status").s()) : null,
                            text(item, "by"), text(item, "why")));
                });
        entries.sort((a, b) -> a.at().compareTo(b.at()));
        return entries;
    }

    @Override
    public boolean saveCapacity(CapacitySnapshot snapshot) {
        Map<String, AttributeValue> item = capacityItem(snapshot);
        int size = DynamoDbItemSize.of(item);
        if (size > DynamoDbItemSize.MAX_ITEM_BYTES) {
            // Fail with the numbers rather than DynamoDB's bare ValidationException.
            throw new IllegalStateException("the capacity snapshot as of " + snapshot.asOf() + " is " + size
                    + " bytes, over DynamoDB's item limit of " + DynamoDbItemSize.MAX_ITEM_BYTES + " (" + snapshot.serviceCount()
                    + " services)");
        }
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // kept already: a re-run of the same night
        }
    }

    @Override
    public Optional<CapacitySnapshot> latestCapacity(Instant at) {
        QueryResponse response = client.query(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :first AND :last")
                .expressionAttributeValues(Map.of(":pk", s(CAPACITY_PARTITION), ":first", s(CAPACITY_PREFIX),
                        ":last", s(CAPACITY_PREFIX + SortableInstant.format(at))))
                .scanIndexForward(false).limit(1).build());
        return response.items().isEmpty() ? Optional.empty() : Optional.of(fromCapacityItem(response.items().get(0)));
    }

    static Map<String, AttributeValue> capacityItem(CapacitySnapshot snapshot) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(CAPACITY_PARTITION));
        item.put("sk", s(CAPACITY_PREFIX + SortableInstant.format(snapshot.asOf())));
        item.put("asOf", s(SortableInstant.format(snapshot.asOf())));
        item.put("window", s(snapshot.window()));
        item.put("windowStart", s(SortableInstant.format(snapshot.windowStart())));
        item.put("teams", n(snapshot.teams().size()));
        item.put("services", n(snapshot.serviceCount()));
        try {
            item.put("snapshot", s(Json.mapper().writeValueAsString(snapshot)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return item;
    }

    static CapacitySnapshot fromCapacityItem(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(item.get("snapshot").s(), CapacitySnapshot.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the capacity snapshot " + item.get("sk").s() + " is not readable", e);
        }
    }

    static Map<String, AttributeValue> currentItem(StoredDemand demand) {
        DemandRecord record = demand.record();
        DemandId id = DemandId.parse(record.id());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(id.service()));
        item.put("sk", s(DemandTableKeys.CURRENT_PREFIX + id.pattern()));
        item.put("id", s(record.id()));
        item.put("pattern", s(id.pattern()));
        item.put("tier", s(record.tier().wireName()));
        item.put("score", n(record.score()));
        item.put("criteriaMet", s(record.criteriaMet().stream().map(c -> c.wireName())
                .collect(java.util.stream.Collectors.joining(", "))));
        item.put("tierKey", s(record.tier().wireName()));
        item.put("tierSort", s(String.format(Locale.ROOT, "%06.2f#%s", record.score(), record.id())));
        try {
            item.put("record", s(Json.mapper().writeValueAsString(record)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        item.put("contentHash", s(demand.contentHash()));
        item.put("evaluatedAt", s(SortableInstant.format(demand.evaluatedAt())));
        item.put("firstRaisedAt", s(SortableInstant.format(demand.firstRaisedAt())));
        item.put("status", s(demand.status().wireName()));
        item.put("statusAt", s(SortableInstant.format(demand.statusAt())));
        if (demand.statusBy() != null) {
            item.put("statusBy", s(demand.statusBy()));
        }
        if (demand.statusWhy() != null) {
            item.put("statusWhy", s(demand.statusWhy()));
        }
        if (demand.rejectedScore() != null) {
            item.put("rejectedScore", n(demand.rejectedScore()));
        }
        if (demand.previousTier() != null) {
            item.put("previousTier", s(demand.previousTier().wireName()));
        }
        if (demand.pendingEscalation() != null) {
            item.put("pendingEscalation", s(demand.pendingEscalation()));
        }
        return item;
    }

    static StoredDemand fromItem(Map<String, AttributeValue> item) {
        DemandRecord record;
        try {
            record = Json.mapper().readValue(item.get("record").s(), DemandRecord.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the stored demand " + item.get("id").s() + " is not a readable record", e);
        }
        return StoredDemand.builder().record(record).contentHash(item.get("contentHash").s())
                .evaluatedAt(SortableInstant.parse(item.get("evaluatedAt").s()))
                .firstRaisedAt(SortableInstant.parse(item.get("firstRaisedAt").s()))
                .status(DemandStatus.fromWireName(item.get("status").s())).statusBy(text(item, "statusBy"))
                .statusWhy(text(item, "statusWhy")).statusAt(SortableInstant.parse(item.get("statusAt").s()))
                .rejectedScore(item.containsKey("rejectedScore") ? Double.valueOf(item.get("rejectedScore").n()) : null)
                .previousTier(item.containsKey("previousTier")
                        ? DemandTier.fromWireName(item.get("previousTier").s()) : null)
                .pendingEscalation(text(item, "pendingEscalation")).build();
    }

    private Map<String, AttributeValue> historyKey(DemandId id, Instant at, String kind) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(id.service()));
        item.put("sk", s(HISTORY_PREFIX + id.pattern() + "#" + SortableInstant.format(at) + "#" + kind));
        item.put("id", s(id.id()));
        item.put("pattern", s(id.pattern()));
        item.put("at", s(SortableInstant.format(at)));
        return item;
    }

    private void putOnce(Map<String, AttributeValue> item) {
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(sk)").build());
        } catch (ConditionalCheckFailedException e) {
            // already in the history: a retry or a re-run
        }
    }

    private void query(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        client.queryPaginator(request.build()).items().forEach(each);
    }
}
