package io.demandloop.functions.intake;

import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The refusal counters, their adapter built at the first refused delivery: the accepted deliveries' cold start builds
 * no DynamoDB client for them.
 */
final class LazyRefusalLog implements RefusalLog {

    private final Supplier<RefusalLog> factory;
    private volatile RefusalLog log;

    LazyRefusalLog(Supplier<RefusalLog> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Whether the adapter has been built (for tests). */
    boolean built() {
        return log != null;
    }

    @Override
    public void refused(String source, String reason, Instant at) {
        log().refused(source, reason, at);
    }

    @Override
    public List<RefusalCount> countsBetween(LocalDate from, LocalDate to) {
        return log().countsBetween(from, to);
    }

    private RefusalLog log() {
        RefusalLog built = log;
        if (built == null) {
            synchronized (this) {
                built = log;
                if (built == null) {
                    built = Objects.requireNonNull(factory.get(), "refusal log");
                    log = built;
                }
            }
        }
        return built;
    }
}
