package io.demandloop.functions.demandevaluation;

/** The invocation payload is not one the demand functions understand; the message says what was wrong. */
public class InvalidTriggerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTriggerException(String message) {
        super(message);
    }

    public InvalidTriggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
