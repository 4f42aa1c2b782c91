package io.demandloop.functions.slaescalation;

import static io.demandloop.functions.slaescalation.SlaFixtures.incident;
import static io.demandloop.functions.slaescalation.SlaFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.sla.testing.ForwardingSlaRepository;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
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

    /** A P1 (24x7: response 15 min, resolution 4 h) opened at 08:00, answered at 08:05, resolved at 13:00. */
    static final List<Ticket> LATE = List.of(
            incident("late", 1, TicketState.OPEN, 0, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z"),
            incident("late", 1, TicketState.IN_PROGRESS, 1, "2026-11-16T08:00:00Z", "2026-11-16T08:05:00Z"),
            incident("late", 1, TicketState.RESOLVED, 2, "2026-11-16T08:00:00Z", "2026-11-16T13:00:00Z"));

    private static SlaBreach breach(String id, SlaMetric metric, String service, String at) {
        return new SlaBreach(key(id), metric, 0, service, Instant.parse(at));
    }

    @Test
    void lateResolution_shouldRecordTheBreach_beforeAnyEscalationRun() {
        // GIVEN the ticket open and answered in time: nothing breached
        tracking.track(LATE.get(0));
        tracking.track(LATE.get(1));
        assertThat(repository.breaches()).isEmpty();

        // WHEN its resolution arrives, an hour after the 12:00 due instant
        tracking.track(LATE.get(2));

        // THEN the tracker records the breach at once, at its due instant
        assertThat(repository.breaches()).containsExactly(breach("late", SlaMetric.RESOLUTION, "Email", "2026-11-16T12:00:00Z"));
        assertThat(repository.breachesBetween("Email", Instant.parse("2026-11-16T00:00:00Z"), Instant.parse("2026-11-17T00:00:00Z")))
                .extracting(SlaBreach::ticketKey).containsExactly(key("late"));
    }

    @Test
    void redeliveryAndReplay_shouldNotRecordTheBreachAgain() {
        LATE.forEach(tracking::track);
        int writes = repository.breachWrites();

        // WHEN every version is delivered again, in another order
        tracking.track(LATE.get(2));
        tracking.track(LATE.get(0));
        tracking.track(LATE.get(1));

        // THEN
        assertThat(repository.breachWrites()).isEqualTo(writes).isEqualTo(1);
        assertThat(repository.breaches()).hasSize(1);
    }

    @Test
    void updateAfterTheDueInstant_shouldRecordTheBreachOfAClockStillRunning() {
        tracking.track(LATE.get(0));
        tracking.track(LATE.get(1));

        // WHEN a version still in progress arrives at 12:30, after the resolution was due
        tracking.track(incident("late", 1, TicketState.IN_PROGRESS, 2, "2026-11-16T08:00:00Z", "2026-11-16T12:30:00Z"));

        // THEN the history shows the clock past its target
        assertThat(repository.breaches()).containsExactly(breach("late", SlaMetric.RESOLUTION, "Email", "2026-11-16T12:00:00Z"));
    }

    @Test
    void serviceChangedByANewerVersion_shouldMoveTheBreach_andAnOlderOneNot() {
        LATE.forEach(tracking::track);

        // WHEN the closing version names another service
        tracking.track(incident("late", "Messaging", 1, TicketState.CLOSED, 3, "2026-11-16T08:00:00Z", "2026-11-16T14:00:00Z"));

        // THEN the breach counts for the newest version's service, at the same instant
        assertThat(repository.breaches()).containsExactly(breach("late", SlaMetric.RESOLUTION, "Messaging", "2026-11-16T12:00:00Z"));
        Instant from = Instant.parse("2026-11-16T00:00:00Z");
        Instant to = Instant.parse("2026-11-17T00:00:00Z");
        assertThat(repository.breachesBetween("Email", from, to)).isEmpty();
        assertThat(repository.breachesBetween("Messaging", from, to)).hasSize(1);

        // and a redelivered older version (with the old service) does not move it back
        tracking.track(LATE.get(2));
        assertThat(repository.breaches()).extracting(SlaBreach::service).containsExactly("Messaging");
    }

    @Test
    void versionDeliveredLate_showingAPause_shouldWithdrawTheBreach() {
        // GIVEN a P2 (24x7: response 30 min, resolution 8 h) opened at 08:00 and resolved at 17:30, of which only
        // the first and last versions have arrived: 9.5 h on the clock, so the resolution breached at 16:00
        List<Ticket> versions = SlaDeliveryOrderPropertyTest.PAUSED;
        tracking.track(versions.get(0));
        tracking.track(versions.get(3));
        assertThat(repository.breaches()).extracting(SlaBreach::id).containsExactlyInAnyOrder("response#0", "resolution#0");

        // WHEN the on-hold version arrives: the clock stood still from 09:00 to 12:00, 6.5 h used in all
        tracking.track(versions.get(1));

        // THEN the resolution breach is withdrawn; the response (not given before 09:00) stays breached
        assertThat(repository.breaches()).containsExactly(breach("p", SlaMetric.RESPONSE, "Email", "2026-11-16T08:30:00Z"));
    }

    @Test
    void breachWrittenMeanwhileFromAnOlderView_shouldBeCorrectedByTheWriterThatFindsIt() {
        // GIVEN the ticket answered in time, and a repository in which, just before this tracker records the breach,
        // another writer (an escalation run that read the partition before the new version) records it for the old
        // service
        tracking.track(LATE.get(0));
        tracking.track(LATE.get(1));
        SlaBreach fromOlderView = breach("late", SlaMetric.RESOLUTION, "Email", "2026-11-16T12:00:00Z");
        ForwardingSlaRepository racing = new ForwardingSlaRepository(repository) {
            private boolean raced;

            @Override
            public boolean recordBreach(SlaBreach breach) {
                if (!raced) {
                    raced = true;
                    repository.recordBreach(fromOlderView);
                }
                return super.recordBreach(breach);
            }
        };

        // WHEN the resolving version, which also moves the ticket to another service, is tracked
        new SlaTrackingService(racing, SlaFixtures.evaluator())
                .track(incident("late", "Messaging", 1, TicketState.RESOLVED, 2, "2026-11-16T08:00:00Z", "2026-11-16T13:00:00Z"));

        // THEN its failed record made it read again and move the breach: one breach, for the newest service
        assertThat(repository.breaches()).containsExactly(breach("late", SlaMetric.RESOLUTION, "Messaging", "2026-11-16T12:00:00Z"));
    }

    @Test
    void ticketWithoutPolicy_shouldKeepHistoryButNoState() {
        Ticket change = Ticket.builder().source("servicenow").sourceId("c1").kind(TicketKind.CHANGE).number("CHG1")
                .service("Email").priority(3).state(TicketState.OPEN).openedAt(Instant.parse("2026-11-16T08:00:00Z"))
                .title("t").sourceVersion(0).build();

        SlaTrackingService.Tracked tracked = tracking.track(change);

        assertThat(tracked.recorded()).isTrue();
        assertThat(tracked.tracked()).isFalse();
        assertThat(repository.state(change.key(), "1")).isEmpty();
    }
}
