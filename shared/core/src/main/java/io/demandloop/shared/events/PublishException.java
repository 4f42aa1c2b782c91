package io.demandloop.shared.events;

/** The bus refused some events even after retrying them. */
public class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
