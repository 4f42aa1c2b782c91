package io.demandloop.shared.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.alert.testing.ForwardingAlertRepository;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpisodeReconcilerTest {

    private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    private static final String SERVICE = "Checkout";

    private final InMemoryAlertRepository alerts = new InMemoryAlertRepository();
    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final EpisodeReconciler reconciler = new EpisodeReconciler(alerts, tickets, EpisodeRules.defaults());

    private static MonitoringEvent alert(String id, int minute, long version, AlertStatus status) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        return new MonitoringEvent("alertmanager", id, "fp-" + id, SERVICE, Severity.HIGH, status, start,
                status == AlertStatus.RESOLVED ? start.plusSeconds(60) : null, "title " + id, Map.of("alertname", id),
                version, start, null);
    }

    private static MonitoringEvent firing(String id, int minute) {
        return alert(id, minute, 1, AlertStatus.FIRING);
    }

    /** Stores the alert and reconciles around it, as the alert store does. */
    private EpisodeReconciler.Result deliver(MonitoringEvent event) {
        AlertWrite write = alerts.store(event);
        return reconciler.reconcile(event.service(), write.starts());
    }

    private List<AlertEpisode> expected() {
        List<AlertOccurrence> all = alerts.alerts().stream().map(AlertOccurrence::of).toList();
        return EpisodeGrouping.group(SERVICE, all, EpisodeRules.defaults());
    }

    private static Ticket incident(String id, TicketState state, Instant opened, Instant updated, int priority) {
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.INCIDENT).number("INC-" + id)
                .service(SERVICE).priority(priority).state(state).openedAt(opened)
                .resolvedAt(state.isTerminal() ? updated : null).title("outage").sourceVersion(1)
                .sourceUpdatedAt(updated).build();
    }

    @Test
    void reconcile_shouldStoreOneEpisode_forTheFirstAlert() {
        EpisodeReconciler.Result result = deliver(firing("a", 0));

        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(T0);
            assertThat(e.firstAlert()).isEqualTo("alertmanager#a");
        });
        assertThat(result.written()).isEqualTo(1);
        assertThat(result.episodeAt(T0)).isPresent();
    }

    @Test
    void episodesOn_shouldCountTheEpisodesStartingThatUtcDay() {
        deliver(firing("a", 0));
        deliver(firing("b", 20));
        deliver(firing("c", 14 * 60 - 1));
        deliver(firing("d", 14 * 60));

        // T0 is 10:00; minute 839 is 23:59 the same day, minute 840 the next day's midnight
        assertThat(alerts.episodesOn(SERVICE, java.time.LocalDate.parse("2030-03-01"))).hasSize(3);
        assertThat(alerts.episodesOn(SERVICE, java.time.LocalDate.parse("2030-03-02"))).isEmpty();
    }

    @Test
    void reconcile_shouldMergeTwoEpisodes_whenALateAlertBridgesThem() {
        // GIVEN two episodes 16 minutes apart
        deliver(firing("a", 0));
        deliver(firing("c", 16));
        assertThat(alerts.episodes(SERVICE)).hasSize(2);

        // WHEN an alert at minute 8 arrives late
        EpisodeReconciler.Result result = deliver(firing("b", 8));

        // THEN one episode; the superseded one is deleted
        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> assertThat(e.alertCount()).isEqualTo(3));
        assertThat(result.deleted()).isEqualTo(1);
    }

    @Test
    void reconcile_shouldWriteNothing_whenRedelivered() {
        deliver(firing("a", 0));
        int writes = alerts.episodeWrites();

        EpisodeReconciler.Result result = deliver(firing("a", 0));

        assertThat(result.written()).isZero();
        assertThat(result.deleted()).isZero();
        assertThat(alerts.episodeWrites()).isEqualTo(writes);
    }

    @Test
    void reconcile_shouldRepairTheEpisodes_whenTheAlertWasStoredButTheEpisodesNot() {
        // GIVEN a crash after the alert's write: the alert is stored, its episode is not
        deliver(firing("a", 0));
        alerts.store(firing("b", 5));

        // WHEN the delivery is retried (a duplicate by now)
        deliver(firing("b", 5));

        // THEN
        assertThat(alerts.episodes(SERVICE)).isEqualTo(expected());
        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> assertThat(e.alertCount()).isEqualTo(2));
    }

    @Test
    void reconcile_shouldRecomputeAWholeStorm_whenItsAlertsArriveBackwards() {
        // GIVEN a six-hour storm, an alert every 4 minutes, delivered newest first
        for (int minute = 6 * 60; minute >= 0; minute -= 4) {
            deliver(firing("s" + minute, minute));
        }

        // THEN the episodes are those of the whole set, cut every 30 minutes from the storm's start
        assertThat(alerts.episodes(SERVICE)).isEqualTo(expected());
        assertThat(alerts.episodes(SERVICE).get(0).start()).isEqualTo(T0);
        assertThat(alerts.episodes(SERVICE).get(1).start()).isEqualTo(T0.plus(Duration.ofMinutes(32)));
    }

    @Test
    void reconcile_shouldFollowTheAlert_whenANewerVersionMovesItsStart() {
        deliver(firing("a", 0));
        deliver(firing("b", 30));

        // WHEN a newer version of "a" starts at minute 25: it now chains with "b"
        MonitoringEvent moved = new MonitoringEvent("alertmanager", "a", "fp-a", SERVICE, Severity.HIGH, AlertStatus.FIRING,
                T0.plus(Duration.ofMinutes(25)), null, "moved", Map.of(), 2, T0.plus(Duration.ofMinutes(25)), null);
        deliver(moved);

        // THEN the old episode at minute 0 is gone
        assertThat(alerts.episodes(SERVICE)).isEqualTo(expected());
        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> assertThat(e.start()).isEqualTo(T0.plus(Duration.ofMinutes(25))));
    }

    @Test
    void reconcile_shouldRepairWhereTheAlertWas_whenAMovingVersionCrashedBeforeItsEpisodes() {
        // GIVEN "a" at minute 0 with its episode, then a newer version moving it to minute 40, stored, then a crash
        deliver(firing("a", 0));
        MonitoringEvent moved = new MonitoringEvent("alertmanager", "a", "fp-a", SERVICE, Severity.HIGH, AlertStatus.FIRING,
                T0.plus(Duration.ofMinutes(40)), null, "moved", Map.of(), 2, T0.plus(Duration.ofMinutes(40)), null);
        alerts.store(moved);

        // WHEN the delivery is retried: a duplicate, which still knows where the alert was
        EpisodeReconciler.Result retry = deliver(moved);

        // THEN the episode at minute 0 is gone
        assertThat(retry.deleted()).isEqualTo(1);
        assertThat(alerts.episodes(SERVICE)).isEqualTo(expected());
        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> assertThat(e.start()).isEqualTo(T0.plus(Duration.ofMinutes(40))));
    }

    @Test
    void reconcile_shouldConverge_whenAnotherDeliveryWritesMeanwhile() {
        // GIVEN a repository in which another delivery stores an alert right after this one's first episode write
        deliver(firing("a", 0));
        RacingRepository racing = new RacingRepository(alerts, firing("b", 6));
        EpisodeReconciler racingReconciler = new EpisodeReconciler(racing, tickets, EpisodeRules.defaults());

        // WHEN "c" is delivered and "b" lands while its episodes are being written (the other delivery dies)
        AlertWrite write = racing.store(firing("c", 12));
        racingReconciler.reconcile(SERVICE, List.of(write.storedStartsAt()));

        // THEN the verification read saw "b" and recomputed
        assertThat(alerts.episodes(SERVICE)).isEqualTo(expected());
        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> assertThat(e.alertCount()).isEqualTo(3));
    }

    @Test
    void reconcile_shouldGiveUp_whenTheAlertsKeepChanging() {
        AlertRepository restless = new RestlessRepository(alerts);
        EpisodeReconciler restlessReconciler = new EpisodeReconciler(restless, tickets, EpisodeRules.defaults());
        alerts.store(firing("a", 0));

        assertThatThrownBy(() -> restlessReconciler.reconcile(SERVICE, List.of(T0)))
                .isInstanceOf(EpisodeReconciliationException.class)
                .hasMessageContaining(SERVICE);
    }

    @Test
    void reconcile_shouldLinkTheEpisodeToAnOpenIncidentOfTheService() {
        tickets.store(incident("p3", TicketState.IN_PROGRESS, T0.minusSeconds(600), T0.minusSeconds(60), 3));
        tickets.store(incident("p1", TicketState.OPEN, T0.minusSeconds(300), T0.minusSeconds(300), 1));

        deliver(firing("a", 0));

        assertThat(alerts.episodes(SERVICE)).singleElement()
                .satisfies(e -> assertThat(e.linkedIncident()).isEqualTo("servicenow#incident#p1"));
    }

    @Test
    void reconcile_shouldNotLink_toAResolvedOrStaleIncident() {
        tickets.store(incident("done", TicketState.RESOLVED, T0.minus(Duration.ofHours(2)), T0.minus(Duration.ofHours(1)), 1));
        tickets.store(incident("stale", TicketState.OPEN, T0.minus(Duration.ofDays(5)), T0.minus(Duration.ofHours(25)), 1));
        tickets.store(Ticket.builder().source("servicenow").sourceId("req").kind(TicketKind.REQUEST).service(SERVICE)
                .priority(1).state(TicketState.OPEN).openedAt(T0.minusSeconds(60)).title("not an incident")
                .sourceVersion(1).sourceUpdatedAt(T0).build());

        deliver(firing("a", 0));

        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> assertThat(e.linkedIncident()).isNull());
    }

    @Test
    void reconcile_shouldKeepTheLink_whenTheIncidentIsResolvedLater() {
        tickets.store(incident("p1", TicketState.OPEN, T0.minusSeconds(300), T0.minusSeconds(300), 1));
        deliver(firing("a", 0));
        tickets.store(Ticket.builder().source("servicenow").sourceId("p1").kind(TicketKind.INCIDENT).number("INC-p1")
                .service(SERVICE).priority(1).state(TicketState.RESOLVED).openedAt(T0.minusSeconds(300))
                .resolvedAt(T0.plusSeconds(900)).title("outage").sourceVersion(2).sourceUpdatedAt(T0.plusSeconds(900))
                .build());

        deliver(firing("b", 5));

        assertThat(alerts.episodes(SERVICE)).singleElement().satisfies(e -> {
            assertThat(e.alertCount()).isEqualTo(2);
            assertThat(e.linkedIncident()).isEqualTo("servicenow#incident#p1");
        });
    }

    @Test
    void reconcile_shouldLinkAnEpisode_whenAnIncidentIsOpenedBeforeItsNextAlert() {
        deliver(firing("a", 0));
        assertThat(alerts.episodes(SERVICE).get(0).linkedIncident()).isNull();
        tickets.store(incident("p2", TicketState.OPEN, T0.plusSeconds(120), T0.plusSeconds(120), 2));

        deliver(firing("b", 4));

        assertThat(alerts.episodes(SERVICE).get(0).linkedIncident()).isEqualTo("servicenow#incident#p2");
    }

    /** Stores another alert (once) right after the first episode write, as a concurrent delivery would. */
    private static final class RacingRepository extends ForwardingAlertRepository {
        private MonitoringEvent pending;

        RacingRepository(AlertRepository delegate, MonitoringEvent concurrent) {
            super(delegate);
            this.pending = concurrent;
        }

        @Override
        public void putEpisode(AlertEpisode episode) {
            super.putEpisode(episode);
            if (pending != null) {
                super.store(pending);
                pending = null;
            }
        }
    }

    /** Adds a new alert before every read: the region never settles. */
    private static final class RestlessRepository extends ForwardingAlertRepository {
        private int next;

        RestlessRepository(AlertRepository delegate) {
            super(delegate);
        }

        @Override
        public List<AlertOccurrence> occurrencesStartingBetween(String service, Instant from, Instant to) {
            super.store(firing("r" + next, next % 5));
            next++;
            return super.occurrencesStartingBetween(service, from, to);
        }
    }

}
