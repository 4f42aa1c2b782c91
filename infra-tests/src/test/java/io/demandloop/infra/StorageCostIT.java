package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.alert.EpisodeReconciler;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The write budget of DESIGN.md §5, measured: the real adapters against DynamoDB Local on the tables template.yaml
 * defines, every request sent with {@code ReturnConsumedCapacity=INDEXES} and the consumed units summed (table
 * and indexes). At most 3 write units for a new ticket in every shape, at most 1 for a duplicate or stale delivery.
 *
 * <p>DynamoDB answers a failed condition with an error that carries no consumed capacity, though it charges for
 * it: the larger of the stored and the sent item, in whole kilobytes, at least one unit, and nothing on any index.
 * The meter charges exactly that, from the sizes of the item sent and the item returned by {@code ALL_OLD}.
 *
 * <p>Tickets here are opened in 2034 for services of their own, far from the other tests' data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageCostIT {

    private static final Logger LOG = LoggerFactory.getLogger(StorageCostIT.class);
    private static final Instant OPENED = Instant.parse("2034-03-10T09:15:00Z");

    private final CapacityMeter meter = new CapacityMeter();
    private DynamoDbClient client;
    private DynamoDbTicketRepository tickets;
    private DynamoDbAlertRepository alerts;
    private final String service = "cost-" + UUID.randomUUID();

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        client = meter.client();
        tickets = new DynamoDbTicketRepository(client, stack.template().physicalName("TicketsTable"));
        alerts = new DynamoDbAlertRepository(client, stack.template().physicalName("AlertsTable"));
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private Ticket ticket(TicketKind kind, TicketState state, long version, String title, ChangeDetails change) {
        // The number is the identity; unique per ticket, and longer than real ones so that sizes err on the high side.
        String number = "INC" + UUID.randomUUID().toString().replace("-", "");
        boolean resolved = state == TicketState.RESOLVED || state == TicketState.CLOSED;
        return Ticket.builder().source("servicenow").sourceId(number).kind(kind).number(number).service(service)
                .configurationItem("EXCH-PROD-01").priority(2).state(state).openedAt(OPENED)
                .resolvedAt(resolved ? OPENED.plusSeconds(5400) : null)
                .closedAt(state == TicketState.CLOSED ? OPENED.plusSeconds(90000) : null).department("Sales")
                .assignmentGroup("Messaging").effortMinutes(45).category("network").title(title).sourceVersion(version)
                .sourceUpdatedAt(OPENED.plusSeconds(version * 60L))
                .link("https://example.service-now.com/nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3D" + number)
                .change(change).build();
    }

    private static Ticket withVersion(Ticket t, long version, TicketState state) {
        return t.toBuilder().state(state).resolvedAt(state.isTerminal() ? t.openedAt().plusSeconds(3600) : null)
                .closedAt(null).sourceVersion(version).signals(null).build();
    }

    @Test
    void newTicket_shouldCostAtMostThreeWriteUnits_inEveryShape() {
        List<Ticket> shapes = List.of(
                ticket(TicketKind.INCIDENT, TicketState.OPEN, 0, "Mail down", null),
                ticket(TicketKind.INCIDENT, TicketState.IN_PROGRESS, 3, "Mail slow", null),
                ticket(TicketKind.INCIDENT, TicketState.ON_HOLD, 4, "Waiting for vendor", null),
                ticket(TicketKind.INCIDENT, TicketState.RESOLVED, 5, "Mail back", null),
                ticket(TicketKind.INCIDENT, TicketState.CLOSED, 9, "Mail closed", null),
                ticket(TicketKind.INCIDENT, TicketState.CANCELLED, 2, "Duplicate call", null),
                ticket(TicketKind.REQUEST, TicketState.OPEN, 1, "New laptop", null),
                ticket(TicketKind.PROBLEM, TicketState.IN_PROGRESS, 1, "Recurring queue build-up", null),
                ticket(TicketKind.CHANGE, TicketState.CLOSED, 7, "Patch Exchange",
                        new ChangeDetails(ChangeOutcome.FAILED, OPENED, OPENED.plusSeconds(7200))),
                // The longest title the normalisers keep, in three-byte characters: trimmed to stay within 1 KB.
                ticket(TicketKind.INCIDENT, TicketState.OPEN, 1, "€".repeat(200), null));

        for (Ticket shape : shapes) {
            Measured<StoreOutcome> stored = meter.measure(() -> tickets.store(shape));

            LOG.info("new {} {} ticket: {} write units ({})", shape.kind().wireName(), shape.state().wireName(),
                    stored.writeUnits(), stored.detail());
            assertThat(stored.result()).isEqualTo(StoreOutcome.STORED);
            assertThat(stored.writeUnits()).as("%s %s", shape.kind(), shape.state()).isLessThanOrEqualTo(3.0);
            assertThat(stored.requests()).containsExactly("PutItem");
        }
    }

    @Test
    void duplicateAndStaleDeliveries_shouldCostAtMostOneWriteUnit_andChangeNothing() {
        // GIVEN a resolved ticket, version 5
        Ticket stored = ticket(TicketKind.INCIDENT, TicketState.RESOLVED, 5, "Mail back", null);
        tickets.store(stored);

        // WHEN it is redelivered, and an older version arrives late
        Measured<StoreOutcome> duplicate = meter.measure(() -> tickets.store(stored));
        Measured<StoreOutcome> stale = meter.measure(() -> tickets.store(withVersion(stored, 2, TicketState.IN_PROGRESS)));

        // THEN
        LOG.info("duplicate ticket: {} write units ({}); stale: {} ({})", duplicate.writeUnits(), duplicate.detail(),
                stale.writeUnits(), stale.detail());
        assertThat(duplicate.result()).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(stale.result()).isEqualTo(StoreOutcome.STALE);
        assertThat(duplicate.writeUnits()).isLessThanOrEqualTo(1.0);
        assertThat(stale.writeUnits()).isLessThanOrEqualTo(1.0);
        assertThat(duplicate.requests()).containsExactly("PutItem");
        assertThat(stale.requests()).containsExactly("PutItem");
        assertThat(tickets.find(stored.source(), stored.kind(), stored.sourceId())).contains(stored);
    }

    @Test
    void updatesAndReads_shouldCostWhatDocsStorageMdSays() {
        // Not budgeted by DESIGN.md; measured so that docs/storage.md states real numbers.
        Ticket open = ticket(TicketKind.INCIDENT, TicketState.OPEN, 1, "Mail down", null);
        tickets.store(open);
        Measured<StoreOutcome> progress = meter.measure(() -> tickets.store(withVersion(open, 2, TicketState.IN_PROGRESS)));
        Measured<StoreOutcome> resolve = meter.measure(() -> tickets.store(withVersion(open, 3, TicketState.RESOLVED)));
        Measured<?> counts = meter.measure(() -> tickets.countsFor(service, LocalDate.parse("2034-03-10")));
        Measured<?> window = meter.measure(() -> tickets.findOpenedBetween(TicketKind.INCIDENT,
                Instant.parse("2034-03-01T00:00:00Z"), Instant.parse("2034-03-31T23:59:59Z")));

        LOG.info("open -> in progress: {} write units ({}); in progress -> resolved: {} ({})", progress.writeUnits(),
                progress.detail(), resolve.writeUnits(), resolve.detail());
        LOG.info("countsFor a service and day: {} read units in {} queries; a month's window: {} read units", counts.readUnits(),
                counts.requests().size(), window.readUnits());
        assertThat(progress.writeUnits()).isLessThanOrEqualTo(3.0);
        assertThat(resolve.writeUnits()).isLessThanOrEqualTo(4.0);
        assertThat(counts.requests()).containsOnly("Query").hasSize(TicketKind.values().length + 1);
        assertThat(window.requests()).containsOnly("Query");
    }

    @Test
    void alert_shouldCostTwoWriteUnits_itsServicesFirstEpisodeTwoWithTheDirectoryEntry_andADuplicateOne() {
        String alertService = "cost-alerts-" + UUID.randomUUID();
        EpisodeReconciler reconciler = new EpisodeReconciler(alerts, tickets, EpisodeRules.defaults());
        Instant start = Instant.parse("2034-03-10T10:00:00Z");
        MonitoringEvent firing = new MonitoringEvent("alertmanager", "f1@" + start, "f1", alertService, Severity.CRITICAL,
                AlertStatus.FIRING, start, null, "Queue above 5000", Map.of("alertname", "QueueHigh", "instance", "EXCH-01"),
                2, start, "http://prometheus.example.com/graph");

        Measured<AlertWrite> store = meter.measure(() -> alerts.store(firing));
        Measured<EpisodeReconciler.Result> episode = meter.measure(() -> reconciler.reconcile(alertService, store.result().starts()));
        Measured<AlertWrite> duplicate = meter.measure(() -> alerts.store(firing));
        Measured<EpisodeReconciler.Result> unchanged = meter.measure(() -> reconciler.reconcile(alertService, duplicate.result().starts()));

        LOG.info("new alert: {} write units ({}); its episodes: {} write units, {} read units ({} requests)", store.writeUnits(),
                store.detail(), episode.writeUnits(), episode.readUnits(), episode.requests());
        LOG.info("duplicate alert: {} write units; its episodes: {} write units, {} read units", duplicate.writeUnits(),
                unchanged.writeUnits(), unchanged.readUnits());
        assertThat(store.writeUnits()).isLessThanOrEqualTo(2.0);
        // The episode, plus the service's entry in the service directory: written once per service and container.
        assertThat(episode.writeUnits()).isLessThanOrEqualTo(2.0);
        assertThat(duplicate.result().outcome()).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(duplicate.writeUnits()).isLessThanOrEqualTo(1.0);
        assertThat(unchanged.writeUnits()).isZero();
        assertThat(episode.requests()).doesNotContain("Scan");
    }

    /** What one measured call returned and cost. */
    record Measured<T>(T result, double writeUnits, double readUnits, List<String> requests, String detail) {
    }

    /**
     * Meters every request of its client: asks for {@code ReturnConsumedCapacity=INDEXES}, sums what comes back, and
     * charges a failed condition as DynamoDB bills it (see the class comment). Also records the operations, so that
     * a test can tell that no Scan was made.
     */
    static final class CapacityMeter implements ExecutionInterceptor {

        private final List<String> operations = new CopyOnWriteArrayList<>();
        private final List<double[]> units = new CopyOnWriteArrayList<>();
        private final List<String> details = new CopyOnWriteArrayList<>();

        /** A client whose every request is metered. */
        DynamoDbClient client() {
            return DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                    .build();
        }

        /** Runs the call alone on this meter and says what it cost. Not for concurrent use. */
        synchronized <T> Measured<T> measure(Supplier<T> call) {
            operations.clear();
            units.clear();
            details.clear();
            T result = call.get();
            double writes = units.stream().mapToDouble(u -> u[0]).sum();
            double reads = units.stream().mapToDouble(u -> u[1]).sum();
            return new Measured<>(result, writes, reads, List.copyOf(operations), String.join("; ", details));
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof PutItemRequest put) {
                return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            }
            if (request instanceof UpdateItemRequest update) {
                return update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            }
            if (request instanceof DeleteItemRequest delete) {
                return delete.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            }
            if (request instanceof QueryRequest query) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            }
            if (request instanceof GetItemRequest get) {
                return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            }
            return request;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            operations.add(operation);
            ConsumedCapacity consumed = consumed(context.response());
            if (consumed == null) {
                return;
            }
            boolean read = "Query".equals(operation) || "GetItem".equals(operation);
            double total = consumed.capacityUnits() == null ? 0 : consumed.capacityUnits();
            units.add(read ? new double[] {0, total} : new double[] {total, 0});
            details.add(operation + " " + describe(consumed));
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            operations.add(operation);
            if (context.exception() instanceof ConditionalCheckFailedException failed) {
                Map<String, AttributeValue> sent = sentItem(context.request());
                int size = Math.max(sent == null ? 0 : DynamoDbItemSize.of(sent),
                        failed.hasItem() ? DynamoDbItemSize.of(failed.item()) : 0);
                double charged = Math.max(1, Math.ceil(size / (double) DynamoDbItemSize.WRITE_UNIT_BYTES));
                units.add(new double[] {charged, 0});
                details.add(operation + " failed its condition: " + charged + " (table, " + size + " bytes)");
            }
        }

        private static Map<String, AttributeValue> sentItem(SdkRequest request) {
            if (request instanceof PutItemRequest put) {
                return put.item();
            }
            if (request instanceof UpdateItemRequest update) {
                // The values an update sets are about the size of the item it writes.
                Map<String, AttributeValue> approximate = new java.util.HashMap<>(update.key());
                approximate.putAll(update.expressionAttributeValues());
                return approximate;
            }
            return null;
        }

        private static ConsumedCapacity consumed(SdkResponse response) {
            if (response instanceof PutItemResponse put) {
                return put.consumedCapacity();
            }
            if (response instanceof UpdateItemResponse update) {
                return update.consumedCapacity();
            }
            if (response instanceof DeleteItemResponse delete) {
                return delete.consumedCapacity();
            }
            if (response instanceof QueryResponse query) {
                return query.consumedCapacity();
            }
            if (response instanceof GetItemResponse get) {
                return get.consumedCapacity();
            }
            return null;
        }

        private static String describe(ConsumedCapacity consumed) {
            List<String> parts = new ArrayList<>();
            if (consumed.table() != null) {
                parts.add("table " + consumed.table().capacityUnits());
            }
            consumed.globalSecondaryIndexes().forEach((name, c) -> parts.add(name + " " + c.capacityUnits()));
            consumed.localSecondaryIndexes().forEach((name, c) -> parts.add(name + " " + c.capacityUnits()));
            return consumed.capacityUnits() + " = " + String.join(" + ", parts);
        }
    }
}
