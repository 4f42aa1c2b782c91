package io.demandloop.shared.sla;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The record that one threshold of one ticket is being, or has been, handled: written with a conditional put
 * before the event is published, so that only one run publishes it.
 *
 * @param ticketKey     the ticket
 * @param thresholdId   {@link SlaThreshold#id}
 * @param status        claimed (being published), published or skipped
 * @param policyVersion the policy version of the run that claimed it
 * @param owner         the run holding the claim
 * @param leaseUntil    until when an unconfirmed claim belongs to its owner; after that another run may take it
 *                      over and publish
 */
public record SlaClaim(String ticketKey, String thresholdId, Status status, String policyVersion, String owner,
                       Instant leaseUntil) {

    /** Where a claim stands. */
    public enum Status {
        /** Claimed; the event may or may not have been published (unconfirmed). */
        CLAIMED,
        /** Published and confirmed. */
        PUBLISHED,
        /** Not published on purpose: an at-risk warning for a cycle that had already ended. */
        SKIPPED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@link #wireName()}. */
        public static Status fromWireName(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public SlaClaim {
        Objects.requireNonNull(ticketKey, "ticketKey");
        Objects.requireNonNull(thresholdId, "thresholdId");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the threshold is done with: published or skipped. */
    public boolean handled() {
        return status != Status.CLAIMED;
    }
}
