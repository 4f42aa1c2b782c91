package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Replays the nightly evaluation night by night over history read once ({@code ./demandloop demand backtest}): what
 * each tier would have received, which demands were new, which changed tier. Pure, like the evaluator: the history
 * comes in as one {@link DemandInputs} covering {@code [from − 2 × longest window, to)}, each night is evaluated in
 * memory on the slice of it that night's span covers, and nothing is written anywhere. The tool an administrator
 * sets thresholds with before a board sees anything (docs/demand.md#backtest).
 *
 * <p>Tickets are replayed as stored: the newest version of each, so a ticket resolved after a night counts as
 * resolved on that night too (its SLA verdict and fulfilment time are known earlier than they were).
 */
public final class DemandBacktest {

    private final DemandEvaluator evaluator;
    private final Duration longestWindow;

    public DemandBacktest(DemandEvaluator evaluator, DemandConfig config) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.longestWindow = config.windows().stream().max(Duration::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("demand.windows must list at least one window"));
    }

    /**
     * One night.
     *
     * @param asOf     the evaluation instant
     * @param perTier  how many demands each tier received that night (every tier, 0 included)
     * @param newIds   the demands raised for the first time in the backtest, by id
     * @param changed  the demands whose tier differs from the last night they were raised, id to {@code from → to}
     */
    public record Night(Instant asOf, Map<DemandTier, Integer> perTier, List<String> newIds,
                        SortedMap<String, String> changed) {
    }

    /**
     * The whole replay.
     *
     * @param nights  night by night
     * @param perTier the distinct demands each tier received on at least one night
     * @param flapped the demands that changed tier at least twice (back and forth), id to their tiers in order
     */
    public record Result(List<Night> nights, Map<DemandTier, Integer> perTier, SortedMap<String, List<DemandTier>> flapped) {

        /** How many distinct demands the replay raised at all. */
        public int demands() {
            return perTier.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The first instant the history of a backtest from {@code from} must cover: two longest windows back. */
    public Instant spanStart(Instant from) {
        return from.minus(longestWindow.multipliedBy(2));
    }

    /**
     * The nights {@code from}, {@code from + every}, ... up to and including {@code to}.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from} or {@code every} is not positive
     */
    public static List<Instant> nights(Instant from, Instant to, Duration every) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("--every must be a positive duration, was " + every);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        List<Instant> nights = new ArrayList<>();
        for (Instant night = from; !night.isAfter(to); night = night.plus(every)) {
            nights.add(night);
        }
        return nights;
    }

    /** Replays {@code nights} (in order) over {@code history}, which covers {@code [spanStart(first), last)}. */
    public Result run(DemandInputs history, List<Instant> nights) {
        List<Ticket> tickets = new ArrayList<>(history.tickets());
        tickets.sort(Comparator.comparing(Ticket::openedAt));
        List<AlertEpisode> episodes = new ArrayList<>(history.episodes());
        episodes.sort(Comparator.comparing(AlertEpisode::start));
        List<Night> result = new ArrayList<>();
        Map<String, DemandTier> last = new HashMap<>();
        Map<String, List<DemandTier>> tiers = new TreeMap<>();
        // Each night is a pure evaluation of its own slice: they run in parallel, and are compared in order below.
        List<List<DemandRecord>> evaluated = nights.parallelStream().map(asOf -> {
            Instant from = spanStart(asOf);
            List<Ticket> nightTickets = slice(tickets, Ticket::openedAt, from, asOf);
            List<AlertEpisode> nightEpisodes = slice(episodes, AlertEpisode::start, from, asOf);
            List<SlaBreachCount> breaches = history.slaBreaches().stream()
                    .filter(b -> !b.day().atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)
                            && b.day().atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(asOf))
                    .toList();
            return evaluator.evaluate(new DemandInputs(asOf, nightTickets, nightEpisodes, breaches,
                    history.problemLinks()));
        }).toList();
        for (int n = 0; n < nights.size(); n++) {
            Instant asOf = nights.get(n);
            List<DemandRecord> records = evaluated.get(n);
            Map<DemandTier, Integer> perTier = emptyTiers();
            List<String> newIds = new ArrayList<>();
            SortedMap<String, String> changed = new TreeMap<>();
            for (DemandRecord r : records) {
                perTier.merge(r.tier(), 1, Integer::sum);
                DemandTier before = last.put(r.id(), r.tier());
                if (before == null) {
                    newIds.add(r.id());
                    tiers.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(r.tier());
                } else if (before != r.tier()) {
                    changed.put(r.id(), before.wireName() + " → " + r.tier().wireName());
                    tiers.get(r.id()).add(r.tier());
                }
            }
            result.add(new Night(asOf, perTier, List.copyOf(newIds), changed));
        }
        Map<DemandTier, Integer> perTier = emptyTiers();
        // a demand counts for the highest tier it reached
        tiers.values().forEach(seen -> perTier.merge(seen.stream().max(Comparator.naturalOrder()).orElseThrow(), 1,
                Integer::sum));
        SortedMap<String, List<DemandTier>> flapped = new TreeMap<>();
        tiers.forEach((id, seen) -> {
            if (seen.size() >= 3) {
                flapped.put(id, List.copyOf(seen));
            }
        });
        return new Result(List.copyOf(result), perTier, flapped);
    }

    private static Map<DemandTier, Integer> emptyTiers() {
        Map<DemandTier, Integer> perTier = new EnumMap<>(DemandTier.class);
        for (DemandTier tier : DemandTier.values()) {
            perTier.put(tier, 0);
        }
        return perTier;
    }

    /** The elements of a list sorted by {@code at} with {@code from <= at < to}, by binary search. */
    private static <T> List<T> slice(List<T> sorted, java.util.function.Function<T, Instant> at, Instant from, Instant to) {
        return sorted.subList(lowerBound(sorted, at, from), lowerBound(sorted, at, to));
    }

    private static <T> int lowerBound(List<T> sorted, java.util.function.Function<T, Instant> at, Instant value) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at.apply(sorted.get(mid)).isBefore(value)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
