package io.demandloop.functions.intake;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built by its factory at the first {@link #get()} and then reused (thread-safe): the intake's DynamoDB client,
 * demand repository and refusal counters, so that a cold start that delivers a ticket or an alert builds none of them.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> factory;
    private volatile T value;

    Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    built = Objects.requireNonNull(factory.get(), "built value");
                    value = built;
                }
            }
        }
        return built;
    }

    /** Whether the value has been built. */
    boolean built() {
        return value != null;
    }
}
