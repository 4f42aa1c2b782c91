package io.demandloop.shared.sla;

import java.time.Instant;

/**
 * The detail of {@code SLA At Risk} and {@code SLA Breached} events: what a responder needs to act.
 *
 * @param id            stable identity of this threshold of this ticket ({@code <ticket>#<metric>#<cycle>#<percent>});
 *                      the same for a re-publication after a crash, so consumers can drop a duplicate
 * @param ticket        the ticket's key ({@code <source>#<kind>#<sourceId>})
 * @param source        the tool
 * @param kind          the ticket's kind
 * @param number        the ticket's number; may be null
 * @param service       the service
 * @param priority      the priority the target was chosen by
 * @param policy        the policy's name
 * @param policyVersion the policy version
 * @param metric        response or resolution
 * @param cycle         the cycle (0, or more after reopens that reset the clock)
 * @param threshold     the percentage of the target reached; 100 is the breach
 * @param dueAt         when the threshold was reached
 * @param target        the target in working time, ISO-8601 ({@code PT4H})
 * @param elapsed       the working time on the clock at {@code evaluatedAt}, ISO-8601
 * @param elapsedPercent {@code elapsed} in percent of the target, rounded down
 * @param evaluatedAt   the run's instant
 * @param link          the record at the source; null when the source gives none
 */
public record SlaEventDetail(String id, String ticket, String source, String kind, String number, String service,
                             int priority, String policy, String policyVersion, String metric, int cycle, int threshold,
                             Instant dueAt, String target, String elapsed, long elapsedPercent, Instant evaluatedAt,
                             String link) {
}
