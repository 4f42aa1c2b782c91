package io.demandloop.shared.demand;

import io.demandloop.shared.demand.DemandRecord.TicketRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The explanation of a demand record: the service, what was seen, the criteria met (with the measures that met them),
 * the tier and why, the service's share of its team's capacity and the tickets cited. Pure text from a
 * {@link PatternJudgement}; tests hold whole explanations fixed.
 */
final class DemandExplanation {

    private DemandExplanation() {
    }

    /** The explanation of {@code j}, citing {@code tickets}. */
    static String of(PatternJudgement j, List<TicketRef> tickets) {
        ServiceFacts f = j.facts();
        StringBuilder text = new StringBuilder();
        text.append(f.service()).append(" (").append(f.tier().wireName()).append(" tier")
                .append(f.team() == null ? "" : ", team " + f.team()).append("): ").append(j.summary()).append(". ");
        if (!j.also().isEmpty()) {
            text.append("The same incidents also share ").append(String.join("; ", j.also())).append(". ");
        }
        List<CriterionResult> met = j.criteria().stream().filter(CriterionResult::met).toList();
        if (met.isEmpty()) {
            text.append("No criterion is met");
            if (!j.observations().isEmpty()) {
                text.append("; observed: ").append(j.observations().stream().filter(Measure::met)
                        .map(m -> m.name() + " " + m.value() + " " + m.comparator() + " " + m.threshold())
                        .collect(Collectors.joining(", ")));
            }
            text.append(". ");
        } else {
            text.append("Criteria met: ").append(met.stream().map(c -> c.criterion().label() + " ("
                    + c.measures().stream().filter(Measure::met)
                            .map(m -> m.name() + " " + m.value() + " " + m.comparator() + " " + m.threshold())
                            .collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining("; "))).append(". ");
        }
        text.append("Tier ").append(j.tier().wireName()).append(": ").append(j.reason()).append('.');
        ServiceFacts.Capacity capacity = f.capacity();
        if (capacity.serviceShareOfCapacity() != null) {
            text.append(" Support of ").append(f.service()).append(" takes ")
                    .append(Measure.format(100 * capacity.serviceShareOfCapacity())).append(" % of the capacity of team ")
                    .append(capacity.team()).append(" (")
                    .append(Measure.format(capacity.serviceSupportHoursPerWeek())).append(" of ")
                    .append(Measure.format(capacity.teamCapacityHoursPerWeek())).append(" h/week).");
        }
        if (!tickets.isEmpty()) {
            text.append(" See ").append(tickets.stream()
                    .map(t -> t.number() != null ? t.number() : t.key()).collect(Collectors.joining(", "))).append('.');
        }
        return text.toString();
    }
}
