package io.demandloop.shared.ticket.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.instant;
import static io.demandloop.shared.aws.DynamoDbAttributes.integer;
import static io.demandloop.shared.aws.DynamoDbAttributes.n;
import static io.demandloop.shared.aws.DynamoDbAttributes.putIfPresent;
import static io.demandloop.shared.aws.DynamoDbAttributes.s;
import static io.demandloop.shared.aws.DynamoDbAttributes.text;

import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.aws.NewestVersionPut;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.DailyCounts;
import io.demandloop.shared.ticket.OpenTicket;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.time.SortableInstant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link TicketRepository} on one DynamoDB table (docs/storage.md has the whole design).
 *
 * <p>One item per ticket, partition key {@code pk} = {@link Ticket#key()}. The only write is one conditional
 * {@code PutItem} that keeps the newest source version, {@link NewestVersionPut}: a redelivery or an older version
 * changes nothing. Every count is derived from the item itself through sparse global secondary indexes, so there is
 * no counter to update and nothing a crash could leave half done:
 * <ul>
 *   <li>{@value #OPENED_INDEX}: {@code kindMonth} = {@code <kind>#<yyyy-MM>}, {@code openedSort} =
 *       {@code <yyyy-MM-dd>#<service>#<openedAt>}; all attributes. Serves the report's window reads and the opened
 *       counts (and reopens) of a service and day.</li>
 *   <li>{@value #OPEN_BY_SERVICE_INDEX}: {@code openKey} = {@code <service>}, {@code openSort} =
 *       {@code <kind>#<openedAt>}, present only while the ticket is open. Serves the open tickets of a service.</li>
 *   <li>{@value #RESOLVED_INDEX}: {@code resolvedKey} = {@code <service>#<yyyy-MM-dd>}, present only while the
 *       ticket is resolved or closed. Serves the resolved counts of a service and day.</li>
 * </ul>
 * A new ticket is therefore written to the table and at most two indexes (opened, and open <em>or</em> resolved):
 * at most three write units, as long as the item stays within 1 KB, which {@link #store} ensures by trimming the
 * title (and, as a last resort, the link).
 */
public final class DynamoDbTicketRepository implements TicketRepository {

    /** The index of every ticket by kind and opened month, sorted by opened day, service and instant. */
    public static final String OPENED_INDEX = "OpenedIndex";
    /** The sparse index of open tickets by service, sorted by kind and opened instant. */
    public static final String OPEN_BY_SERVICE_INDEX = "OpenByServiceIndex";
    /** The sparse index of resolved or closed tickets by service and resolution day. */
    public static final String RESOLVED_INDEX = "ResolvedIndex";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTicketRepository.class);
    /** Free text that may be shortened to keep an item within one write unit, in this order. */
    private static final List<String> TRIMMABLE = List.of("title", "link");
    /** Sorts after {@code #} and before any digit: the upper bound of a day in {@code openedSort}. */
    private static final String AFTER_DAY = "$";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbTicketRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A repository on the named table with its own client, built from the default settings. */
    public static DynamoDbTicketRepository create(String tableName) {
        return new DynamoDbTicketRepository(
                DynamoDbClients.lean(), tableName);
    }

    @Override
    public StoreOutcome store(Ticket ticket) {
        Map<String, AttributeValue> item = DynamoDbItemSize.fit(toItem(ticket), DynamoDbItemSize.WRITE_UNIT_BYTES, TRIMMABLE);
        if (DynamoDbItemSize.of(item) > DynamoDbItemSize.WRITE_UNIT_BYTES) {
            LOG.warn("ticket {} is {} bytes even without a title and link; it costs more than one write unit per copy",
                    ticket.key(), DynamoDbItemSize.of(item));
        }
        return NewestVersionPut.put(client, tableName, item, ticket.sourceVersion());
    }

    @Override
    public Optional<Ticket> find(String source, TicketKind kind, String sourceId) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("pk", s(Ticket.key(source, kind, sourceId))))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to) {
        List<Ticket> tickets = new ArrayList<>();
        if (from.isAfter(to)) {
            return tickets;
        }
        String fromDay = utcDay(from).toString();
        String toDay = utcDay(to).toString() + AFTER_DAY;
        YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(to.atZone(ZoneOffset.UTC));
        for (; !month.isAfter(last); month = month.plusMonths(1)) {
            query(QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(OPENED_INDEX)
                    .keyConditionExpression("kindMonth = :km AND openedSort BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(
                            ":km", s(kindMonth(kind, month)),
                            ":from", s(fromDay),
                            ":to", s(toDay))), item -> {
                Ticket ticket = fromItem(item);
                // The key condition selects whole days; the first and last day are cut to the instant here.
                if (!ticket.openedAt().isBefore(from) && !ticket.openedAt().isAfter(to)) {
                    tickets.add(ticket);
                }
            });
        }
        tickets.sort(Comparator.comparing(Ticket::openedAt).thenComparing(Ticket::key));
        return tickets;
    }

    @Override
    public DailyCounts countsFor(String service, LocalDate day) {
        Objects.requireNonNull(service, "service");
        DailyCounts.Tally.Builder opened = DailyCounts.Tally.builder();
        int[] reopened = {0};
        for (TicketKind kind : TicketKind.values()) {
            query(QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(OPENED_INDEX)
                    .keyConditionExpression("kindMonth = :km AND begins_with(openedSort, :prefix)")
                    .projectionExpression("#service, #priority, #reopenCount")
                    .expressionAttributeNames(Map.of("#service", "service", "#priority", "priority",
                            "#reopenCount", "reopenCount"))
                    .expressionAttributeValues(Map.of(
                            ":km", s(kindMonth(kind, YearMonth.from(day))),
                            ":prefix", s(openedSortPrefix(day, service)))), item -> {
                // begins_with also matches a service whose name extends this one after a '#'.
                if (service.equals(text(item, "service"))) {
                    opened.add(kind, integer(item, "priority"));
                    reopened[0] += integer(item, "reopenCount");
                }
            });
        }
        DailyCounts.Tally.Builder resolved = DailyCounts.Tally.builder();
        query(QueryRequest.builder()
                .tableName(tableName)
                .indexName(RESOLVED_INDEX)
                .keyConditionExpression("resolvedKey = :rk")
                .projectionExpression("#service, #kind, #priority")
                .expressionAttributeNames(Map.of("#service", "service", "#kind", "kind", "#priority", "priority"))
                .expressionAttributeValues(Map.of(":rk", s(resolvedKey(service, day)))), item -> {
            if (service.equals(text(item, "service"))) {
                resolved.add(TicketKind.fromWireName(text(item, "kind")), integer(item, "priority"));
            }
        });
        return new DailyCounts(service, day, opened.build(), resolved.build(), reopened[0]);
    }

    @Override
    public List<OpenTicket> findOpen(String service, TicketKind kind) {
        List<OpenTicket> open = new ArrayList<>();
        query(QueryRequest.builder()
                .tableName(tableName)
                .indexName(OPEN_BY_SERVICE_INDEX)
                .keyConditionExpression("openKey = :s AND begins_with(openSort, :kind)")
                .expressionAttributeValues(Map.of(":s", s(service), ":kind", s(kind.wireName() + "#"))),
                item -> open.add(new OpenTicket(
                        text(item, "pk"),
                        TicketKind.fromWireName(text(item, "kind")),
                        text(item, "number"),
                        integer(item, "priority"),
                        TicketState.fromWireName(text(item, "state")),
                        instant(item, "openedAt"),
                        instant(item, "sourceUpdatedAt"))));
        return open;
    }

    private void query(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        client.queryPaginator(request.build()).items().forEach(each);
    }

    static String kindMonth(TicketKind kind, YearMonth month) {
        return kind.wireName() + "#" + month;
    }

    static String openedSortPrefix(LocalDate day, String service) {
        return day + "#" + service + "#";
    }

    static String resolvedKey(String service, LocalDate day) {
        return service + "#" + day;
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static Map<String, AttributeValue> toItem(Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>();
        String openedAt = SortableInstant.format(t.openedAt());
        item.put("pk", s(t.key()));
        item.put("source", s(t.source()));
        item.put("sourceId", s(t.sourceId()));
        item.put("kind", s(t.kind().wireName()));
        item.put("service", s(t.service()));
        item.put("priority", n(t.priority()));
        item.put("state", s(t.state().wireName()));
        item.put("openedAt", s(openedAt));
        item.put("sourceVersion", n(t.sourceVersion()));
        item.put("reopenCount", n(t.reopenCount()));
        // Index keys: derived from the ticket alone, so the one conditional put keeps every index in step.
        item.put("kindMonth", s(kindMonth(t.kind(), YearMonth.from(t.openedAt().atZone(ZoneOffset.UTC)))));
        item.put("openedSort", s(openedSortPrefix(DailyCounts.openedDay(t), t.service()) + openedAt));
        if (DailyCounts.isOpen(t)) {
            item.put("openKey", s(t.service()));
            item.put("openSort", s(t.kind().wireName() + "#" + openedAt));
        }
        DailyCounts.resolvedDay(t).ifPresent(day -> item.put("resolvedKey", s(resolvedKey(t.service(), day))));
        putIfPresent(item, "number", t.number());
        putIfPresent(item, "configurationItem", t.configurationItem());
        putIfPresent(item, "department", t.department());
        putIfPresent(item, "assignmentGroup", t.assignmentGroup());
        putIfPresent(item, "category", t.category());
        putIfPresent(item, "title", t.title());
        putIfPresent(item, "link", t.link());
        putIfPresent(item, "resolvedAt", t.resolvedAt());
        putIfPresent(item, "closedAt", t.closedAt());
        putIfPresent(item, "sourceUpdatedAt", t.sourceUpdatedAt());
        if (t.effortMinutes() != null) {
            item.put("effortMinutes", n(t.effortMinutes()));
        }
        if (t.change() != null) {
            putIfPresent(item, "changeOutcome", t.change().outcome() == null ? null : t.change().outcome().wireName());
            putIfPresent(item, "plannedStart", t.change().plannedStart());
            putIfPresent(item, "plannedEnd", t.change().plannedEnd());
            item.put("hasChange", AttributeValue.fromBool(true));
        }
        // Only what the source said: a ticket without signals is the item it always was.
        if (t.signals() != null) {
            putIfPresent(item, "problem", t.signals().problem());
            putIfPresent(item, "symptom", t.signals().symptom());
            if (t.signals().slaMet() != null) {
                item.put("slaMet", AttributeValue.fromBool(t.signals().slaMet()));
            }
        }
        return item;
    }

    static Ticket fromItem(Map<String, AttributeValue> item) {
        ChangeDetails change = null;
        if (item.containsKey("hasChange")) {
            String outcome = text(item, "changeOutcome");
            change = new ChangeDetails(
                    outcome == null ? null : ChangeOutcome.fromWireName(outcome),
                    instant(item, "plannedStart"), instant(item, "plannedEnd"));
        }
        return Ticket.builder()
                .source(text(item, "source"))
                .sourceId(text(item, "sourceId"))
                .kind(TicketKind.fromWireName(text(item, "kind")))
                .number(text(item, "number"))
                .service(text(item, "service"))
                .configurationItem(text(item, "configurationItem"))
                .priority(integer(item, "priority"))
                .state(TicketState.fromWireName(text(item, "state")))
                .openedAt(instant(item, "openedAt"))
                .resolvedAt(instant(item, "resolvedAt"))
                .closedAt(instant(item, "closedAt"))
                .department(text(item, "department"))
                .assignmentGroup(text(item, "assignmentGroup"))
                .effortMinutes(item.containsKey("effortMinutes")
                        ? Integer.valueOf(item.get("effortMinutes").n()) : null)
                .category(text(item, "category"))
                .title(text(item, "title"))
                .sourceVersion(Long.parseLong(item.get("sourceVersion").n()))
                .sourceUpdatedAt(instant(item, "sourceUpdatedAt"))
                .reopenCount(integer(item, "reopenCount"))
                .link(text(item, "link"))
                .change(change)
                .signals(TicketSignals.of(text(item, "problem"), text(item, "symptom"),
                        item.containsKey("slaMet") ? item.get("slaMet").bool() : null))
                .build();
    }
}
