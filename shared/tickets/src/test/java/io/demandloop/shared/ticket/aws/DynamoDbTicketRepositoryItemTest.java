package io.demandloop.shared.ticket.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The item shape of a ticket: which index keys each state carries (docs/storage.md). */
class DynamoDbTicketRepositoryItemTest {

    private static final Instant OPENED = Instant.parse("2030-05-31T23:30:00Z");

    private static Ticket ticket(TicketState state, Instant resolvedAt, Instant closedAt) {
        return Ticket.builder().source("servicenow").sourceId("abc").kind(TicketKind.INCIDENT).number("INC1")
                .service("Email").configurationItem("EXCH-01").priority(2).state(state).openedAt(OPENED)
                .resolvedAt(resolvedAt).closedAt(closedAt).department("Sales").assignmentGroup("Messaging")
                .effortMinutes(30).category("network").title("Mail down").sourceVersion(4)
                .sourceUpdatedAt(Instant.parse("2030-06-01T08:00:00Z")).reopenCount(1)
                .link("https://example.service-now.com/INC1").build();
    }

    @Test
    void toItem_shouldPutAnOpenTicketInTheOpenedAndOpenIndexes() {
        Map<String, AttributeValue> item = DynamoDbTicketRepository.toItem(ticket(TicketState.IN_PROGRESS, null, null));

        assertThat(item.get("kindMonth").s()).isEqualTo("incident#2030-05");
        assertThat(item.get("openedSort").s()).isEqualTo("2030-05-31#Email#2030-05-31T23:30:00.000Z");
        assertThat(item.get("openKey").s()).isEqualTo("Email");
        assertThat(item.get("openSort").s()).isEqualTo("incident#2030-05-31T23:30:00.000Z");
        assertThat(item).doesNotContainKey("resolvedKey");
    }

    @Test
    void toItem_shouldPutAResolvedTicketInTheResolvedIndex_onTheDayOfItsResolution() {
        Map<String, AttributeValue> item = DynamoDbTicketRepository.toItem(
                ticket(TicketState.RESOLVED, Instant.parse("2030-06-01T00:10:00Z"), null));

        assertThat(item.get("resolvedKey").s()).isEqualTo("Email#2030-06-01");
        assertThat(item).doesNotContainKeys("openKey", "openSort");
    }

    @Test
    void toItem_shouldUseTheClosingDay_whenAClosedTicketHasNoResolution() {
        Map<String, AttributeValue> item = DynamoDbTicketRepository.toItem(
                ticket(TicketState.CLOSED, null, Instant.parse("2030-06-03T12:00:00Z")));

        assertThat(item.get("resolvedKey").s()).isEqualTo("Email#2030-06-03");
    }

    @Test
    void toItem_shouldPutACancelledTicketInNeitherStateIndex() {
        Map<String, AttributeValue> item = DynamoDbTicketRepository.toItem(ticket(TicketState.CANCELLED, null, null));

        assertThat(item).doesNotContainKeys("openKey", "openSort", "resolvedKey").containsKey("openedSort");
    }

    @Test
    void fromItem_shouldRoundTripEveryField_includingAChange() {
        Ticket change = Ticket.builder().source("servicenow").sourceId("chg").kind(TicketKind.CHANGE).number("CHG1")
                .service("Email").priority(3).state(TicketState.CLOSED).openedAt(OPENED)
                .closedAt(Instant.parse("2030-06-02T00:00:00Z")).title("Patch").sourceVersion(2)
                .sourceUpdatedAt(OPENED)
                .change(new ChangeDetails(ChangeOutcome.BACKED_OUT, Instant.parse("2030-06-01T22:00:00Z"), null))
                .build();
        Ticket incident = ticket(TicketState.RESOLVED, Instant.parse("2030-06-01T00:10:00.123Z"), null);

        assertThat(DynamoDbTicketRepository.fromItem(DynamoDbTicketRepository.toItem(change))).isEqualTo(change);
        assertThat(DynamoDbTicketRepository.fromItem(DynamoDbTicketRepository.toItem(incident))).isEqualTo(incident);
    }

    @Test
    void fromItem_shouldRoundTripTheSignals_asAttributesOfTheirOwn() {
        // GIVEN
        Ticket linked = withSignals(new TicketSignals("servicenow#problem#PRB0040001", "Mail queue stuck", false));

        // WHEN
        Map<String, AttributeValue> item = DynamoDbTicketRepository.toItem(linked);

        // THEN
        assertThat(item.get("problem").s()).isEqualTo("servicenow#problem#PRB0040001");
        assertThat(item.get("symptom").s()).isEqualTo("Mail queue stuck");
        assertThat(item.get("slaMet").bool()).isFalse();
        assertThat(DynamoDbTicketRepository.fromItem(item)).isEqualTo(linked);
    }

    @Test
    void toItem_shouldStoreOnlyTheSignalsTheSourceGave() {
        Ticket onlyVerdict = withSignals(new TicketSignals(null, null, true));

        Map<String, AttributeValue> item = DynamoDbTicketRepository.toItem(onlyVerdict);

        assertThat(item.get("slaMet").bool()).isTrue();
        assertThat(item).doesNotContainKeys("problem", "symptom");
        assertThat(DynamoDbTicketRepository.fromItem(item)).isEqualTo(onlyVerdict);
    }

    @Test
    void toItem_shouldWriteTheItemOfBefore_whenATicketHasNoSignals() {
        // GIVEN the same ticket without and with signals
        Ticket plain = ticket(TicketState.IN_PROGRESS, null, null);
        Map<String, AttributeValue> before = DynamoDbTicketRepository.toItem(plain);

        // WHEN
        Map<String, AttributeValue> withSignals = DynamoDbTicketRepository.toItem(
                withSignals(new TicketSignals("servicenow#problem#PRB1", "Slow", true)));

        // THEN the plain item has exactly the other's attributes but the signals, and reads back without signals
        assertThat(withSignals.keySet()).containsAll(before.keySet());
        assertThat(withSignals.keySet()).hasSize(before.size() + 3);
        assertThat(before).doesNotContainKeys("problem", "symptom", "slaMet");
        assertThat(DynamoDbTicketRepository.fromItem(before).signals()).isNull();
    }

    private static Ticket withSignals(TicketSignals signals) {
        Ticket t = ticket(TicketState.IN_PROGRESS, null, null);
        return t.toBuilder().signals(signals).build();
    }

    @Test
    void toItem_shouldStayWithinOneWriteUnit_forATypicalTicketWithALongTitle() {
        Ticket longTitle = Ticket.builder().source("servicenow").sourceId("INC0010001").kind(TicketKind.INCIDENT)
                .number("INC0010001").service("SAP ERP").configurationItem("SAP-PRD").priority(1)
                .state(TicketState.IN_PROGRESS).openedAt(OPENED).department("Finance").assignmentGroup("SAP Basis")
                .effortMinutes(120).category("software").title("x".repeat(200)).sourceVersion(12)
                .sourceUpdatedAt(OPENED)
                .link("https://example.service-now.com/nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3DINC0010001")
                .build();

        assertThat(DynamoDbItemSize.of(DynamoDbTicketRepository.toItem(longTitle))).isLessThanOrEqualTo(1024);
    }
}
