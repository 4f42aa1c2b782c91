package io.demandloop.functions.alertstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertOccurrence;
import io.demandloop.shared.alert.EpisodeGrouping;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the order of the deliveries, however often each is redelivered, and wherever a delivery crashes between
 * the alert's write and its episodes' (and is retried later), the stored alerts are the newest versions and the
 * stored episodes are exactly {@link EpisodeGrouping#group} of them.
 */
class AlertDeliveryOrderPropertyTest {

    private static final Instant BASE = Instant.parse("2030-10-01T00:00:00Z");
    private static final String SERVICE = "Checkout";

    /** One alert occurrence: its versions in source order (firing, then maybe resolved). */
    record Occurrence(List<MonitoringEvent> versions) {
        MonitoringEvent newest() {
            return versions.get(versions.size() - 1);
        }
    }

    @Provide
    Arbitrary<List<Occurrence>> occurrences() {
        Arbitrary<Occurrence> occurrence = Combinators.combine(
                Arbitraries.of("fp-a", "fp-b", "fp-c", "fp-d"),
                Arbitraries.integers().between(0, 4 * 60),
                Arbitraries.integers().between(0, 25),
                Arbitraries.of(Severity.class),
                Arbitraries.of(true, false)).as((fingerprint, startMinute, duration, severity, resolves) -> {
                    Instant start = BASE.plus(Duration.ofMinutes(startMinute));
                    String id = fingerprint + "@" + start;
                    List<MonitoringEvent> versions = new ArrayList<>();
                    versions.add(new MonitoringEvent("alertmanager", id, fingerprint, SERVICE, severity, AlertStatus.FIRING,
                            start, null, "t", Map.of(), 1, start, null));
                    if (resolves) {
                        Instant end = start.plus(Duration.ofMinutes(duration));
                        versions.add(new MonitoringEvent("alertmanager", id, fingerprint, SERVICE, severity,
                                AlertStatus.RESOLVED, start, end, "t", Map.of(), 2, end, null));
                    }
                    return new Occurrence(versions);
                });
        return occurrence.list().ofMinSize(1).ofMaxSize(25).uniqueElements(o -> o.newest().key());
    }

    @Property(tries = 300)
    void anyOrderRedeliveryAndCrash_shouldEndInTheEpisodesOfTheNewestVersions(
            @ForAll("occurrences") List<Occurrence> occurrences, @ForAll long seed) {
        // GIVEN every version delivered one to three times, shuffled
        Random random = new Random(seed);
        List<MonitoringEvent> deliveries = new ArrayList<>();
        for (Occurrence occurrence : occurrences) {
            for (MonitoringEvent version : occurrence.versions()) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    deliveries.add(version);
                }
            }
        }
        Collections.shuffle(deliveries, random);
        InMemoryAlertRepository alerts = new InMemoryAlertRepository();
        CrashingAlertRepository crashing = new CrashingAlertRepository(alerts);
        AlertStoreService service = new AlertStoreService(crashing, new InMemoryTicketRepository(), EpisodeRules.defaults());

        // WHEN they are delivered, a fifth of them crashing at their first episode write and retried later
        LinkedList<MonitoringEvent> queue = new LinkedList<>(deliveries);
        while (!queue.isEmpty()) {
            MonitoringEvent next = queue.removeFirst();
            if (random.nextInt(5) == 0) {
                crashing.crashAtNextEpisodeWrite();
            }
            try {
                service.store(next);
            } catch (CrashingAlertRepository.CrashException e) {
                queue.add(random.nextInt(queue.size() + 1), next);
            }
            crashing.disarm();
        }

        // THEN
        List<MonitoringEvent> newest = occurrences.stream().map(Occurrence::newest).toList();
        assertThat(alerts.alerts()).containsExactlyInAnyOrderElementsOf(newest);
        List<AlertEpisode> expected = EpisodeGrouping.group(SERVICE,
                newest.stream().map(AlertOccurrence::of).toList(), EpisodeRules.defaults());
        assertThat(alerts.episodes(SERVICE)).isEqualTo(expected);
        assertThat(expected.stream().mapToInt(AlertEpisode::alertCount).sum()).isEqualTo(newest.size());
    }
}
