package io.demandloop.shared.startup;

/** A {@link ParallelWarmup} task failed (or its wait was interrupted): the function's init fails with it. */
public final class InitWarmupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InitWarmupException(String message, Throwable cause) {
        super(message, cause);
    }
}
