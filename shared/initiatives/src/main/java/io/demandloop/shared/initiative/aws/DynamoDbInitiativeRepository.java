package io.demandloop.shared.initiative.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.n;
import static io.demandloop.shared.aws.DynamoDbAttributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.aws.NewestVersionPut;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.time.SortableInstant;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link InitiativeRepository} on one DynamoDB table (docs/storage.md, "Initiatives").
 *
 * <p>One item per initiative, partition key {@code pk} = {@link Initiative#id()}, the whole canonical record as JSON
 * in {@code record} beside the attributes the condition and the indexes need. The only write is the conditional
 * {@code PutItem} that keeps the newest source version, {@link NewestVersionPut}, the same as the ticket store's. Two
 * global secondary indexes, both on a fixed partition, because a portfolio holds hundreds of initiatives, not
 * millions:
 * <ul>
 *   <li>{@value #ALL_INDEX}: {@code allKey} = {@value #ALL_PARTITION}, {@code allSort} =
 *       {@code <sourceUpdatedAt>#<id>}; every initiative, newest change first by reading backwards. Serves
 *       {@link #findAll()} and, with a filter on the string set {@code demandIds}, {@link #findByDemand}.</li>
 *   <li>{@value #DELIVERED_INDEX}: {@code deliveredKey} = {@value #DELIVERED_PARTITION}, {@code deliveredSort} =
 *       {@code <deliveredAt>#<id>}, present only while the initiative is delivered. Serves
 *       {@link #findDeliveredBetween}: the nightly measurement reads only the deliveries inside its windows.</li>
 * </ul>
 */
public final class DynamoDbInitiativeRepository implements InitiativeRepository {

    /** The index of every initiative, by source update. */
    public static final String ALL_INDEX = "AllIndex";
    /** The sparse index of delivered initiatives, by delivery. */
    public static final String DELIVERED_INDEX = "DeliveredIndex";
    /** The one partition of {@value #ALL_INDEX}. */
    static final String ALL_PARTITION = "initiative";
    /** The one partition of {@value #DELIVERED_INDEX}. */
    static final String DELIVERED_PARTITION = "delivered";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbInitiativeRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbInitiativeRepository create(String tableName) {
        return new DynamoDbInitiativeRepository(
                DynamoDbClients.lean(), tableName);
    }

    @Override
    public StoreOutcome store(Initiative initiative) {
        return NewestVersionPut.put(client, tableName, toItem(initiative), initiative.sourceVersion());
    }

    @Override
    public Optional<Initiative> find(String id) {
        GetItemResponse response = client.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(Map.of("pk", s(id))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    @Override
    public List<Initiative> findAll() {
        List<Initiative> found = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).indexName(ALL_INDEX).scanIndexForward(false)
                .keyConditionExpression("allKey = :all")
                .expressionAttributeValues(Map.of(":all", s(ALL_PARTITION))),
                item -> found.add(fromItem(item)));
        // The index sorts by the millisecond text; the same instant's ties go by id, as the in-memory fake does.
        found.sort(Comparator.comparing(Initiative::sourceUpdatedAt).reversed().thenComparing(Initiative::id));
        return found;
    }

    @Override
    public List<Initiative> findDeliveredBetween(Instant from, Instant to) {
        List<Initiative> found = new ArrayList<>();
        if (from.isAfter(to)) {
            return found;
        }
        // Sort keys carry milliseconds: the range is widened to whole milliseconds and cut to the instant here.
        query(QueryRequest.builder().tableName(tableName).indexName(DELIVERED_INDEX)
                .keyConditionExpression("deliveredKey = :d AND deliveredSort BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":d", s(DELIVERED_PARTITION),
                        ":from", s(SortableInstant.format(from)),
                        ":to", s(SortableInstant.format(to.plus(Duration.ofMillis(1)))))),
                item -> {
                    Initiative initiative = fromItem(item);
                    if (initiative.delivered() && !initiative.deliveredAt().isBefore(from)
                            && !initiative.deliveredAt().isAfter(to)) {
                        found.add(initiative);
                    }
                });
        found.sort(Comparator.comparing(Initiative::deliveredAt).thenComparing(Initiative::id));
        return found;
    }

    @Override
    public List<Initiative> findByDemand(String demandId) {
        List<Initiative> found = new ArrayList<>();
        // A Query on the fixed partition with a filter: it reads every initiative's index entry (docs/storage.md has
        // the cost), which at portfolio scale is a few read units; lineage is read on demand, never nightly.
        query(QueryRequest.builder().tableName(tableName).indexName(ALL_INDEX)
                .keyConditionExpression("allKey = :all")
                .filterExpression("contains(demandIds, :demand)")
                .expressionAttributeValues(Map.of(":all", s(ALL_PARTITION),
                        ":demand", s(demandId))),
                item -> found.add(fromItem(item)));
        found.sort(Comparator.comparing(Initiative::id));
        return found;
    }

    static Map<String, AttributeValue> toItem(Initiative initiative) {
        Map<String, AttributeValue> item = new HashMap<>();
        String id = initiative.id();
        item.put("pk", s(id));
        item.put("source", s(initiative.source()));
        item.put("sourceId", s(initiative.sourceId()));
        item.put("status", s(initiative.status().wireName()));
        item.put("sourceVersion", n(initiative.sourceVersion()));
        item.put("sourceUpdatedAt", s(SortableInstant.format(initiative.sourceUpdatedAt())));
        item.put("allKey", s(ALL_PARTITION));
        item.put("allSort", s(SortableInstant.format(initiative.sourceUpdatedAt()) + "#" + id));
        if (!initiative.demandIds().isEmpty()) {
            // A string set (never empty in DynamoDB), for the filter of findByDemand; the record keeps the order.
            item.put("demandIds", AttributeValue.fromSs(initiative.demandIds()));
        }
        if (initiative.delivered()) {
            String deliveredAt = SortableInstant.format(initiative.deliveredAt());
            item.put("deliveredAt", s(deliveredAt));
            item.put("deliveredKey", s(DELIVERED_PARTITION));
            item.put("deliveredSort", s(deliveredAt + "#" + id));
        }
        try {
            item.put("record", s(Json.mapper().writeValueAsString(initiative)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return item;
    }

    static Initiative fromItem(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(item.get("record").s(), Initiative.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the stored initiative " + item.get("pk").s() + " is not readable", e);
        }
    }

    private void query(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        client.queryPaginator(request.build()).items().forEach(each);
    }
}
