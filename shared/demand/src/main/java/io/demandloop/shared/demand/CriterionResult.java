package io.demandloop.shared.demand;

import java.util.List;
import java.util.Objects;

/**
 * How one pattern fared against one criterion.
 *
 * @param criterion  the criterion
 * @param applicable false when the criterion does not apply to this kind of pattern (e.g. unmet need for an
 *                   incident group); it is then never met and has no measures
 * @param met        whether it is met, by the criterion's rule over its measures (docs/demand.md)
 * @param measures   the measured values beside their thresholds
 */
public record CriterionResult(Criterion criterion, boolean applicable, boolean met, List<Measure> measures) {

    public CriterionResult {
        Objects.requireNonNull(criterion, "criterion");
        measures = List.copyOf(measures);
    }

    /** A criterion that does not apply to the pattern. */
    public static CriterionResult notApplicable(Criterion criterion) {
        return new CriterionResult(criterion, false, false, List.of());
    }

    /** Reads e.g. {@code repeated disruption: incidents 5 >= 3 (met); ...}. */
    @Override
    public String toString() {
        if (!applicable) {
            return criterion.label() + ": not applicable";
        }
        StringBuilder text = new StringBuilder(criterion.label()).append(met ? " (met): " : " (not met): ");
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            text.append(i == 0 ? "" : "; ").append(m.name()).append(' ').append(m.value()).append(' ')
                    .append(m.comparator()).append(' ').append(m.threshold());
        }
        return text.toString();
    }
}
