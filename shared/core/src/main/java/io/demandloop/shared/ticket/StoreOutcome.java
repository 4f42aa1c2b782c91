package io.demandloop.shared.ticket;

/** What storing one version of a record did. */
public enum StoreOutcome {
    /** The record was new, or newer than the stored version, and was written. */
    STORED,
    /** The same version was already stored: a redelivery. Nothing changed. */
    DUPLICATE,
    /** A newer version was already stored. Nothing changed. */
    STALE
}
