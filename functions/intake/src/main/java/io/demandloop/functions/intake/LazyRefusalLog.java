package io.demandloop.functions.intake;

import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The refusal counters, their adapter built at the first refused delivery: the accepted deliveries' cold start builds
 * no DynamoDB client for them.
 */
final class LazyRefusalLog implements RefusalLog {

    private final Lazy<RefusalLog> log;

    LazyRefusalLog(Supplier<RefusalLog> factory) {
        this.log = new Lazy<>(factory);
    }

    /** Whether the adapter has been built (for tests). */
    boolean built() {
        return log.built();
    }

    @Override
    public void refused(String source, String reason, Instant at) {
        log.get().refused(source, reason, at);
    }

    @Override
    public List<RefusalCount> countsBetween(LocalDate from, LocalDate to) {
        return log.get().countsBetween(from, to);
    }
}
