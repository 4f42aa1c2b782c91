package io.demandloop.functions.portfolioreport;

import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.Criterion;
import io.demandloop.shared.demand.CriterionResult;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.Measure;
import io.demandloop.shared.demand.StoredDemand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored demands for the tests, with the criteria, evidence and status the report shows. */
final class TestDemands {

    private TestDemands() {
    }

    /** A new demand with the repeated-disruption criterion met (incidents 5 >= 3) and one evidence ticket. */
    static StoredDemand demand(String service, String pattern, DemandTier tier, double score, Instant firstRaisedAt,
                               Instant evaluatedAt, DemandTier previousTier, String evidenceLink) {
        List<CriterionResult> criteria = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            criteria.add(criterion == Criterion.REPEATED_DISRUPTION
                    ? new CriterionResult(criterion, true, true, List.of(Measure.atLeast("incidents", 5, 3)))
                    : new CriterionResult(criterion, true, false, List.of(Measure.atLeast("other", 0, 1))));
        }
        DemandRecord.Evidence evidence = new DemandRecord.Evidence(evaluatedAt, null, null, new java.util.TreeMap<>(Map.of("incidents", 5.0)),
                List.of(), List.of(new DemandRecord.TicketRef("servicenow#incident#INC001", "INC001", 2,
                        evaluatedAt.minusSeconds(86_400), evidenceLink)), List.of());
        DemandRecord record = new DemandRecord(DemandRecord.id(service, pattern), service, pattern, tier, "rule",
                score, score / 2, new DemandRecord.Scores(5, 5, 5, 5, 2), criteria, List.of(), evidence,
                "Five incidents in 30 days on " + service + ".");
        return StoredDemand.builder().record(record).contentHash(StoredDemand.contentHash(record))
                .evaluatedAt(evaluatedAt).firstRaisedAt(firstRaisedAt).status(DemandStatus.NEW)
                .statusBy("demand-evaluation").statusAt(evaluatedAt).previousTier(previousTier).build();
    }
}
