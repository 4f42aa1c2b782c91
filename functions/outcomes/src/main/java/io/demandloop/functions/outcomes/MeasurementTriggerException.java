package io.demandloop.functions.outcomes;

/** The invocation payload is not one the outcome measurement understands; the message says what was wrong. */
public class MeasurementTriggerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MeasurementTriggerException(String message) {
        super(message);
    }

    public MeasurementTriggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
