package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.ticket.Ticket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A pattern judged in one window by {@link PatternJudge}, before it becomes a record: its criteria, figures and
 * evidence, the tier the decision rules give it, and the inputs of its score. Built by {@link #builder}, named part
 * by part (many of its parts are numbers that a positional constructor would let one swap silently); changed only by
 * {@code with...} copies.
 */
final class PatternJudgement {

    private final ServiceFacts facts;
    private final String pattern;
    private final List<CriterionResult> criteria;
    private final List<Measure> observations;
    private final boolean observed;
    private final int count;
    private final int previous;
    private final SortedMap<String, Double> figures;
    private final List<Ticket> tickets;
    private final List<AlertEpisode> episodes;
    private final String summary;
    private final Set<Criterion> met;
    private final DemandTier tier;
    private final String reason;
    private final double impact;
    private final double risk;
    private final double userExperience;
    private final double volume;
    private final double severity;
    private final double breadth;
    private final double hours;
    private final double share;
    private final ServiceFacts.Dimension dimension;
    private final Set<String> keys;
    private final String description;
    private final List<String> also;

    private PatternJudgement(Builder b, DemandTier tier, String reason) {
        this.facts = Objects.requireNonNull(b.facts, "facts");
        this.pattern = Objects.requireNonNull(b.pattern, "pattern");
        this.criteria = Objects.requireNonNull(b.criteria, "criteria");
        this.observations = b.observations;
        this.observed = b.observed;
        this.count = b.count;
        this.previous = b.previous;
        this.figures = Objects.requireNonNull(b.figures, "figures");
        this.tickets = b.tickets;
        this.episodes = b.episodes;
        this.summary = Objects.requireNonNull(b.summary, "summary");
        this.met = metOf(criteria);
        this.tier = Objects.requireNonNull(tier, "tier");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.impact = b.impact;
        this.risk = b.risk;
        this.userExperience = b.userExperience;
        this.volume = b.volume;
        this.severity = b.severity;
        this.breadth = b.breadth;
        this.hours = b.hours;
        this.share = b.share;
        this.dimension = b.dimension;
        this.keys = b.keys;
        this.description = b.description;
        this.also = List.copyOf(b.also);
    }

    /** A judgement of {@code pattern} of the service of {@code facts}, to be completed part by part. */
    static Builder builder(ServiceFacts facts, String pattern) {
        return new Builder(facts, pattern);
    }

    private static Set<Criterion> metOf(List<CriterionResult> criteria) {
        Set<Criterion> met = EnumSet.noneOf(Criterion.class);
        criteria.stream().filter(CriterionResult::met).forEach(c -> met.add(c.criterion()));
        return met;
    }

    /** The same judgement citing the incidents of every window ({@code keys}), so that windows compare. */
    PatternJudgement withKeys(Set<String> newKeys) {
        return new PatternJudgement(toBuilder().keys(newKeys), tier, reason);
    }

    /** The same judgement citing one more group of the same incidents merged into it. */
    PatternJudgement withAlso(String merged) {
        Builder b = toBuilder();
        b.also.add(merged);
        return new PatternJudgement(b, tier, reason);
    }

    private Builder toBuilder() {
        Builder b = new Builder(facts, pattern).criteria(criteria).observations(observations, observed)
                .counts(count, previous).figures(figures).tickets(tickets).episodes(episodes).summary(summary)
                .impact(impact).risk(risk).userExperience(userExperience).volume(volume).severity(severity)
                .breadth(breadth).hours(hours).share(share).incidentGroup(dimension, keys, description);
        b.also.addAll(also);
        return b;
    }

    String id() {
        return DemandRecord.id(facts.service(), pattern);
    }

    boolean raised() {
        return observed || met.stream().anyMatch(c -> c != Criterion.CRITICAL_SERVICE);
    }

    /** Higher tier, then more criteria met; windows come shortest first, so a tie keeps the shorter one. */
    boolean betterThan(PatternJudgement other) {
        if (tier != other.tier) {
            return tier.compareTo(other.tier) > 0;
        }
        return met.size() > other.met.size();
    }

    ServiceFacts facts() {
        return facts;
    }

    String pattern() {
        return pattern;
    }

    List<CriterionResult> criteria() {
        return criteria;
    }

    /** What a pattern without a criterion to meet (alert noise) was observed by. */
    List<Measure> observations() {
        return observations;
    }

    /** This window's count of the pattern. */
    int count() {
        return count;
    }

    /** The count in the window before. */
    int previous() {
        return previous;
    }

    SortedMap<String, Double> figures() {
        return figures;
    }

    List<Ticket> tickets() {
        return tickets;
    }

    List<AlertEpisode> episodes() {
        return episodes;
    }

    /** The explanation's sentence on what was seen. */
    String summary() {
        return summary;
    }

    DemandTier tier() {
        return tier;
    }

    String reason() {
        return reason;
    }

    double impact() {
        return impact;
    }

    double risk() {
        return risk;
    }

    double userExperience() {
        return userExperience;
    }

    /** Strength input: the pattern's volume (incidents, requests, SLA breaches or episodes). */
    double volume() {
        return volume;
    }

    /** Strength input: major incidents, or failed changes. */
    double severity() {
        return severity;
    }

    /** Strength input: departments. */
    double breadth() {
        return breadth;
    }

    /** Tie-breaking strength input: the pattern's hours (recorded, else estimated). */
    double hours() {
        return hours;
    }

    /** Tie-breaking strength input: the pattern's share of its service. */
    double share() {
        return share;
    }

    /** For incident groups: the dimension; null otherwise. */
    ServiceFacts.Dimension dimension() {
        return dimension;
    }

    /** For incident groups: the incidents' keys; empty otherwise. */
    Set<String> keys() {
        return keys;
    }

    /** For incident groups: how the group reads ("category 'x'"). */
    String description() {
        return description;
    }

    /** Other groups of the same incidents merged into this one. */
    List<String> also() {
        return also;
    }

    /** The parts of a judgement, each named; {@link #build} applies the decision rules to the criteria met. */
    static final class Builder {
        private final ServiceFacts facts;
        private final String pattern;
        private List<CriterionResult> criteria;
        private List<Measure> observations = List.of();
        private boolean observed;
        private int count;
        private int previous;
        private SortedMap<String, Double> figures = new TreeMap<>();
        private List<Ticket> tickets = List.of();
        private List<AlertEpisode> episodes = List.of();
        private String summary;
        private double impact;
        private double risk;
        private double userExperience;
        private double volume;
        private double severity;
        private double breadth;
        private double hours;
        private double share;
        private ServiceFacts.Dimension dimension;
        private Set<String> keys = Set.of();
        private String description;
        private final List<String> also = new ArrayList<>();

        private Builder(ServiceFacts facts, String pattern) {
            this.facts = facts;
            this.pattern = pattern;
        }

        Builder criteria(List<CriterionResult> value) {
            this.criteria = value;
            return this;
        }

        /** Measures of a pattern judged by observation rather than criteria, and whether they observed it. */
        Builder observations(List<Measure> value, boolean isObserved) {
            this.observations = value;
            this.observed = isObserved;
            return this;
        }

        /** The pattern's count in the window and in the window before. */
        Builder counts(int inWindow, int inWindowBefore) {
            this.count = inWindow;
            this.previous = inWindowBefore;
            return this;
        }

        Builder figures(SortedMap<String, Double> value) {
            this.figures = value;
            return this;
        }

        Builder tickets(List<Ticket> value) {
            this.tickets = value;
            return this;
        }

        Builder episodes(List<AlertEpisode> value) {
            this.episodes = value;
            return this;
        }

        Builder summary(String value) {
            this.summary = value;
            return this;
        }

        Builder impact(double value) {
            this.impact = value;
            return this;
        }

        Builder risk(double value) {
            this.risk = value;
            return this;
        }

        Builder userExperience(double value) {
            this.userExperience = value;
            return this;
        }

        Builder volume(double value) {
            this.volume = value;
            return this;
        }

        Builder severity(double value) {
            this.severity = value;
            return this;
        }

        Builder breadth(double value) {
            this.breadth = value;
            return this;
        }

        Builder hours(double value) {
            this.hours = value;
            return this;
        }

        Builder share(double value) {
            this.share = value;
            return this;
        }

        /** For an incident group: its dimension, its incidents' keys and how it reads. */
        Builder incidentGroup(ServiceFacts.Dimension groupDimension, Set<String> incidentKeys, String reads) {
            this.dimension = groupDimension;
            this.keys = incidentKeys;
            this.description = reads;
            return this;
        }

        private Builder keys(Set<String> value) {
            this.keys = value;
            return this;
        }

        /** The judgement, its tier and reason those the decision rules give the criteria met. */
        PatternJudgement build(DemandScorer scorer) {
            Map.Entry<DemandTier, String> decision = scorer.decide(metOf(Objects.requireNonNull(criteria, "criteria")));
            return new PatternJudgement(this, decision.getKey(), decision.getValue());
        }
    }
}
