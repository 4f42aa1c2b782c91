package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import io.demandloop.shared.quality.testing.InMemoryRefusalLog;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refused deliveries are counted per day, source and reason for the report; accepted ones write no counter. */
class IntakeRefusalCountTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final InMemoryRefusalLog refusals = new InMemoryRefusalLog();
    private final IntakeService service = service(refusals);

    private IntakeService service(RefusalLog log) {
        Map<String, WebhookSource> sources = Sources.all(DemandloopConfig.defaults());
        return new IntakeService(sources, source -> source.equals("servicenow") ? List.of("s3cret") : List.of(), bus,
                new InMemoryDemandRepository(), CLOCK).countingRefusalsIn(log);
    }

    private IntakeResponse post(String path, String secret, byte[] body) {
        return service.accept("POST", path, Map.of("Authorization", "Bearer " + secret,
                "Content-Type", "application/json"), body, "test-delivery");
    }

    @Test
    void accept_shouldCountEachRefusalBySourceAndReason_andNothingForAnAcceptedDelivery() {
        // GIVEN
        byte[] sample = ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json");

        // WHEN
        assertThat(post("/hooks/servicenow", "s3cret", sample).status()).isEqualTo(202);
        assertThat(post("/hooks/servicenow", "wrong", sample).status()).isEqualTo(401);
        assertThat(post("/hooks/servicenow", "wrong", sample).status()).isEqualTo(401);
        assertThat(post("/hooks/servicenow", "s3cret", "{".getBytes()).status()).isEqualTo(400);

        // THEN
        assertThat(refusals.countsBetween(DAY, DAY)).containsExactly(
                new RefusalCount(DAY, "servicenow", "malformed", 1),
                new RefusalCount(DAY, "servicenow", "unauthenticated", 2));
    }

    @Test
    void accept_shouldAnswerAsBefore_whenTheCounterCannotBeWritten() {
        // GIVEN a counter store that fails
        RefusalLog broken = new RefusalLog() {
            @Override
            public void refused(String source, String reason, Instant at) {
                throw new IllegalStateException("table unavailable");
            }

            @Override
            public List<RefusalCount> countsBetween(LocalDate from, LocalDate to) {
                return List.of();
            }
        };
        IntakeService failing = service(broken);

        // WHEN / THEN
        assertThat(failing.accept("POST", "/hooks/servicenow", Map.of("Authorization", "Bearer wrong",
                "Content-Type", "application/json"), "{}".getBytes(), "d").status()).isEqualTo(401);
    }
}
