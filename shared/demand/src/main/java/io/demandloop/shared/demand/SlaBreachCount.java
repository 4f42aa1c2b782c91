package io.demandloop.shared.demand;

import java.time.LocalDate;
import java.util.Objects;

/**
 * SLA breaches of one service on one UTC day: the evaluation's SLA input, so that it does not depend on the SLA
 * store's shape (a reader counts them from {@code SlaRepository}).
 *
 * @param service  the service
 * @param day      the UTC day the breaches happened
 * @param breaches how many
 */
public record SlaBreachCount(String service, LocalDate day, int breaches) {
    public SlaBreachCount {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(day, "day");
        if (breaches < 0) {
            throw new IllegalArgumentException("breaches must not be negative, was " + breaches);
        }
    }
}
