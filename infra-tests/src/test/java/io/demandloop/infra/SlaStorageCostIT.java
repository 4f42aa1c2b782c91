package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.functions.slaescalation.SlaTrackingService;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What SLA tracking costs per delivered ticket version, measured like {@link StorageCostIT} (the same meter:
 * {@code ReturnConsumedCapacity=INDEXES}, failed conditions charged as DynamoDB bills them) with the real tracker
 * and adapter on the template's {@code SlaTable}. The numbers are in docs/sla.md and docs/storage.md. The ticket
 * store's own cost is unchanged and stays measured by {@link StorageCostIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaStorageCostIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlaStorageCostIT.class);
    private static final Instant OPENED = Instant.parse("2034-03-10T09:15:00Z");

    private final StorageCostIT.CapacityMeter meter = new StorageCostIT.CapacityMeter();
    private DynamoDbClient client;
    private SlaTrackingService tracking;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        client = meter.client();
        tracking = new SlaTrackingService(new DynamoDbSlaRepository(client, stack.template().physicalName("SlaTable")),
                new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults())));
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static Ticket ticket(String id, TicketState state, long version) {
        return ticket(id, state, version, OPENED.plusSeconds(version * 600L));
    }

    private static Ticket ticket(String id, TicketState state, long version, Instant at) {
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.INCIDENT).number(id)
                .service("sla-cost").configurationItem("EXCH-PROD-01").priority(2).state(state).openedAt(OPENED)
                .resolvedAt(state == TicketState.RESOLVED ? at : null).department("Sales").assignmentGroup("Messaging")
                .effortMinutes(45).category("network").title("Mail down").sourceVersion(version).sourceUpdatedAt(at)
                .link("https://example.service-now.com/nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3D" + id)
                .build();
    }

    @Test
    void trackingAVersion_shouldCostThreeWriteUnitsNew_fourOnAChange_andOneForARedelivery() {
        String id = "INC" + UUID.randomUUID().toString().replace("-", "");

        StorageCostIT.Measured<SlaTrackingService.Tracked> created = meter.measure(() -> tracking.track(ticket(id, TicketState.OPEN, 0)));
        StorageCostIT.Measured<SlaTrackingService.Tracked> duplicate = meter.measure(() -> tracking.track(ticket(id, TicketState.OPEN, 0)));
        StorageCostIT.Measured<SlaTrackingService.Tracked> progressed = meter.measure(() -> tracking.track(ticket(id, TicketState.IN_PROGRESS, 1)));
        StorageCostIT.Measured<SlaTrackingService.Tracked> resolved = meter.measure(() -> tracking.track(ticket(id, TicketState.RESOLVED, 2)));
        LOG.info("SLA tracking: new {} WU ({}), duplicate {} WU ({}), in progress {} WU ({}), resolved {} WU ({})",
                created.writeUnits(), created.detail(), duplicate.writeUnits(), duplicate.detail(),
                progressed.writeUnits(), progressed.detail(), resolved.writeUnits(), resolved.detail());

        // new: history 1, state 1, DueIndex 1
        assertThat(created.writeUnits()).isEqualTo(3);
        // redelivery: the history put's failed condition; the recomputed state is unchanged and not written
        assertThat(duplicate.writeUnits()).isEqualTo(1);
        assertThat(duplicate.requests()).containsExactly("PutItem", "Query");
        // a change moving the due instant: history 1, state 1, DueIndex 2 (old entry out, new one in)
        assertThat(progressed.writeUnits()).isEqualTo(4);
        assertThat(resolved.writeUnits()).isEqualTo(4);
        assertThat(created.requests()).doesNotContain("Scan");
        assertThat(created.readUnits()).isLessThanOrEqualTo(1);
    }

    @Test
    void trackingALateResolution_shouldAddTwoWriteUnitsForTheBreach_andItsRedeliveryOne() {
        // GIVEN a P2 (resolution 8 h, 24x7) answered after 10 minutes
        String id = "INC" + UUID.randomUUID().toString().replace("-", "");
        tracking.track(ticket(id, TicketState.OPEN, 0));
        tracking.track(ticket(id, TicketState.IN_PROGRESS, 1));

        // WHEN it is resolved after 9 hours, and that version delivered again
        StorageCostIT.Measured<SlaTrackingService.Tracked> late =
                meter.measure(() -> tracking.track(ticket(id, TicketState.RESOLVED, 2, OPENED.plusSeconds(9 * 3600))));
        StorageCostIT.Measured<SlaTrackingService.Tracked> again =
                meter.measure(() -> tracking.track(ticket(id, TicketState.RESOLVED, 2, OPENED.plusSeconds(9 * 3600))));
        LOG.info("SLA tracking: late resolution {} WU ({}), its redelivery {} WU ({})", late.writeUnits(), late.detail(),
                again.writeUnits(), again.detail());

        // THEN history 1, the breach 2 (the item and BreachIndex), state 1 (DueIndex untouched: the resolution's 50 %,
        // never escalated here, is still the earliest pending threshold)
        assertThat(late.requests()).containsExactly("PutItem", "Query", "PutItem", "PutItem");
        assertThat(late.detail()).contains("PutItem 2.0 = table 1.0 + BreachIndex 1.0");
        assertThat(late.writeUnits()).isEqualTo(4);
        // and the redelivery costs what any redelivery does: the breach is recorded already
        assertThat(again.writeUnits()).isEqualTo(1);
        assertThat(again.requests()).containsExactly("PutItem", "Query");
    }
}
