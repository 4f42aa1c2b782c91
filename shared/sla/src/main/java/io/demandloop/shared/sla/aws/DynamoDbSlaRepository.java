package io.demandloop.shared.sla.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.n;
import static io.demandloop.shared.aws.DynamoDbAttributes.s;
import static io.demandloop.shared.aws.DynamoDbAttributes.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaClaim;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.SlaTicketRecord;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.time.SortableInstant;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link SlaRepository} on one DynamoDB table, one partition per ticket ({@code pk} = the ticket's key), so that
 * one strongly consistent Query reads a ticket's whole SLA record (docs/storage.md, docs/sla.md):
 * <ul>
 *   <li>{@code sk = v#<20-digit source version>}: a version (history), put with {@code attribute_not_exists}, never
 *       changed;</li>
 *   <li>{@code sk = state#<policyVersion>}: the SLA state under that policy version, written conditional on its
 *       {@code revision}, with the keys of {@value #DUE_INDEX}: {@code dueKey} = the policy version, {@code dueSort}
 *       = {@code <nextDue>#<digest>} while a threshold is pending, else {@code ~active#<digest>} while a clock
 *       runs or is paused, else {@code ~ended#<digest>} (both sort after every instant, so the due Query never reads
 *       them; a replay reads them all); the digest ({@link #keyDigest}) stands in for the ticket key, which may be
 *       longer than a sort key may be;</li>
 *   <li>{@code sk = claim#<metric>#<cycle>#<percent>}: the claim of one threshold, created conditionally;</li>
 *   <li>{@code sk = breach#<metric>#<cycle>}: a recorded breach, with the keys of {@value #BREACH_INDEX}:
 *       {@code breachService} = the service it counts for, {@code breachedAt} = its instant ({@link SortableInstant});
 *       created with {@code attribute_not_exists}, replaced or removed conditional on the values read.</li>
 * </ul>
 */
public final class DynamoDbSlaRepository implements SlaRepository {

    /** The index of SLA states by policy version, sorted by next due instant (pending first). */
    public static final String DUE_INDEX = "DueIndex";
    /** The sparse index of breaches by service, sorted by breach instant. */
    public static final String BREACH_INDEX = "BreachIndex";

    static final String VERSION_PREFIX = "v#";
    static final String STATE_PREFIX = "state#";
    static final String CLAIM_PREFIX = "claim#";
    static final String BREACH_PREFIX = "breach#";
    /** Sort prefixes after every formatted instant (which start with a digit): active with nothing due, ended. */
    static final String NOT_DUE = "~active#";
    static final String ENDED = "~ended#";
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_BATCH_ROUNDS = 5;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbSlaRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbSlaRepository create(String tableName) {
        return new DynamoDbSlaRepository(DynamoDbClients.lean(), tableName);
    }

    @Override
    public boolean recordVersion(TicketVersion v) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(v.ticketKey()));
        item.put("sk", s(versionSort(v.sourceVersion())));
        item.put("source", s(v.source()));
        item.put("kind", s(v.kind().wireName()));
        item.put("service", s(v.service()));
        item.put("priority", n(v.priority()));
        item.put("state", s(v.state().wireName()));
        item.put("openedAt", s(SortableInstant.format(v.openedAt())));
        item.put("at", s(SortableInstant.format(v.at())));
        item.put("sourceVersion", n(v.sourceVersion()));
        if (v.number() != null) {
            item.put("number", s(v.number()));
        }
        if (v.link() != null && !v.link().isEmpty()) {
            item.put("link", s(v.link()));
        }
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public SlaTicketRecord load(String ticketKey, String policyVersion) {
        List<TicketVersion> versions = new ArrayList<>();
        Map<String, SlaClaim> claims = new HashMap<>();
        Map<String, SlaBreach> breaches = new HashMap<>();
        SlaState[] state = {null};
        String stateSort = STATE_PREFIX + policyVersion;
        query(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(ticketKey))), item -> {
            String sk = item.get("sk").s();
            if (sk.startsWith(VERSION_PREFIX)) {
                versions.add(versionFromItem(ticketKey, item));
            } else if (sk.startsWith(CLAIM_PREFIX)) {
                SlaClaim claim = claimFromItem(ticketKey, item);
                claims.put(claim.thresholdId(), claim);
            } else if (sk.startsWith(BREACH_PREFIX)) {
                SlaBreach breach = breachFromItem(item);
                breaches.put(breach.id(), breach);
            } else if (sk.equals(stateSort)) {
                state[0] = stateFromItem(item);
            }
        });
        return new SlaTicketRecord(versions, claims, breaches, Optional.ofNullable(state[0]));
    }

    @Override
    public boolean saveState(SlaState state, long expectedRevision) {
        Map<String, AttributeValue> item = stateItem(state);
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName).item(item);
        if (expectedRevision == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("revision = :r").expressionAttributeValues(Map.of(":r", n(expectedRevision)));
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The state item: within one write unit for a ticket with a cycle per metric (DynamoDbSlaRepositoryItemTest). */
    static Map<String, AttributeValue> stateItem(SlaState state) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(state.ticketKey()));
        item.put("sk", s(STATE_PREFIX + state.policyVersion()));
        item.put("revision", n(state.revision()));
        item.put("state", s(json(state)));
        item.put("dueKey", s(state.policyVersion()));
        String prefix = state.nextDue() != null ? SortableInstant.format(state.nextDue()) + "#"
                : state.active() ? NOT_DUE : ENDED;
        item.put("dueSort", s(prefix + keyDigest(state.ticketKey())));
        return item;
    }

    @Override
    public List<String> findDue(String policyVersion, Instant asOf) {
        // '$' sorts after '#': every entry due at or before asOf, whatever its ticket key.
        return keys(QueryRequest.builder().tableName(tableName).indexName(DUE_INDEX)
                .keyConditionExpression("dueKey = :v AND dueSort < :upper")
                .expressionAttributeValues(Map.of(":v", s(policyVersion), ":upper", s(SortableInstant.format(asOf) + "$"))));
    }

    @Override
    public List<String> findTracked(String policyVersion) {
        return keys(QueryRequest.builder().tableName(tableName).indexName(DUE_INDEX)
                .keyConditionExpression("dueKey = :v")
                .expressionAttributeValues(Map.of(":v", s(policyVersion))));
    }

    private List<String> keys(QueryRequest.Builder request) {
        Set<String> keys = new LinkedHashSet<>();
        query(request, item -> keys.add(item.get("pk").s()));
        return List.copyOf(keys);
    }

    @Override
    public boolean claim(String ticketKey, String thresholdId, String policyVersion, String owner, Instant now,
                         Instant leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(ticketKey));
        item.put("sk", s(CLAIM_PREFIX + thresholdId));
        item.put("status", s(SlaClaim.Status.CLAIMED.wireName()));
        item.put("policyVersion", s(policyVersion));
        item.put("owner", s(owner));
        item.put("leaseUntil", s(SortableInstant.format(leaseUntil)));
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :claimed AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":claimed", s(SlaClaim.Status.CLAIMED.wireName()),
                            ":now", s(SortableInstant.format(now))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void complete(String ticketKey, String thresholdId, String owner, SlaClaim.Status status) {
        update(ticketKey, thresholdId, owner, "SET #status = :s REMOVE leaseUntil", Map.of(":s", s(status.wireName())));
    }

    @Override
    public void release(String ticketKey, String thresholdId, String owner) {
        update(ticketKey, thresholdId, owner, "SET leaseUntil = :s", Map.of(":s", s(SortableInstant.format(Instant.EPOCH))));
    }

    private void update(String ticketKey, String thresholdId, String owner, String expression,
                        Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":owner", s(owner));
        all.put(":claimed", s(SlaClaim.Status.CLAIMED.wireName()));
        try {
            client.updateItem(UpdateItemRequest.builder().tableName(tableName)
                    .key(Map.of("pk", s(ticketKey), "sk", s(CLAIM_PREFIX + thresholdId)))
                    .updateExpression(expression)
                    .conditionExpression("#owner = :owner AND #status = :claimed")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                    .expressionAttributeValues(all)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Taken over by another run after the lease ran out: that run completes it.
        }
    }

    @Override
    public boolean recordBreach(SlaBreach breach) {
        return putBreach(PutItemRequest.builder().tableName(tableName).item(breachItem(breach))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public boolean replaceBreach(SlaBreach recorded, SlaBreach breach) {
        if (!recorded.ticketKey().equals(breach.ticketKey()) || !recorded.id().equals(breach.id())) {
            throw new IllegalArgumentException("a breach is replaced by one of the same ticket, metric and cycle: "
                    + recorded + " by " + breach);
        }
        return putBreach(PutItemRequest.builder().tableName(tableName).item(breachItem(breach))
                .conditionExpression("breachService = :service AND breachedAt = :at")
                .expressionAttributeValues(asRead(recorded)));
    }

    @Override
    public boolean removeBreach(SlaBreach recorded) {
        try {
            client.deleteItem(DeleteItemRequest.builder().tableName(tableName)
                    .key(Map.of("pk", s(recorded.ticketKey()), "sk", s(BREACH_PREFIX + recorded.id())))
                    .conditionExpression("breachService = :service AND breachedAt = :at")
                    .expressionAttributeValues(asRead(recorded))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private boolean putBreach(PutItemRequest.Builder put) {
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> asRead(SlaBreach recorded) {
        return Map.of(":service", s(recorded.service()), ":at", s(SortableInstant.format(recorded.breachedAt())));
    }

    /** The breach item: the keys and the index's keys, nothing else (the index is keys only). */
    static Map<String, AttributeValue> breachItem(SlaBreach breach) {
        return Map.of(
                "pk", s(breach.ticketKey()),
                "sk", s(BREACH_PREFIX + breach.id()),
                "breachService", s(breach.service()),
                "breachedAt", s(SortableInstant.format(breach.breachedAt())));
    }

    @Override
    public List<SlaBreach> breachesBetween(String service, Instant from, Instant to) {
        // Stored instants have millisecond precision: [from, to) is the closed range of whole milliseconds in it.
        Instant lower = from.truncatedTo(ChronoUnit.MILLIS);
        if (lower.isBefore(from)) {
            lower = lower.plusMillis(1);
        }
        Instant upper = to.truncatedTo(ChronoUnit.MILLIS);
        if (upper.equals(to)) {
            upper = upper.minusMillis(1);
        }
        if (upper.isBefore(lower)) {
            return List.of();
        }
        List<SlaBreach> breaches = new ArrayList<>();
        query(QueryRequest.builder().tableName(tableName).indexName(BREACH_INDEX)
                .keyConditionExpression("breachService = :service AND breachedAt BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":service", s(service),
                        ":from", s(SortableInstant.format(lower)), ":to", s(SortableInstant.format(upper)))),
                item -> breaches.add(breachFromItem(item)));
        return breaches;
    }

    @Override
    public Map<String, SlaState> findStates(String policyVersion, Collection<String> ticketKeys) {
        Map<String, SlaState> states = new HashMap<>();
        List<String> keys = List.copyOf(new LinkedHashSet<>(ticketKeys));
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))) {
                batch.add(Map.of("pk", s(key), "sk", s(STATE_PREFIX + policyVersion)));
            }
            Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder().keys(batch).build());
            // The SDK's own retries have backed off on throttling; unprocessed keys get a few more rounds.
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == MAX_BATCH_ROUNDS) {
                    throw new IllegalStateException(request.get(tableName).keys().size()
                            + " SLA states could not be read (throttled); retry");
                }
                Map<String, KeysAndAttributes> keysToRead = request;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(keysToRead));
                response.responses().getOrDefault(tableName, List.of()).forEach(item -> {
                    SlaState state = stateFromItem(item);
                    states.put(state.ticketKey(), state);
                });
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return states;
    }

    private void query(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        client.queryPaginator(request.build()).items().forEach(each);
    }

    /**
     * A short, fixed-size stand-in for the ticket key in {@code dueSort}: a GSI sort key holds at most 1 024 bytes,
     * and a ticket key may be longer (a 512-character source id in 3-byte characters). It only keeps entries with the
     * same due instant apart; the Query reads the ticket key from the projected {@code pk}.
     */
    static String keyDigest(String ticketKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ticketKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String versionSort(long sourceVersion) {
        return VERSION_PREFIX + String.format("%020d", sourceVersion);
    }

    private static TicketVersion versionFromItem(String ticketKey, Map<String, AttributeValue> item) {
        return new TicketVersion(ticketKey, text(item, "source"), TicketKind.fromWireName(text(item, "kind")),
                text(item, "number"), text(item, "service"), Integer.parseInt(item.get("priority").n()),
                TicketState.fromWireName(text(item, "state")), SortableInstant.parse(text(item, "openedAt")),
                SortableInstant.parse(text(item, "at")), Long.parseLong(item.get("sourceVersion").n()), text(item, "link"));
    }

    private static SlaClaim claimFromItem(String ticketKey, Map<String, AttributeValue> item) {
        String lease = text(item, "leaseUntil");
        return new SlaClaim(ticketKey, item.get("sk").s().substring(CLAIM_PREFIX.length()),
                SlaClaim.Status.fromWireName(text(item, "status")), text(item, "policyVersion"), text(item, "owner"),
                lease == null ? null : SortableInstant.parse(lease));
    }

    private static SlaBreach breachFromItem(Map<String, AttributeValue> item) {
        String[] id = item.get("sk").s().substring(BREACH_PREFIX.length()).split("#");
        return new SlaBreach(text(item, "pk"), SlaMetric.fromWireName(id[0]), Integer.parseInt(id[1]),
                text(item, "breachService"), SortableInstant.parse(text(item, "breachedAt")));
    }

    private static SlaState stateFromItem(Map<String, AttributeValue> item) {
        try {
            // The key's parts are in pk and sk, not repeated in the JSON (it keeps the item within one write unit).
            ObjectNode json = (ObjectNode) Json.mapper().readTree(text(item, "state"));
            json.put("ticketKey", text(item, "pk"));
            json.put("policyVersion", item.get("sk").s().substring(STATE_PREFIX.length()));
            json.put("revision", Long.parseLong(item.get("revision").n()));
            return Json.mapper().treeToValue(json, SlaState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("SLA state of " + text(item, "pk") + " is not readable", e);
        }
    }

    private static String json(SlaState state) {
        try {
            ObjectNode json = Json.mapper().valueToTree(state);
            json.remove(List.of("ticketKey", "policyVersion", "revision"));
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("SLA state of " + state.ticketKey() + " cannot be written", e);
        }
    }
}
