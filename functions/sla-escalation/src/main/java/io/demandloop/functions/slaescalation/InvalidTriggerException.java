package io.demandloop.functions.slaescalation;

/** The escalation function was invoked with a payload it does not understand. */
public final class InvalidTriggerException extends RuntimeException {
    public InvalidTriggerException(String message) {
        super(message);
    }

    public InvalidTriggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
