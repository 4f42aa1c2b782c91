package io.demandloop.shared.demand;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.demandloop.shared.decision.DemandId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One demand: a pattern of one service, judged against the five criteria, classified into a tier and scored,
 * with its evidence. Produced by {@link DemandEvaluator}; equal inputs give equal records (numbers rounded to two
 * decimals, lists in a fixed order), so a store can compare a new evaluation with the stored one field by field.
 *
 * <p>The identity {@link #id()} is {@code <service>#<pattern>} and does not depend on the evaluation instant or
 * the figures: re-evaluating the same pattern gives the same id, so it updates the demand rather than adding one.
 *
 * @param id           {@code <service>#<pattern>}, e.g. {@code Email#recurring-incidents#category:network}
 * @param service      the service
 * @param pattern      the pattern: {@code recurring-incidents#<dimension>:<value>} (dimension {@code category},
 *                     {@code ci}, {@code problem} or {@code symptom}), {@code request-demand#category:<type>},
 *                     {@code service-risk} or {@code alert-noise}
 * @param tier         where it belongs
 * @param rule         the reason of the decision rule that gave the tier; for the fallback, why it stays
 * @param score        0-10, the weighted mean of the {@link Scores} components (docs/demand.md#scoring)
 * @param wsjf         cost of delay over effort
 * @param scores       the components
 * @param criteria     all five criteria in {@link Criterion} order, each with its measures and thresholds
 * @param observations measures that are not criteria (alert noise), with their thresholds
 * @param evidence     the windows, counts and representative tickets
 * @param explanation  what a service owner reads: what happened, which criteria were met, and what the tier means
 */
public record DemandRecord(String id, String service, String pattern, DemandTier tier, String rule, double score,
                           double wsjf, Scores scores, List<CriterionResult> criteria, List<Measure> observations,
                           Evidence evidence, String explanation) {

    public DemandRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(tier, "tier");
        criteria = List.copyOf(criteria);
        observations = List.copyOf(observations);
    }

    /** The identity of a service's pattern. */
    public static String id(String service, String pattern) {
        return new DemandId(service, pattern).id();
    }

    /** The criteria met, in {@link Criterion} order. */
    @JsonIgnore
    public List<Criterion> criteriaMet() {
        return criteria.stream().filter(CriterionResult::met).map(CriterionResult::criterion).toList();
    }

    /** The result of one criterion. */
    public CriterionResult criterion(Criterion criterion) {
        return criteria.stream().filter(c -> c.criterion() == criterion).findFirst().orElseThrow();
    }

    /**
     * The score's components, each 0-10 (effort 1-10), rounded to two decimals (docs/demand.md#scoring).
     *
     * @param impact         how much the business depends on it: the service tier's impact, for a request type
     *                       at least 2 per requesting department
     * @param risk           major incidents, failed changes, SLA breaches
     * @param userExperience how often and how long users are hurt or kept waiting
     * @param costOfDelay    what waiting costs: the mean of impact, risk and user experience, times the trend
     *                       (window over window before, between 0.5 and 2)
     * @param effort         the size of the fix, from the tier ({@code demand.scoring.effortByTier})
     */
    public record Scores(double impact, double risk, double userExperience, double costOfDelay, double effort) {
    }

    /**
     * What the demand rests on.
     *
     * @param asOf          the evaluation instant
     * @param window        the window judged (the one that gave the highest tier)
     * @param previousStart the start of the window before it (which ends at {@code window.start})
     * @param figures       the pattern's counts and hours in the judged window, by name, rounded
     * @param windows       the pattern's main count in every configured window and the window before
     * @param tickets       representative tickets, newest first, at most {@code demand.maxEvidenceTickets}
     * @param episodes      representative alert episode ids (alert noise only), newest first
     */
    public record Evidence(Instant asOf, Window window, Instant previousStart, SortedMap<String, Double> figures,
                           List<WindowCount> windows, List<TicketRef> tickets, List<String> episodes) {
        public Evidence {
            figures = new TreeMap<>(figures);
            windows = List.copyOf(windows);
            tickets = List.copyOf(tickets);
            episodes = List.copyOf(episodes);
        }
    }

    /**
     * The pattern's main count (incidents, requests, failed changes, episodes) in one window.
     *
     * @param window   the window's name, e.g. {@code 30d}
     * @param count    in the window
     * @param previous in the window before
     */
    public record WindowCount(String window, int count, int previous) {
    }

    /**
     * A ticket cited as evidence.
     *
     * @param key      its identity ({@code Ticket.key()})
     * @param number   its number at the source; may be null
     * @param priority 1-5
     * @param openedAt when it was opened
     * @param link     a URL to it at the source; may be null
     */
    public record TicketRef(String key, String number, int priority, Instant openedAt, String link) {
    }
}
