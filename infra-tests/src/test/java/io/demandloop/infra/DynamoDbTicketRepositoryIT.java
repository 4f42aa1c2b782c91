package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The DynamoDB adapter against DynamoDB Local, on the table template.yaml defines. The stack is shared with
 * the other infra-tests, so every ticket here is opened in 2031, far from the samples' window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbTicketRepositoryIT {

    private DynamoDbTicketRepository repository;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        repository = DynamoDbTicketRepository.create(stack.template().physicalName("TicketsTable"));
    }

    private static Ticket ticket(String id, long version, TicketState state, Instant openedAt, String service) {
        return Ticket.builder().source("it-source").sourceId(id).kind(TicketKind.INCIDENT).number("INC-" + id)
                .service(service).priority(3).state(state).openedAt(openedAt)
                .resolvedAt(state.isTerminal() ? openedAt.plusSeconds(3600) : null).title("title")
                .sourceVersion(version).sourceUpdatedAt(openedAt.plusSeconds(version)).build();
    }

    @Test
    void store_shouldTellStoredDuplicateAndStale_andKeepTheNewest() {
        // GIVEN
        String id = UUID.randomUUID().toString();
        Instant opened = Instant.parse("2031-03-01T10:00:00Z");

        // WHEN
        StoreOutcome first = repository.store(ticket(id, 3, TicketState.IN_PROGRESS, opened, "Email"));
        StoreOutcome again = repository.store(ticket(id, 3, TicketState.IN_PROGRESS, opened, "Email"));
        StoreOutcome older = repository.store(ticket(id, 1, TicketState.OPEN, opened, "Email"));
        StoreOutcome newer = repository.store(ticket(id, 5, TicketState.RESOLVED, opened, "Email"));

        // THEN
        assertThat(first).isEqualTo(StoreOutcome.STORED);
        assertThat(again).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(older).isEqualTo(StoreOutcome.STALE);
        assertThat(newer).isEqualTo(StoreOutcome.STORED);
        assertThat(repository.find("it-source", TicketKind.INCIDENT, id)).hasValueSatisfying(t -> {
            assertThat(t.sourceVersion()).isEqualTo(5);
            assertThat(t.state()).isEqualTo(TicketState.RESOLVED);
        });
    }

    @Test
    void store_shouldRoundTripEveryField() {
        String id = UUID.randomUUID().toString();
        Ticket full = Ticket.builder().source("it-source").sourceId(id).kind(TicketKind.INCIDENT).number("INC1")
                .service("Payroll").configurationItem("PAY-01").priority(2).state(TicketState.CLOSED)
                .openedAt(Instant.parse("2031-04-01T08:00:00Z")).resolvedAt(Instant.parse("2031-04-01T09:30:00.250Z"))
                .closedAt(Instant.parse("2031-04-03T09:30:00Z")).department("Finance").assignmentGroup("HR Apps")
                .effortMinutes(95).category("software").title("Payslips wrong").sourceVersion(7)
                .sourceUpdatedAt(Instant.parse("2031-04-03T09:30:00Z")).reopenCount(1)
                .link("https://example.service-now.com/x").build();

        repository.store(full);

        assertThat(repository.find("it-source", TicketKind.INCIDENT, id)).contains(full);
    }

    @Test
    void findOpenedBetween_shouldReadEveryField_throughTheOpenedIndexQuery() {
        // GIVEN a change with every optional field, its window and signals
        String id = UUID.randomUUID().toString();
        Instant opened = Instant.parse("2031-06-03T08:00:00Z");
        Ticket full = Ticket.builder().source("it-source").sourceId(id).kind(TicketKind.CHANGE).number("CHG1")
                .service("projection-" + id).configurationItem("PAY-01").priority(2).state(TicketState.CLOSED)
                .openedAt(opened).resolvedAt(opened.plusSeconds(5400)).closedAt(opened.plusSeconds(86_400))
                .department("Finance").assignmentGroup("HR Apps").effortMinutes(95).category("software")
                .title("Patch payroll").sourceVersion(7).sourceUpdatedAt(opened.plusSeconds(86_400)).reopenCount(1)
                .link("https://example.service-now.com/c")
                .change(new ChangeDetails(ChangeOutcome.BACKED_OUT, opened.plusSeconds(600), opened.plusSeconds(4200)))
                .signals(new TicketSignals(Ticket.key("it-source", TicketKind.PROBLEM, "PRB9"), "Payslips wrong", true))
                .build();
        repository.store(full);

        // WHEN it is read through the window Query the evaluation, the report and the outcome measurement use
        var found = repository.findOpenedBetween(TicketKind.CHANGE, opened, opened);

        // THEN it is the ticket stored, as read by key with every attribute
        assertThat(found).filteredOn(t -> t.sourceId().equals(id)).containsExactly(full);
        assertThat(repository.find("it-source", TicketKind.CHANGE, id)).contains(full);
    }

    @Test
    void store_shouldRoundTripTheSignals_throughTheItemAndTheOpenedIndex() {
        // GIVEN an incident whose source links a problem, names a symptom and says its SLA was missed
        String id = UUID.randomUUID().toString();
        Instant opened = Instant.parse("2031-05-07T08:00:00Z");
        Ticket linked = Ticket.builder().source("it-source").sourceId(id).kind(TicketKind.INCIDENT).number("INC2")
                .service("signals-" + id).priority(2).state(TicketState.RESOLVED).openedAt(opened)
                .resolvedAt(opened.plusSeconds(7200)).title("Queue stuck").sourceVersion(3)
                .sourceUpdatedAt(opened.plusSeconds(7200))
                .signals(new TicketSignals(Ticket.key("it-source", TicketKind.PROBLEM, "PRB7"), "Queue stuck", false))
                .build();

        // WHEN
        repository.store(linked);

        // THEN it reads back equal by key and through the index the nightly evaluation queries
        assertThat(repository.find("it-source", TicketKind.INCIDENT, id)).contains(linked);
        assertThat(repository.findOpenedBetween(TicketKind.INCIDENT, opened, opened))
                .filteredOn(t -> t.sourceId().equals(id)).containsExactly(linked);
    }

    @Test
    void store_shouldReadAnItemWrittenWithoutSignals_asATicketWithoutSignals() {
        String id = UUID.randomUUID().toString();
        Ticket plain = ticket(id, 1, TicketState.OPEN, Instant.parse("2031-05-08T08:00:00Z"), "Email");

        repository.store(plain);

        assertThat(repository.find("it-source", TicketKind.INCIDENT, id))
                .hasValueSatisfying(t -> assertThat(t.signals()).isNull()).contains(plain);
    }

    @Test
    void findOpenedBetween_shouldQueryEachMonthOfTheWindow_andNothingOutside() {
        // GIVEN tickets in August, September, October and December of a far year no other test uses
        String service = "window-" + UUID.randomUUID();
        Instant aug = Instant.parse("2031-08-31T23:59:59Z");
        Instant sep = Instant.parse("2031-09-15T12:00:00Z");
        Instant oct = Instant.parse("2031-10-01T00:00:00Z");
        Instant dec = Instant.parse("2031-12-01T00:00:00Z");
        for (Instant opened : new Instant[] {aug, sep, oct, dec}) {
            repository.store(ticket(UUID.randomUUID().toString(), 1, TicketState.OPEN, opened, service));
        }

        // WHEN the window is September 1 to October 1 inclusive
        var found = repository.findOpenedBetween(TicketKind.INCIDENT,
                Instant.parse("2031-09-01T00:00:00Z"), Instant.parse("2031-10-01T00:00:00Z"));

        // THEN
        assertThat(found).filteredOn(t -> t.service().equals(service)).extracting(Ticket::openedAt)
                .containsExactlyInAnyOrder(sep, oct);
    }
}
