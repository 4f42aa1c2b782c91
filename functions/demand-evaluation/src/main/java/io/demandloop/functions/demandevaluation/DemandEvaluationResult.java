package io.demandloop.functions.demandevaluation;

import java.time.Instant;
import java.util.List;

/**
 * What one evaluation did.
 *
 * @param asOf      the evaluation instant
 * @param raised    how many demands the evaluation raised
 * @param written   how many demand records were written (new or re-evaluated)
 * @param escalated the ids of the demands a {@code Demand Escalated} event was published for
 * @param eventIds  the ids the bus gave those events
 * @param capacityWritten whether the night's capacity snapshot was written (false: it was kept already)
 * @param escalatedTiers  the tier of each escalated demand, in the order of {@code escalated} (the DemandsRaised metric)
 */
public record DemandEvaluationResult(Instant asOf, int raised, int written, List<String> escalated,
                                     List<String> eventIds, boolean capacityWritten, List<String> escalatedTiers) {
}
