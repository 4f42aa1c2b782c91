package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.functions.ticketstore.TicketStoreService;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertOccurrence;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.alert.EpisodeGrouping;
import io.demandloop.shared.alert.EpisodeReconciler;
import io.demandloop.shared.alert.EpisodeReconciliationException;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.alert.testing.ForwardingAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.testing.ForwardingTicketRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.DailyCounts;
import io.demandloop.shared.ticket.OpenTicket;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Exactly once, against DynamoDB Local through the real adapters: redeliveries in a row and at the same time,
 * and a crash between two writes of a store followed by its retry, end in one record per source record and exact
 * counts and episodes.
 *
 * <p>The ServiceNow samples are stored under services and ids of this run, moved eight years ahead, so that the
 * other tests of the shared stack (the report's window in 2026) never see them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageReliabilityIT {

    private static final Duration SHIFT = Duration.ofDays(8 * 365);
    private static final Duration INDEX_WAIT = Duration.ofSeconds(20);

    private final String run = "rel-" + UUID.randomUUID().toString().substring(0, 8);
    private DynamoDbClient client;
    private DynamoDbTicketRepository tickets;
    private DynamoDbAlertRepository alerts;
    private ExecutorService threads;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        client = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        tickets = new DynamoDbTicketRepository(client, stack.template().physicalName("TicketsTable"));
        alerts = new DynamoDbAlertRepository(client, stack.template().physicalName("AlertsTable"));
        threads = Executors.newFixedThreadPool(10);
    }

    @AfterAll
    void close() {
        if (threads != null) {
            threads.shutdownNow();
            client.close();
        }
    }

    /** Every ticket of every ServiceNow sample, in file order, made this run's own. */
    private List<Ticket> sampleTickets() throws Exception {
        ServiceNowNormaliser normaliser = new ServiceNowNormaliser(DemandloopConfig.load());
        List<Ticket> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(ProjectFiles.path("events/webhooks/servicenow"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            for (Ticket t : normaliser.normalise(Json.mapper().readTree(file.toFile()))) {
                all.add(ours(t));
            }
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(files.size());
        return all;
    }

    private Ticket ours(Ticket t) {
        return t.toBuilder().sourceId(run + "-" + t.sourceId()).service(run + "-" + t.service())
                .openedAt(shift(t.openedAt())).resolvedAt(shift(t.resolvedAt())).closedAt(shift(t.closedAt()))
                .sourceUpdatedAt(shift(t.sourceUpdatedAt())).signals(null).build();
    }

    private static Instant shift(Instant instant) {
        return instant == null ? null : instant.plus(SHIFT);
    }

    /** The newest version of each ticket, as the store must end with. */
    private static Map<String, Ticket> newest(List<Ticket> deliveries) {
        Map<String, Ticket> newest = new LinkedHashMap<>();
        for (Ticket t : deliveries) {
            newest.merge(t.key(), t, (a, b) -> a.sourceVersion() >= b.sourceVersion() ? a : b);
        }
        return newest;
    }

    @Test
    void serviceNowSamples_shouldBeStoredOnce_withExactCounts_whenDelivered3TimesInARowAnd10TimesConcurrently() throws Exception {
        // GIVEN every sample's tickets
        List<Ticket> deliveries = sampleTickets();
        TicketStoreService store = new TicketStoreService(tickets);

        // WHEN each is delivered three times in a row, in sample order
        List<StoreOutcome> outcomes = new ArrayList<>();
        for (Ticket t : deliveries) {
            for (int i = 0; i < 3; i++) {
                outcomes.add(store.store(t));
            }
        }
        // and then ten times at the same time, all of them
        List<Callable<StoreOutcome>> concurrent = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            List<Ticket> shuffled = new ArrayList<>(deliveries);
            Collections.shuffle(shuffled, new Random(copy));
            for (Ticket t : shuffled) {
                concurrent.add(() -> store.store(t));
            }
        }
        for (Future<StoreOutcome> done : threads.invokeAll(concurrent)) {
            outcomes.add(done.get());
        }

        // THEN one record per ticket, the newest version
        Map<String, Ticket> expected = newest(deliveries);
        for (Ticket t : expected.values()) {
            assertThat(tickets.find(t.source(), t.kind(), t.sourceId())).as(t.key()).contains(t);
        }
        // written once per version that was newer than what was stored when it came; never after the newest
        assertThat(outcomes.stream().filter(o -> o == StoreOutcome.STORED).count())
                .isLessThanOrEqualTo(deliveries.size()).isGreaterThanOrEqualTo(expected.size());
        // and the window reads list each ticket once
        Set<String> ourServices = new TreeSet<>(expected.values().stream().map(Ticket::service).toList());
        for (TicketKind kind : TicketKind.values()) {
            List<String> listed = tickets.findOpenedBetween(kind, Instant.parse("2034-01-01T00:00:00Z"),
                            Instant.parse("2034-12-31T23:59:59Z")).stream()
                    .filter(t -> ourServices.contains(t.service())).map(Ticket::key).toList();
            assertThat(listed).as(kind.wireName()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected.values().stream().filter(t -> t.kind() == kind).map(Ticket::key).toList());
        }
        // and the counts are exact: those of the newest versions, each counted once
        assertCountsEventually(expected.values());
    }

    @Test
    void ticketStore_shouldGiveExactCounts_whenItCrashedAfterItsWriteAndWasRetried() throws Exception {
        // GIVEN a store whose repository fails right after the write (a timeout after DynamoDB accepted it)
        List<Ticket> deliveries = sampleTickets().stream()
                .map(t -> t.toBuilder().sourceId(t.sourceId() + "-crash").service(t.service() + "-crash").signals(null)
                        .build())
                .toList();
        FailingAfterWrite failing = new FailingAfterWrite(tickets);
        TicketStoreService store = new TicketStoreService(failing);

        // WHEN every delivery crashes once after its write, and is retried
        for (Ticket t : deliveries) {
            failing.failNext();
            assertThatThrownBy(() -> store.store(t)).hasMessageContaining("injected");
            assertThat(store.store(t)).isIn(StoreOutcome.DUPLICATE, StoreOutcome.STALE);
        }

        // THEN
        assertCountsEventually(newest(deliveries).values());
    }

    private void assertCountsEventually(java.util.Collection<Ticket> newest) throws InterruptedException {
        InMemoryTicketRepository reference = new InMemoryTicketRepository();
        newest.forEach(reference::store);
        Set<String> services = new TreeSet<>();
        Set<LocalDate> days = new TreeSet<>();
        for (Ticket t : newest) {
            services.add(t.service());
            days.add(DailyCounts.openedDay(t));
            DailyCounts.resolvedDay(t).ifPresent(days::add);
        }
        Map<String, DailyCounts> expected = new HashMap<>();
        for (String service : services) {
            for (LocalDate day : days) {
                expected.put(service + "@" + day, reference.countsFor(service, day));
            }
        }
        // The indexes follow the table eventually: wait for them, briefly.
        Instant deadline = Instant.now().plus(INDEX_WAIT);
        Map<String, DailyCounts> actual;
        do {
            actual = new HashMap<>();
            for (String service : services) {
                for (LocalDate day : days) {
                    actual.put(service + "@" + day, tickets.countsFor(service, day));
                }
            }
            if (actual.equals(expected)) {
                break;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        assertThat(actual).isEqualTo(expected);
        int opened = expected.values().stream().mapToInt(c -> c.opened().total()).sum();
        assertThat(opened).isEqualTo(newest.size());
        for (String service : services) {
            for (TicketKind kind : TicketKind.values()) {
                assertThat(tickets.findOpen(service, kind)).extracting(OpenTicket::key)
                        .containsExactlyElementsOf(reference.findOpen(service, kind).stream().map(OpenTicket::key).toList());
            }
        }
    }

    // ---- alerts ----------------------------------------------------------------------------------------------

    private static MonitoringEvent alert(String service, String id, Instant start, long version, AlertStatus status) {
        return new MonitoringEvent("alertmanager", id + "@" + start, "fp-" + id, service, Severity.HIGH, status, start,
                status == AlertStatus.RESOLVED ? start.plusSeconds(120) : null, "Queue high", Map.of("alertname", "QueueHigh"),
                version, start, null);
    }

    /** One delivery as the alert store makes it: the alert's write, then its episodes'. */
    private static EpisodeReconciler.Result deliver(AlertRepository repository, EpisodeReconciler reconciler, MonitoringEvent e) {
        AlertWrite write = repository.store(e);
        return reconciler.reconcile(e.service(), write.starts());
    }

    private List<AlertEpisode> expectedEpisodes(String service, Instant from, Instant to) {
        List<AlertOccurrence> stored = alerts.occurrencesStartingBetween(service, from, to);
        return EpisodeGrouping.group(service, stored, EpisodeRules.defaults());
    }

    @Test
    void alertStore_shouldGiveExactEpisodes_whenItCrashedBetweenItsWritesAndWasRetried() {
        String service = run + "-alerts";
        Instant t0 = Instant.parse("2034-05-01T10:00:00Z");
        CrashingAlerts crashing = new CrashingAlerts(alerts);
        EpisodeReconciler reconciler = new EpisodeReconciler(crashing, tickets, EpisodeRules.defaults());

        // GIVEN two episodes, 16 minutes apart
        deliver(crashing, reconciler, alert(service, "a", t0, 1, AlertStatus.FIRING));
        deliver(crashing, reconciler, alert(service, "c", t0.plusSeconds(16 * 60), 1, AlertStatus.FIRING));

        // WHEN a bridging alert crashes right after the alert's write (before any episode write), and is retried
        crashing.crashAfter(CrashingAlerts.Point.ALERT_WRITE);
        MonitoringEvent bridging = alert(service, "b", t0.plusSeconds(8 * 60), 1, AlertStatus.FIRING);
        assertThatThrownBy(() -> deliver(crashing, reconciler, bridging)).hasMessageContaining("injected");
        EpisodeReconciler.Result retried = deliver(crashing, reconciler, bridging);

        // and a late alert that bridges to "e" crashes after its first episode write: the merged episode is written,
        // the one of "e" alone is not deleted yet
        MonitoringEvent late = alert(service, "d", t0.plusSeconds(24 * 60), 2, AlertStatus.RESOLVED);
        deliver(crashing, reconciler, alert(service, "e", t0.plusSeconds(29 * 60), 1, AlertStatus.FIRING));
        crashing.crashAfter(CrashingAlerts.Point.EPISODE_WRITE);
        assertThatThrownBy(() -> deliver(crashing, reconciler, late)).hasMessageContaining("injected");
        deliver(crashing, reconciler, late);

        // THEN the episodes are exactly those of the stored alerts
        Instant from = t0.minus(Duration.ofHours(2));
        Instant to = t0.plus(Duration.ofHours(3));
        assertThat(retried.written()).isPositive();
        assertThat(alerts.episodesStartingBetween(service, from, to)).isEqualTo(expectedEpisodes(service, from, to));
        assertThat(alerts.episodesStartingBetween(service, from, to)).extracting(AlertEpisode::alertCount).containsExactly(5);
    }

    @Test
    void alertStore_shouldRepairWhereAnAlertWas_whenAVersionMovingItCrashedBeforeItsEpisodes() {
        // GIVEN an alert whose newer version starts 40 minutes later (same identity)
        String service = run + "-moved";
        Instant t0 = Instant.parse("2034-05-03T10:00:00Z");
        CrashingAlerts crashing = new CrashingAlerts(alerts);
        EpisodeReconciler reconciler = new EpisodeReconciler(crashing, tickets, EpisodeRules.defaults());
        MonitoringEvent first = new MonitoringEvent("pagerduty", "P123", "P123", service, Severity.HIGH, AlertStatus.FIRING,
                t0, null, "Checkout errors", Map.of(), 1, t0, null);
        Instant moved = t0.plus(Duration.ofMinutes(40));
        MonitoringEvent second = new MonitoringEvent("pagerduty", "P123", "P123", service, Severity.HIGH, AlertStatus.FIRING,
                moved, null, "Checkout errors", Map.of(), 2, moved, null);
        deliver(crashing, reconciler, first);

        // WHEN the moving version crashes right after its write, and is retried (a duplicate by then)
        crashing.crashAfter(CrashingAlerts.Point.ALERT_WRITE);
        assertThatThrownBy(() -> deliver(crashing, reconciler, second)).hasMessageContaining("injected");
        AlertWrite retry = crashing.store(second);
        reconciler.reconcile(service, retry.starts());

        // THEN the stored alert remembers where it was, and the episode it left is gone
        assertThat(retry.outcome()).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(retry.formerStarts()).containsExactly(t0);
        assertThat(alerts.episodesStartingBetween(service, t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofHours(2))))
                .singleElement().satisfies(e -> assertThat(e.start()).isEqualTo(moved));
    }

    @Test
    void alertStore_shouldGiveExactEpisodes_whenAStormIsDeliveredTwiceConcurrently() throws Exception {
        // GIVEN a two-hour storm: 40 alerts 3 minutes apart, some resolved, delivered twice each by 10 threads
        String service = run + "-storm";
        Instant t0 = Instant.parse("2034-05-02T10:00:00Z");
        EpisodeReconciler reconciler = new EpisodeReconciler(alerts, tickets, EpisodeRules.defaults());
        List<MonitoringEvent> deliveries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant start = t0.plusSeconds(i * 180L);
            deliveries.add(alert(service, "s" + i, start, 1, AlertStatus.FIRING));
            if (i % 3 == 0) {
                deliveries.add(alert(service, "s" + i, start, 2, AlertStatus.RESOLVED));
            }
        }
        deliveries.addAll(new ArrayList<>(deliveries));
        Collections.shuffle(deliveries, new Random(7));

        // WHEN, retrying a delivery as EventBridge would when its episodes kept changing under it
        List<Callable<Void>> calls = new ArrayList<>();
        for (MonitoringEvent e : deliveries) {
            calls.add(() -> {
                for (int attempt = 1; ; attempt++) {
                    try {
                        deliver(alerts, reconciler, e);
                        return null;
                    } catch (EpisodeReconciliationException busy) {
                        if (attempt == 10) {
                            throw busy;
                        }
                    }
                }
            });
        }
        for (Future<Void> done : threads.invokeAll(calls)) {
            done.get();
        }

        // THEN
        Instant from = t0.minus(Duration.ofHours(2));
        Instant to = t0.plus(Duration.ofHours(4));
        List<AlertEpisode> stored = alerts.episodesStartingBetween(service, from, to);
        assertThat(stored).isEqualTo(expectedEpisodes(service, from, to));
        assertThat(stored).extracting(AlertEpisode::alertCount).containsExactly(10, 10, 10, 10);
    }

    /** A ticket repository that fails once, right after a successful write. */
    private static final class FailingAfterWrite extends ForwardingTicketRepository {
        private volatile boolean failNext;

        FailingAfterWrite(TicketRepository delegate) {
            super(delegate);
        }

        void failNext() {
            failNext = true;
        }

        @Override
        public StoreOutcome store(Ticket ticket) {
            StoreOutcome outcome = super.store(ticket);
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("injected crash after the write of " + ticket.key());
            }
            return outcome;
        }
    }

    /** An alert repository that crashes once, right after the next write of the kind it is told. */
    private static final class CrashingAlerts extends ForwardingAlertRepository {
        enum Point { ALERT_WRITE, EPISODE_WRITE }

        private Point crashAfter;

        CrashingAlerts(AlertRepository delegate) {
            super(delegate);
        }

        void crashAfter(Point point) {
            crashAfter = point;
        }

        private void maybeCrash(Point point) {
            if (crashAfter == point) {
                crashAfter = null;
                throw new IllegalStateException("injected crash after an " + point);
            }
        }

        @Override
        public AlertWrite store(MonitoringEvent event) {
            AlertWrite write = super.store(event);
            maybeCrash(Point.ALERT_WRITE);
            return write;
        }

        @Override
        public void putEpisode(AlertEpisode episode) {
            super.putEpisode(episode);
            maybeCrash(Point.EPISODE_WRITE);
        }

        @Override
        public void deleteEpisode(String service, Instant start) {
            super.deleteEpisode(service, start);
            maybeCrash(Point.EPISODE_WRITE);
        }
    }
}
