package io.demandloop.shared.demand;

import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The initiative a promoted demand becomes (docs/sources.md, "Deciding about demands"): source {@value #SOURCE},
 * sourceId the demand id (one initiative per demand; promoting it again with another title updates it), the demand's
 * service, the demand linked, status approved, and the expected outcome from the demand's pattern and criteria:
 * <ul>
 *   <li>{@code recurring-incidents#<dimension>:<value>}: major incidents when the demand met "introduces risk", else
 *       incidents, scoped to the pattern ({@code category} = {@code <dimension>:<value>});</li>
 *   <li>{@code request-demand#category:<type>}: requests of that type;</li>
 *   <li>{@code alert-noise}: alert episodes; {@code service-risk}: SLA breaches;</li>
 * </ul>
 * each with the default change (section {@code initiatives.expected}, -30 %). Versioned by the decision's instant,
 * so a redelivered decision changes nothing and a later one wins.
 */
public final class PromotedInitiatives {

    /** The source of promoted demands' initiatives. */
    public static final String SOURCE = "demandloop";

    private final double targetChange;
    private final Function<String, String> teamOf;

    /**
     * @param targetChange the expected change of a promotion (section {@code initiatives.expected.change})
     * @param teamOf       the owning team of a service (the catalog), or null when it has none
     */
    public PromotedInitiatives(double targetChange, Function<String, String> teamOf) {
        this.targetChange = targetChange;
        this.teamOf = Objects.requireNonNull(teamOf, "teamOf");
    }

    /**
     * The initiative of a promotion.
     *
     * @param demand the promoted demand, as stored
     * @param title  the initiative's title; null for one made from the demand
     * @param at     when it was decided: its version
     */
    public Initiative of(StoredDemand demand, String title, Instant at) {
        DemandRecord record = demand.record();
        return Initiative.builder()
                .source(SOURCE)
                .sourceId(record.id())
                .title(title != null && !title.isBlank() ? title.trim() : defaultTitle(record))
                .services(List.of(record.service()))
                .demandIds(List.of(record.id()))
                .expected(expected(record, targetChange))
                .status(InitiativeStatus.APPROVED)
                .team(teamOf.apply(record.service()))
                .sourceVersion(at.toEpochMilli())
                .sourceUpdatedAt(at)
                .build();
    }

    /** The expected outcome of a demand's pattern and criteria (see the class comment). */
    public static ExpectedOutcome expected(DemandRecord record, double targetChange) {
        String pattern = record.pattern();
        String recurring = DemandId.RECURRING_INCIDENTS + "#";
        String requests = DemandId.REQUEST_DEMAND + "#";
        if (pattern.startsWith(recurring)) {
            OutcomeMetric metric = record.criteriaMet().contains(Criterion.INTRODUCES_RISK)
                    ? OutcomeMetric.MAJOR_INCIDENTS : OutcomeMetric.INCIDENTS;
            return new ExpectedOutcome(metric, targetChange, pattern.substring(recurring.length()));
        }
        if (pattern.startsWith(requests)) {
            return new ExpectedOutcome(OutcomeMetric.REQUESTS, targetChange, pattern.substring(requests.length()));
        }
        if (pattern.equals(DemandId.ALERT_NOISE)) {
            return new ExpectedOutcome(OutcomeMetric.ALERT_EPISODES, targetChange, null);
        }
        if (pattern.equals(DemandId.SERVICE_RISK)) {
            return new ExpectedOutcome(OutcomeMetric.SLA_BREACHES, targetChange, null);
        }
        return new ExpectedOutcome(OutcomeMetric.INCIDENTS, targetChange, null);
    }

    private static String defaultTitle(DemandRecord record) {
        return record.service() + ": " + record.pattern().replace('#', ' ');
    }
}
