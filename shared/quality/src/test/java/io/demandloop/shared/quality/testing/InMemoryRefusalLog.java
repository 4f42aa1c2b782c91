package io.demandloop.shared.quality.testing;

import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-memory {@link RefusalLog}: one counter per day, source and reason. */
public final class InMemoryRefusalLog implements RefusalLog {

    private final Map<String, RefusalCount> counts = new TreeMap<>();

    @Override
    public synchronized void refused(String source, String reason, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        counts.merge(day + "#" + source + "#" + reason, new RefusalCount(day, source, reason, 1),
                (a, b) -> new RefusalCount(day, source, reason, a.count() + 1));
    }

    @Override
    public synchronized List<RefusalCount> countsBetween(LocalDate from, LocalDate to) {
        List<RefusalCount> found = new ArrayList<>();
        for (RefusalCount count : counts.values()) {
            if (!count.day().isBefore(from) && !count.day().isAfter(to)) {
                found.add(count);
            }
        }
        return found;
    }
}
