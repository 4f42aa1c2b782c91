package io.demandloop.shared.sla;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A recorded SLA breach: one cycle of one metric of one ticket whose clock reached its target, as far as is known.
 * There is at most one per ticket, metric and cycle ({@link #id()}), whatever the policy version and however often
 * the history is delivered or replayed; docs/sla.md ("Breaches") says when one is recorded, moved or withdrawn.
 *
 * @param ticketKey  the ticket
 * @param metric     response or resolution
 * @param cycle      the cycle's index
 * @param service    the service the breach counts for: the one of the ticket's newest version
 * @param breachedAt when the clock reached the target; kept to the millisecond, as stored
 */
public record SlaBreach(String ticketKey, SlaMetric metric, int cycle, String service, Instant breachedAt) {

    public SlaBreach {
        Objects.requireNonNull(ticketKey, "ticketKey");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(service, "service");
        // Stored as a sortable text of millisecond precision: what is read back must equal what was written.
        breachedAt = Objects.requireNonNull(breachedAt, "breachedAt").truncatedTo(ChronoUnit.MILLIS);
        if (cycle < 0) {
            throw new IllegalArgumentException("cycle must not be negative, was " + cycle);
        }
    }

    /** The breach of {@code cycle} counted for the service of {@code latest}; the cycle must have breached. */
    public static SlaBreach of(TicketVersion latest, SlaCycle cycle) {
        Instant at = Objects.requireNonNull(cycle.breachAt(), "the cycle did not breach");
        return new SlaBreach(latest.ticketKey(), cycle.metric(), cycle.index(), latest.service(), at);
    }

    /** Its identity within the ticket: {@code <metric>#<cycle>}. */
    public String id() {
        return id(metric, cycle);
    }

    /** The identity of the breach of one cycle of one metric. */
    public static String id(SlaMetric metric, int cycle) {
        return metric.wireName() + "#" + cycle;
    }
}
