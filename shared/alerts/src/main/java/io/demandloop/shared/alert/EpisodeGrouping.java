package io.demandloop.shared.alert;

import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The episodes of a set of alerts of one service: a pure function of the set, so that any arrival order of the
 * alerts, any redelivery and any retry end in the same episodes.
 *
 * <p>Walk the alerts in start order (ties by key). An alert joins the current episode when it starts at most
 * {@link EpisodeRules#maxGap()} after the previous alert and less than {@link EpisodeRules#maxDuration()} after
 * the episode's first alert; otherwise it starts a new episode. So an unbroken chain of alerts (each within the
 * gap of the previous) is cut into episodes of at most the maximum duration, counted from the chain's start.
 *
 * <p>An alert is flapping when its fingerprint changed state more than {@link EpisodeRules#flappingThreshold()}
 * times in {@code [start - flappingInterval, start]}: each occurrence of the fingerprint starting in that interval
 * counts one change for firing, and one more if it was resolved by the alert's start. An episode is flapping when
 * any of its alerts is.
 */
public final class EpisodeGrouping {

    private EpisodeGrouping() {
    }

    /** The episodes of these alerts (all of one service), oldest first, unlinked. */
    public static List<AlertEpisode> group(String service, Collection<AlertOccurrence> alerts, EpisodeRules rules) {
        List<AlertOccurrence> sorted = new ArrayList<>(alerts);
        sorted.sort(AlertOccurrence.BY_START);
        Set<String> flapping = flappingKeys(sorted, rules);
        List<AlertEpisode> episodes = new ArrayList<>();
        List<AlertOccurrence> current = new ArrayList<>();
        for (AlertOccurrence alert : sorted) {
            if (!current.isEmpty() && !joins(current, alert, rules)) {
                episodes.add(episode(service, current, flapping));
                current = new ArrayList<>();
            }
            current.add(alert);
        }
        if (!current.isEmpty()) {
            episodes.add(episode(service, current, flapping));
        }
        return episodes;
    }

    private static boolean joins(List<AlertOccurrence> episode, AlertOccurrence alert, EpisodeRules rules) {
        Instant previous = episode.get(episode.size() - 1).startsAt();
        Instant first = episode.get(0).startsAt();
        return Duration.between(previous, alert.startsAt()).compareTo(rules.maxGap()) <= 0
                && Duration.between(first, alert.startsAt()).compareTo(rules.maxDuration()) < 0;
    }

    /** The keys of the flapping alerts among these, sorted by start. */
    static Set<String> flappingKeys(List<AlertOccurrence> sorted, EpisodeRules rules) {
        Map<String, List<AlertOccurrence>> byFingerprint = new HashMap<>();
        for (AlertOccurrence alert : sorted) {
            byFingerprint.computeIfAbsent(alert.fingerprint(), f -> new ArrayList<>()).add(alert);
        }
        Set<String> flapping = new HashSet<>();
        for (List<AlertOccurrence> occurrences : byFingerprint.values()) {
            for (int i = 0; i < occurrences.size(); i++) {
                AlertOccurrence alert = occurrences.get(i);
                Instant from = alert.startsAt().minus(rules.flappingInterval());
                int changes = 0;
                // Every occurrence starting in [from, start], including those with the same start after it.
                for (AlertOccurrence other : occurrences) {
                    if (other.startsAt().isBefore(from) || other.startsAt().isAfter(alert.startsAt())) {
                        continue;
                    }
                    changes++;
                    Instant resolved = other.resolvedAt();
                    if (resolved != null && !resolved.isAfter(alert.startsAt())) {
                        changes++;
                    }
                }
                if (changes > rules.flappingThreshold()) {
                    flapping.add(alert.key());
                }
            }
        }
        return flapping;
    }

    private static AlertEpisode episode(String service, List<AlertOccurrence> alerts, Set<String> flappingKeys) {
        Severity maxSeverity = Severity.INFO;
        int firing = 0;
        Instant end = null;
        Set<String> fingerprints = new HashSet<>();
        TreeSet<String> flappingFingerprints = new TreeSet<>();
        for (AlertOccurrence alert : alerts) {
            if (alert.severity().ordinal() < maxSeverity.ordinal()) {
                maxSeverity = alert.severity();
            }
            if (alert.status() == AlertStatus.FIRING) {
                firing++;
            } else if (end == null || alert.resolvedAt().isAfter(end)) {
                end = alert.resolvedAt();
            }
            fingerprints.add(alert.fingerprint());
            if (flappingKeys.contains(alert.key())) {
                flappingFingerprints.add(alert.fingerprint());
            }
        }
        List<String> listed = flappingFingerprints.stream().limit(AlertEpisode.MAX_LISTED).toList();
        return new AlertEpisode(service, alerts.get(0).startsAt(), alerts.get(alerts.size() - 1).startsAt(),
                firing > 0 ? null : end, firing > 0 ? AlertStatus.FIRING : AlertStatus.RESOLVED, maxSeverity,
                alerts.size(), firing, fingerprints.size(), !flappingFingerprints.isEmpty(), listed,
                alerts.get(0).key(), null);
    }
}
