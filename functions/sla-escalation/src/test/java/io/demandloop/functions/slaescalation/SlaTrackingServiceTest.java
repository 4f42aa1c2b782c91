package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.incident;
import static io.demandloop.functions.slaescalation.SlaFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.testing.InMemorySlaRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaTrackingServiceTest {

    private final InMemorySlaRepository repository = new InMemorySlaRepository();
    private final SlaTrackingService tracking = new SlaTrackingService(repository, SlaFixtures.evaluator());

    static final List<Ticket> VERSIONS = List.of(
            incident("t", 2, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"),
            incident("t", 2, TicketState.IN_PROGRESS, 1, "2026-11-16T08:00:00Z", "2026-11-16T08:20:00Z"),
            incident("t", 2, TicketState.ON_HOLD, 2, "2026-11-16T08:00:00Z", "2026-11-16T09:00:00Z"),
            incident("t", 1, TicketState.IN_PROGRESS, 3, "2026-11-16T08:00:00Z", "2026-11-16T10:00:00Z"));

    @Test
    void track_shouldRecordTheVersion_andPointTheStateAtTheNextThreshold() {
        SlaTrackingService.Tracked tracked = tracking.track(VERSIONS.get(0));

        assertThat(tracked.recorded()).isTrue();
        assertThat(tracked.tracked()).isTrue();
        // P2: the response's 50 % (15 of 30 minutes) comes first
        assertThat(tracked.nextDue()).isEqualTo("2026-11-16T08:15:00Z");
    }

    @Test
    void redelivery_shouldRecordNothing_andWriteNoState() {
        tracking.track(VERSIONS.get(0));
        int writes = repository.stateWrites();

        SlaTrackingService.Tracked again = tracking.track(VERSIONS.get(0));

        assertThat(again.recorded()).isFalse();
        assertThat(repository.stateWrites()).isEqualTo(writes);
    }

    @Test
    void crashBetweenHistoryAndState_shouldBeCompletedByTheRetry() {
        // GIVEN a delivery that recorded the version but died before writing the state
        repository.recordVersion(TicketVersion.of(VERSIONS.get(0)));
        assertThat(repository.state(key("t"), "1")).isEmpty();

        // WHEN EventBridge retries it
        SlaTrackingService.Tracked retried = tracking.track(VERSIONS.get(0));

        // THEN the state is there
        assertThat(retried.recorded()).isFalse();
        assertThat(repository.state(key("t"), "1")).isPresent();
    }

    @Test
    void ticketWithoutPolicy_shouldKeepHistoryButNoState() {
        Ticket change = new Ticket("servicenow", "c1", TicketKind.CHANGE, "CHG1", "Email", null, 3, TicketState.OPEN,
                Instant.parse("2026-11-16T08:00:00Z"), null, null, null, null, null, null, "t", 0, null, 0, null);

        SlaTrackingService.Tracked tracked = tracking.track(change);

        assertThat(tracked.recorded()).isTrue();
        assertThat(tracked.tracked()).isFalse();
        assertThat(repository.state(change.key(), "1")).isEmpty();
    }
}
