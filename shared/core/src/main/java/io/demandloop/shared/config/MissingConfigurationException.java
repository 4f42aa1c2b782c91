package io.demandloop.shared.config;

/** A configuration value is missing or malformed; the message names it. */
public class MissingConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingConfigurationException(String message) {
        super(message);
    }
}
