package io.demandloop.functions.portfolioreport;

/** The invocation payload is not one the portfolio report understands; the message says what was wrong. */
public class InvalidTriggerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTriggerException(String message) {
        super(message);
    }

    public InvalidTriggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
