package io.demandloop.functions.demandevaluation;

import io.demandloop.shared.demand.Criterion;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import java.time.Instant;
import java.util.List;

/**
 * The detail of a {@code Demand Escalated} event (docs/demand.md#events).
 *
 * @param id           the demand, {@code <service>#<pattern>}
 * @param service      the service
 * @param pattern      the pattern
 * @param change       why it is escalated: {@code new}, {@code tier-changed}, {@code raised-again}
 * @param tier         its tier now
 * @param previousTier its tier before; null when new
 * @param score        its score
 * @param wsjf         cost of delay over effort
 * @param criteriaMet  the criteria met
 * @param status       its status now
 * @param asOf         the evaluation instant
 * @param explanation  what a service owner reads
 */
public record DemandEscalation(String id, String service, String pattern, String change, DemandTier tier,
                               DemandTier previousTier, double score, double wsjf, List<Criterion> criteriaMet,
                               String status, Instant asOf, String explanation) {

    static DemandEscalation of(StoredDemand demand) {
        return new DemandEscalation(demand.id(), demand.record().service(), demand.record().pattern(),
                demand.pendingEscalation(), demand.record().tier(), demand.previousTier(), demand.record().score(),
                demand.record().wsjf(), demand.record().criteriaMet(), demand.status().wireName(),
                demand.evaluatedAt(), demand.record().explanation());
    }
}
