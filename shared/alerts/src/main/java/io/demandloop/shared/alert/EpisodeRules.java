package io.demandloop.shared.alert;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import java.time.Duration;

/**
 * How alerts are grouped into episodes: configuration section {@value #SECTION} of {@code demandloop.yaml},
 * durations in ISO-8601 ({@code PT10M}). Absent keys take the defaults below.
 *
 * <pre>
 * episodes:
 *   maxGap: PT10M               # an alert starting at most this long after the previous one joins its episode
 *   maxDuration: PT30M          # an episode takes no alert starting this long or longer after its first one
 *   flappingThreshold: 3        # an alert is flapping when its fingerprint changed state more than this often
 *   flappingInterval: PT1H      #   within this interval before its start
 *   incidentStaleAfter: PT24H   # an open incident without an update for this long is not linked to
 * </pre>
 *
 * @param maxGap             the longest gap between the starts of two consecutive alerts of one episode
 * @param maxDuration        the longest an episode's alerts may start after its first alert (exclusive)
 * @param flappingThreshold  state changes of a fingerprint above which its alert is flapping
 * @param flappingInterval   the interval those changes are counted in
 * @param incidentStaleAfter how long an open incident may go without an update and still be linked to
 */
public record EpisodeRules(Duration maxGap, Duration maxDuration, Integer flappingThreshold, Duration flappingInterval,
                           Duration incidentStaleAfter) {

    /** The configuration section. */
    public static final String SECTION = "episodes";

    public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(30);
    public static final int DEFAULT_FLAPPING_THRESHOLD = 3;
    public static final Duration DEFAULT_FLAPPING_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_INCIDENT_STALE_AFTER = Duration.ofHours(24);

    public EpisodeRules {
        maxGap = positive(maxGap, DEFAULT_MAX_GAP, "maxGap");
        maxDuration = positive(maxDuration, DEFAULT_MAX_DURATION, "maxDuration");
        flappingInterval = positive(flappingInterval, DEFAULT_FLAPPING_INTERVAL, "flappingInterval");
        incidentStaleAfter = positive(incidentStaleAfter, DEFAULT_INCIDENT_STALE_AFTER, "incidentStaleAfter");
        if (flappingThreshold == null) {
            flappingThreshold = DEFAULT_FLAPPING_THRESHOLD;
        } else if (flappingThreshold < 1) {
            throw new MissingConfigurationException("configuration section '" + SECTION
                    + "': flappingThreshold must be at least 1, was " + flappingThreshold);
        }
    }

    /** The defaults. */
    public static EpisodeRules defaults() {
        return new EpisodeRules(null, null, null, null, null);
    }

    /** The rules of a configuration; fails naming a malformed or unknown key. */
    public static EpisodeRules from(DemandloopConfig config) {
        return config.section(SECTION, EpisodeRules.class);
    }

    private static Duration positive(Duration value, Duration defaultValue, String name) {
        if (value == null) {
            return defaultValue;
        }
        if (value.isNegative() || value.isZero()) {
            throw new MissingConfigurationException("configuration section '" + SECTION + "': " + name
                    + " must be positive, was " + value);
        }
        return value;
    }
}
