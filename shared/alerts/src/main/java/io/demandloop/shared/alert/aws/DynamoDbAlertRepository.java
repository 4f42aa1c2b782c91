package io.demandloop.shared.alert.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.instant;
import static io.demandloop.shared.aws.DynamoDbAttributes.n;
import static io.demandloop.shared.aws.DynamoDbAttributes.putIfPresent;
import static io.demandloop.shared.aws.DynamoDbAttributes.s;
import static io.demandloop.shared.aws.DynamoDbAttributes.text;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertOccurrence;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.aws.DynamoDbAttributes;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.time.SortableInstant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link AlertRepository} on one DynamoDB table with a composite key (docs/storage.md has the whole design).
 *
 * <p>Everything of a service lives in one partition, {@code pk} = the service, so that episode grouping reads
 * what was just written with strongly consistent queries:
 * <ul>
 *   <li>an alert: {@code sk} = {@code alert#<source>#<alertId>}, written by one {@code UpdateItem} conditional on
 *       the source version (a redelivery or an older version fails the condition and changes nothing) that also
 *       keeps the start of the version it replaced in {@code previousStart}; its
 *       {@code startSort} = {@code <startsAt>#<key>} puts it in the local secondary index {@value #START_INDEX}, which
 *       projects what grouping needs;</li>
 *   <li>an episode: {@code sk} = {@code episode#<start>}, written whole and deleted when superseded;</li>
 *   <li>the service directory: {@code pk} = {@value #SERVICES_PARTITION}, {@code sk} = a service that has had an
 *       episode, so that the services with alerts can be listed by one Query.</li>
 * </ul>
 * A service's name is part of an alert's storage identity: normalisers derive it from what identifies the alert
 * (Alertmanager labels, an alarm name), so it does not change between versions.
 */
public final class DynamoDbAlertRepository implements AlertRepository {

    /** The local index of a service's alerts by start. */
    public static final String START_INDEX = "AlertStartIndex";

    static final String ALERT_PREFIX = "alert#";
    static final String EPISODE_PREFIX = "episode#";
    /**
     * The partition of the service directory: one item per service that has had an episode, {@code sk} = the
     * service. A service's own partition is its name; this one cannot collide with a real service unless a tool
     * names a service {@value}.
     */
    static final String SERVICES_PARTITION = "#services";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbAlertRepository.class);
    /** Free text that may be shortened or dropped to keep an alert within one write unit, in this order. */
    private static final List<String> TRIMMABLE = List.of("title", "link", "labels");
    /** An alert's budget: one write unit, less room for {@code previousStart} (name and a fixed-width instant). */
    private static final int ALERT_BYTES = DynamoDbItemSize.WRITE_UNIT_BYTES - 40;
    /** What a version of an alert may lack; a newer version without them removes them. */
    private static final List<String> OPTIONAL_ALERT_ATTRIBUTES = List.of("endsAt", "title", "link", "labels");
    /** Sorts after {@code #}: the upper bound of an instant in {@code startSort}. */
    private static final String AFTER_INSTANT = "$";

    private final DynamoDbClient client;
    private final String tableName;
    /** Services this instance has already listed in the directory: one put per service and container, not per episode. */
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    public DynamoDbAlertRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbAlertRepository create(String tableName) {
        return new DynamoDbAlertRepository(DynamoDbClients.lean(), tableName);
    }

    @Override
    public AlertWrite store(MonitoringEvent event) {
        Map<String, AttributeValue> item = DynamoDbItemSize.fit(toItem(event), ALERT_BYTES, TRIMMABLE);
        if (DynamoDbItemSize.of(item) > ALERT_BYTES) {
            LOG.warn("alert {} is {} bytes even without title, link and labels", event.key(), DynamoDbItemSize.of(item));
        }
        Instant start = instant(item, "startsAt");
        try {
            UpdateItemResponse response = client.updateItem(replaceWhole(item));
            Map<String, AttributeValue> old = response.hasAttributes() ? response.attributes() : Map.of();
            return new AlertWrite(StoreOutcome.STORED, start,
                    Arrays.asList(instant(old, "startsAt"), instant(old, "previousStart")));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = e.hasItem() ? e.item() : Map.of();
            boolean newer = stored.containsKey("sourceVersion")
                    && Long.parseLong(stored.get("sourceVersion").n()) > event.sourceVersion();
            return new AlertWrite(newer ? StoreOutcome.STALE : StoreOutcome.DUPLICATE,
                    stored.containsKey("startsAt") ? instant(stored, "startsAt") : start,
                    Collections.singletonList(instant(stored, "previousStart")));
        }
    }

    /**
     * One conditional {@code UpdateItem} that makes the item exactly {@code item} (every attribute set, the optional
     * ones it lacks removed) and keeps, in {@code previousStart}, the start the replaced version had: update
     * expressions read the item as it was, so no read is needed. A retry after a crash finds that start in the
     * stored item and reconciles the episodes where the alert was, too.
     */
    private UpdateItemRequest replaceWhole(Map<String, AttributeValue> item) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : new TreeMap<>(item).entrySet()) {
            if (attribute.getKey().equals("pk") || attribute.getKey().equals("sk")) {
                continue;
            }
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            if (attribute.getKey().equals("startsAt")) {
                names.put("#prev", "previousStart");
                sets.add("#prev = if_not_exists(#a" + i + ", :a" + i + ")");
            }
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        List<String> removes = new ArrayList<>();
        for (String optional : OPTIONAL_ALERT_ATTRIBUTES) {
            if (!item.containsKey(optional)) {
                names.put("#r" + removes.size(), optional);
                removes.add("#r" + removes.size());
            }
        }
        names.put("#pk", "pk");
        names.put("#version", "sourceVersion");
        values.put(":v", item.get("sourceVersion"));
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                .updateExpression("SET " + String.join(", ", sets)
                        + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
                .conditionExpression("attribute_not_exists(#pk) OR #version < :v")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                // Both return the replaced or winning item at no extra cost: no read before or after.
                .returnValues(ReturnValue.ALL_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    @Override
    public Optional<MonitoringEvent> find(String service, String key) {
        Map<String, AttributeValue> item = client.getItem(g -> g
                .tableName(tableName)
                .key(Map.of("pk", s(service), "sk", s(ALERT_PREFIX + key)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(eventFromItem(item));
    }

    @Override
    public List<AlertOccurrence> occurrencesStartingBetween(String service, Instant from, Instant to) {
        List<AlertOccurrence> occurrences = new ArrayList<>();
        if (from.isAfter(to)) {
            return occurrences;
        }
        query(QueryRequest.builder()
                .tableName(tableName)
                .indexName(START_INDEX)
                .consistentRead(true)
                .keyConditionExpression("pk = :s AND startSort BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":s", s(service),
                        ":from", s(SortableInstant.format(from)),
                        ":to", s(SortableInstant.format(to) + AFTER_INSTANT))), item -> occurrences.add(
                new AlertOccurrence(
                        text(item, "alertKey"),
                        text(item, "fingerprint"),
                        Severity.fromWireName(text(item, "severity")),
                        AlertStatus.fromWireName(text(item, "status")),
                        instant(item, "startsAt"),
                        instant(item, "endsAt"),
                        Long.parseLong(item.get("sourceVersion").n()))));
        return occurrences;
    }

    @Override
    public List<AlertEpisode> episodesStartingBetween(String service, Instant from, Instant to) {
        List<AlertEpisode> episodes = new ArrayList<>();
        if (from.isAfter(to)) {
            return episodes;
        }
        query(QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("pk = :s AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":s", s(service),
                        ":from", s(EPISODE_PREFIX + SortableInstant.format(from)),
                        ":to", s(EPISODE_PREFIX + SortableInstant.format(to)))),
                item -> episodes.add(episodeFromItem(item)));
        return episodes;
    }

    @Override
    public void putEpisode(AlertEpisode episode) {
        client.putItem(p -> p.tableName(tableName).item(toItem(episode)));
        if (!listed.contains(episode.service())) {
            // After the episode, so that a listed service always has had one; a repeated put is harmless.
            client.putItem(p -> p.tableName(tableName).item(Map.of(
                    "pk", s(SERVICES_PARTITION), "sk", s(episode.service()))));
            listed.add(episode.service());
        }
    }

    @Override
    public SortedSet<String> servicesWithEpisodes() {
        SortedSet<String> services = new TreeSet<>();
        query(QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(SERVICES_PARTITION))),
                item -> services.add(item.get("sk").s()));
        return services;
    }

    @Override
    public void deleteEpisode(String service, Instant start) {
        client.deleteItem(d -> d.tableName(tableName)
                .key(Map.of("pk", s(service), "sk", s(EPISODE_PREFIX + SortableInstant.format(start)))));
    }

    private void query(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        client.queryPaginator(request.build()).items().forEach(each);
    }

    static Map<String, AttributeValue> toItem(MonitoringEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        String startsAt = SortableInstant.format(e.startsAt());
        item.put("pk", s(e.service()));
        item.put("sk", s(ALERT_PREFIX + e.key()));
        item.put("startSort", s(startsAt + "#" + e.key()));
        item.put("alertKey", s(e.key()));
        item.put("source", s(e.source()));
        item.put("alertId", s(e.alertId()));
        item.put("fingerprint", s(e.fingerprint()));
        item.put("severity", s(e.severity().wireName()));
        item.put("status", s(e.status().wireName()));
        item.put("startsAt", s(startsAt));
        item.put("sourceVersion", n(e.sourceVersion()));
        item.put("observedAt", s(SortableInstant.format(e.observedAt())));
        if (e.endsAt() != null) {
            item.put("endsAt", s(SortableInstant.format(e.endsAt())));
        }
        putIfPresent(item, "title", e.title());
        putIfPresent(item, "link", e.link());
        if (!e.labels().isEmpty()) {
            Map<String, AttributeValue> labels = new TreeMap<>();
            e.labels().forEach((name, value) -> labels.put(name, s(value == null ? "" : value)));
            item.put("labels", AttributeValue.fromM(labels));
        }
        return item;
    }

    static MonitoringEvent eventFromItem(Map<String, AttributeValue> item) {
        Map<String, String> labels = new TreeMap<>();
        AttributeValue stored = item.get("labels");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> labels.put(name, value.s()));
        }
        return new MonitoringEvent(
                text(item, "source"),
                text(item, "alertId"),
                text(item, "fingerprint"),
                text(item, "pk"),
                Severity.fromWireName(text(item, "severity")),
                AlertStatus.fromWireName(text(item, "status")),
                instant(item, "startsAt"),
                instant(item, "endsAt"),
                text(item, "title"),
                labels,
                Long.parseLong(item.get("sourceVersion").n()),
                instant(item, "observedAt"),
                text(item, "link"));
    }

    static Map<String, AttributeValue> toItem(AlertEpisode e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(e.service()));
        item.put("sk", s(EPISODE_PREFIX + SortableInstant.format(e.start())));
        item.put("start", s(SortableInstant.format(e.start())));
        item.put("lastStart", s(SortableInstant.format(e.lastStart())));
        if (e.end() != null) {
            item.put("end", s(SortableInstant.format(e.end())));
        }
        item.put("status", s(e.status().wireName()));
        item.put("maxSeverity", s(e.maxSeverity().wireName()));
        item.put("alertCount", n(e.alertCount()));
        item.put("firingCount", n(e.firingCount()));
        item.put("fingerprintCount", n(e.fingerprintCount()));
        item.put("flapping", AttributeValue.fromBool(e.flapping()));
        if (!e.flappingFingerprints().isEmpty()) {
            item.put("flappingFingerprints", AttributeValue.fromL(e.flappingFingerprints().stream()
                    .map(DynamoDbAttributes::s).toList()));
        }
        item.put("firstAlert", s(e.firstAlert()));
        putIfPresent(item, "linkedIncident", e.linkedIncident());
        return item;
    }

    static AlertEpisode episodeFromItem(Map<String, AttributeValue> item) {
        AttributeValue flapping = item.get("flappingFingerprints");
        return new AlertEpisode(
                text(item, "pk"),
                instant(item, "start"),
                instant(item, "lastStart"),
                instant(item, "end"),
                AlertStatus.fromWireName(text(item, "status")),
                Severity.fromWireName(text(item, "maxSeverity")),
                Integer.parseInt(item.get("alertCount").n()),
                Integer.parseInt(item.get("firingCount").n()),
                Integer.parseInt(item.get("fingerprintCount").n()),
                Boolean.TRUE.equals(item.get("flapping").bool()),
                flapping == null ? List.of() : flapping.l().stream().map(AttributeValue::s).toList(),
                text(item, "firstAlert"),
                text(item, "linkedIncident"));
    }
}
