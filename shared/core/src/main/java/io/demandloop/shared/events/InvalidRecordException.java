package io.demandloop.shared.events;

/** A source record cannot be normalised; the message names the field and the problem. */
public class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}
