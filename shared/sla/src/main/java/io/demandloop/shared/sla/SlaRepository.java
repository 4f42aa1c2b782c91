package io.demandloop.shared.sla;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: where SLA tracking keeps ticket histories, the SLA state per policy version (with an index by next due
 * instant), the claims that make each threshold's event go out once, and the breaches (with an index by service
 * and breach instant, for the nightly demand evaluation).
 */
public interface SlaRepository {

    /** Records one version of a ticket unless it is already recorded; true when it was new. */
    boolean recordVersion(TicketVersion version);

    /** The ticket's versions, claims and state under {@code policyVersion}, read strongly consistently. */
    SlaTicketRecord load(String ticketKey, String policyVersion);

    /**
     * Writes the state if the stored revision is still {@code expectedRevision} (0: none stored).
     *
     * @return false when another writer got there first
     */
    boolean saveState(SlaState state, long expectedRevision);

    /** Keys of tickets whose state under {@code policyVersion} has a next due instant at or before {@code asOf}. */
    List<String> findDue(String policyVersion, Instant asOf);

    /** Keys of every ticket with a state under {@code policyVersion}: what a replay to a new version rebuilds. */
    List<String> findTracked(String policyVersion);

    /**
     * Claims a threshold for {@code owner}: succeeds when no claim exists, or when an unconfirmed claim's lease ran
     * out before {@code now} (its owner died between claiming and confirming).
     *
     * @return true when the caller now holds the claim and should publish
     */
    boolean claim(String ticketKey, String thresholdId, String policyVersion, String owner, Instant now, Instant leaseUntil);

    /** Marks the owner's claim published or skipped; a claim taken over by another run is left alone. */
    void complete(String ticketKey, String thresholdId, String owner, SlaClaim.Status status);

    /** Gives up the owner's unconfirmed claim at once (the publish failed), so that the next run can publish. */
    void release(String ticketKey, String thresholdId, String owner);

    /** The states under {@code policyVersion} of the given tickets that have one. */
    Map<String, SlaState> findStates(String policyVersion, Collection<String> ticketKeys);

    /**
     * Records a breach unless one of the same ticket, metric and cycle is recorded.
     *
     * @return true when it was written; false when one was there already (whatever its values)
     */
    boolean recordBreach(SlaBreach breach);

    /**
     * Replaces the recorded breach {@code recorded}, as it was read, by {@code breach} (same ticket, metric and cycle;
     * another service or instant).
     *
     * @return false when the stored breach is no longer {@code recorded}: another writer changed it meanwhile
     */
    boolean replaceBreach(SlaBreach recorded, SlaBreach breach);

    /**
     * Withdraws the recorded breach {@code recorded}, as it was read.
     *
     * @return false when the stored breach is no longer {@code recorded}: another writer changed it meanwhile
     */
    boolean removeBreach(SlaBreach recorded);

    /**
     * The breaches counted for {@code service} whose instant is in {@code [from, to)}, in instant order: a Query of
     * the breach index, costing what it returns, not what the service's history holds.
     */
    List<SlaBreach> breachesBetween(String service, Instant from, Instant to);
}
