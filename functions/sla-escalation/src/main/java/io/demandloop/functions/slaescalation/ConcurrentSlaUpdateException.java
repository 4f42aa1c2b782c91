package io.demandloop.functions.slaescalation;

/** The SLA state of a ticket kept changing under a writer; thrown so that the invocation is retried. */
public final class ConcurrentSlaUpdateException extends RuntimeException {
    public ConcurrentSlaUpdateException(String message) {
        super(message);
    }
}
