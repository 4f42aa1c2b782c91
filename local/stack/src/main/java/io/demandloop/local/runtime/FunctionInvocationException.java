package io.demandloop.local.runtime;

/** A hosted function threw, or could not be found or loaded. */
public class FunctionInvocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FunctionInvocationException(String message) {
        super(message);
    }

    public FunctionInvocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
