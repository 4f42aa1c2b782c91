package io.demandloop.shared.startup;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.IntSupplier;

/**
 * A cold-start warm-up run on a second thread while the handler's constructor builds its composition root on the
 * caller's: most of a cold start is class loading and first-use set-up by independent libraries (Jackson on one
 * side, the AWS SDK on the other), the application class loader is parallel-capable, and the function has two cores.
 * The constructor {@linkplain #join joins} the warm-up before it returns, so the handler a first invocation (or a
 * SnapStart snapshot) sees is in the same state as if both had run in turn; try-with-resources joins it also when
 * the composition fails. On one processor the task runs on the caller, at {@link #start}.
 *
 * <p>A failed warm-up fails the init: it runs the function's own hot path on its packaged sample, so its failure is a
 * broken package or a broken binding that the first event would meet too (as a failed priming hook fails the
 * snapshot). {@link #join} throws it as an {@link InitWarmupException}; an {@link Error} is rethrown as it is.
 *
 * @param <T> what the warm-up hands back (e.g. the bound sample), for the caller's side of the warm-up
 */
public final class ParallelWarmup<T> implements AutoCloseable {

    /** A warm-up task; it may throw. */
    @FunctionalInterface
    public interface Task<T> {
        T call() throws Exception;
    }

    private final String name;
    private final FutureTask<T> future;
    private boolean joined;

    private ParallelWarmup(String name, Task<T> task) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        this.future = new FutureTask<>(task::call);
    }

    /** Starts {@code task} on a new thread named {@code init-warmup-<name>} (on the caller, with one processor). */
    public static <T> ParallelWarmup<T> start(String name, Task<T> task) {
        return start(name, task, Runtime.getRuntime()::availableProcessors);
    }

    /** As {@link #start(String, Task)}, with the processor count given (for tests). */
    static <T> ParallelWarmup<T> start(String name, Task<T> task, IntSupplier processors) {
        ParallelWarmup<T> warmup = new ParallelWarmup<>(name, task);
        if (processors.getAsInt() < 2) {
            // A second thread would only take turns with this one.
            warmup.future.run();
        } else {
            Thread thread = new Thread(warmup.future, "init-warmup-" + name);
            // Joined before init ends; daemon only so that a failed init never waits on it to exit.
            thread.setDaemon(true);
            thread.start();
        }
        return warmup;
    }

    /**
     * Waits for the warm-up and returns what it handed back.
     *
     * @throws InitWarmupException when the task threw (its exception is the cause), or when interrupted while waiting
     */
    public T join() {
        joined = true;
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new InitWarmupException("init warm-up '" + name + "' failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitWarmupException("interrupted while waiting for init warm-up '" + name + "'", e);
        }
    }

    /** Joins the warm-up unless {@link #join} already did; throws its failure as {@link #join} does. */
    @Override
    public void close() {
        if (!joined) {
            join();
        }
    }
}
