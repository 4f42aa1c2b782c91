package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyRefusalLogTest {

    @Test
    void refused_shouldBuildTheAdapterOnce_atTheFirstRefusal_andCountIntoIt() {
        // GIVEN a lazy log over a recording adapter
        List<String> counted = new ArrayList<>();
        AtomicInteger builds = new AtomicInteger();
        LazyRefusalLog log = new LazyRefusalLog(() -> {
            builds.incrementAndGet();
            return new RefusalLog() {
                @Override
                public void refused(String source, String reason, Instant at) {
                    counted.add(source + "/" + reason);
                }

                @Override
                public List<RefusalCount> countsBetween(LocalDate from, LocalDate to) {
                    return List.of();
                }
            };
        });

        // THEN nothing is built before a refusal
        assertThat(log.built()).isFalse();
        assertThat(builds).hasValue(0);

        // WHEN two deliveries are refused
        log.refused("jira", "signature", Instant.parse("2026-12-01T00:00:00Z"));
        log.refused("jira", "payload", Instant.parse("2026-12-01T00:00:01Z"));

        // THEN one adapter, both counted
        assertThat(builds).hasValue(1);
        assertThat(counted).containsExactly("jira/signature", "jira/payload");
    }
}
