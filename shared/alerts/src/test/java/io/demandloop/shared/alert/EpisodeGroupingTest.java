package io.demandloop.shared.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpisodeGroupingTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    private static final EpisodeRules RULES = EpisodeRules.defaults();

    private static AlertOccurrence firing(String key, int minute) {
        return new AlertOccurrence(key, "fp-" + key, Severity.WARNING, AlertStatus.FIRING, T0.plus(Duration.ofMinutes(minute)),
                null, 1);
    }

    private static AlertOccurrence resolved(String key, String fingerprint, int minute, int endMinute) {
        return new AlertOccurrence(key, fingerprint, Severity.WARNING, AlertStatus.RESOLVED,
                T0.plus(Duration.ofMinutes(minute)), T0.plus(Duration.ofMinutes(endMinute)), 2);
    }

    private static List<Instant> starts(List<AlertEpisode> episodes) {
        return episodes.stream().map(AlertEpisode::start).toList();
    }

    @Test
    void group_shouldJoinAlerts_whenEachStartsWithinTheGapOfThePrevious() {
        List<AlertEpisode> episodes = EpisodeGrouping.group("svc", List.of(firing("a", 0), firing("b", 10), firing("c", 19)), RULES);

        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(T0);
            assertThat(e.lastStart()).isEqualTo(T0.plus(Duration.ofMinutes(19)));
            assertThat(e.alertCount()).isEqualTo(3);
            assertThat(e.firstAlert()).isEqualTo("a");
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.end()).isNull();
            assertThat(e.id()).isEqualTo("svc#2030-01-01T10:00:00.000Z");
        });
    }

    @Test
    void group_shouldStartANewEpisode_whenTheGapIsLongerThanTenMinutes() {
        List<AlertEpisode> episodes = EpisodeGrouping.group("svc", List.of(firing("a", 0), firing("b", 11)), RULES);

        assertThat(starts(episodes)).containsExactly(T0, T0.plus(Duration.ofMinutes(11)));
    }

    @Test
    void group_shouldCutAChainAtThirtyMinutesFromTheEpisodeStart() {
        // GIVEN an alert every 5 minutes for an hour: one unbroken chain
        List<AlertOccurrence> alerts = new ArrayList<>();
        for (int minute = 0; minute <= 60; minute += 5) {
            alerts.add(firing("a" + minute, minute));
        }

        // WHEN
        List<AlertEpisode> episodes = EpisodeGrouping.group("svc", alerts, RULES);

        // THEN minutes 0-25, 30-55, 60: an alert starting exactly 30 minutes after the first starts the next
        assertThat(starts(episodes)).containsExactly(T0, T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(60)));
        assertThat(episodes).extracting(AlertEpisode::alertCount).containsExactly(6, 6, 1);
    }

    @Test
    void group_shouldSummariseStatusEndAndSeverity() {
        AlertOccurrence critical = new AlertOccurrence("c", "fp-c", Severity.CRITICAL, AlertStatus.RESOLVED,
                T0.plusSeconds(60), T0.plusSeconds(900), 3);
        List<AlertEpisode> episodes = EpisodeGrouping.group("svc",
                List.of(resolved("a", "fp-a", 0, 20), critical, resolved("b", "fp-a", 5, 7)), RULES);

        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(e.end()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
            assertThat(e.maxSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(e.firingCount()).isZero();
            assertThat(e.fingerprintCount()).isEqualTo(2);
            assertThat(e.flapping()).isFalse();
        });
    }

    @Test
    void group_shouldMarkFlapping_whenAFingerprintChangedStateMoreThanTheThresholdWithinTheInterval() {
        // GIVEN one fingerprint firing and resolving three times in 40 minutes (episodes apart: 20-minute gaps)
        List<AlertOccurrence> alerts = List.of(
                resolved("x1", "fp-x", 0, 2), resolved("x2", "fp-x", 20, 22), resolved("x3", "fp-x", 40, 42));

        // WHEN
        List<AlertEpisode> episodes = EpisodeGrouping.group("svc", alerts, RULES);

        // THEN the third occurrence sees 5 changes (> 3) within the hour before it; the second only 3
        assertThat(episodes).extracting(AlertEpisode::flapping).containsExactly(false, false, true);
        assertThat(episodes.get(2).flappingFingerprints()).containsExactly("fp-x");
    }

    @Test
    void group_shouldNotMarkFlapping_whenTheEarlierChangesAreOutsideTheInterval() {
        List<AlertOccurrence> alerts = List.of(
                resolved("x1", "fp-x", 0, 2), resolved("x2", "fp-x", 40, 42), resolved("x3", "fp-x", 80, 82));

        assertThat(EpisodeGrouping.group("svc", alerts, RULES)).extracting(AlertEpisode::flapping)
                .containsExactly(false, false, false);
    }

    @Test
    void group_shouldNotDependOnTheOrderOfItsInput() {
        List<AlertOccurrence> alerts = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            int minute = random.nextInt(24 * 60);
            alerts.add(random.nextBoolean() ? firing("k" + i, minute) : resolved("k" + i, "fp" + random.nextInt(5), minute, minute + 3));
        }
        List<AlertEpisode> expected = EpisodeGrouping.group("svc", alerts, RULES);

        for (int round = 0; round < 10; round++) {
            Collections.shuffle(alerts, random);
            assertThat(EpisodeGrouping.group("svc", alerts, RULES)).isEqualTo(expected);
        }
    }

    @Test
    void group_shouldFollowConfiguredRules() {
        EpisodeRules tight = new EpisodeRules(Duration.ofMinutes(2), Duration.ofMinutes(5), 1, Duration.ofMinutes(10), null);

        List<AlertEpisode> episodes = EpisodeGrouping.group("svc",
                List.of(firing("a", 0), firing("b", 2), firing("c", 5), firing("d", 8)), tight);

        // 0 and 2 join; 5 is 5 minutes after the start (cut); 8 is 3 minutes after 5 (gap)
        assertThat(starts(episodes)).containsExactly(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(8)));
    }
}
