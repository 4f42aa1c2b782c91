package io.demandloop.shared.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Port: counts of the deliveries the intake refused, per UTC day, source and reason, for the report's data quality
 * section. Durable and cheap: one counter per day, source and reason, incremented in place; only a refused delivery
 * writes, so the accepted deliveries' path is unchanged. A retried refusal counts again: these are deliveries refused,
 * not distinct records.
 */
public interface RefusalLog {

    /** Counts one refused delivery. */
    void refused(String source, String reason, Instant at);

    /** The counts of each day of {@code [from, to]}, sorted by day, source, reason. */
    List<RefusalCount> countsBetween(LocalDate from, LocalDate to);
}
