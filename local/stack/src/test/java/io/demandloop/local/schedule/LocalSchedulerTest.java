package io.demandloop.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.bus.RecordingInvoker;
import io.demandloop.local.bus.RecordingInvoker.Invocation;
import io.demandloop.local.runtime.FunctionInvocationException;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.TemplateFiles;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void fire_shouldInvokeTheJobsFunctionWithTheNightlyPayload() throws Exception {
        // GIVEN the payload the shared fixture says the report receives
        RecordingInvoker invoker = new RecordingInvoker().responding("{\"written\":3}");
        String expected = Files.readString(
                TemplateFiles.projectRoot().resolve("events/PortfolioReportFunction/nightly-schedule.json"));

        try (LocalScheduler scheduler = new LocalScheduler(TemplateFiles.projectTemplate(), invoker)) {
            // WHEN
            byte[] response = scheduler.fire("portfolio-report", Instant.parse("2026-11-22T05:30:00Z"));

            // THEN
            assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("{\"written\":3}");
            assertThat(invoker.invocations()).hasSize(1);
            Invocation invocation = invoker.invocations().get(0);
            assertThat(invocation.functionLogicalId()).isEqualTo("PortfolioReportFunction");
            assertThat(mapper.readTree(invocation.payload())).isEqualTo(mapper.readTree(expected));
        }
    }

    @Test
    void fire_shouldNameKnownJobs_whenJobIsUnknown() {
        // GIVEN
        try (LocalScheduler scheduler = new LocalScheduler(TemplateFiles.projectTemplate(), new RecordingInvoker())) {
            // WHEN / THEN
            assertThatThrownBy(() -> scheduler.fire("ticket-store", Instant.EPOCH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("ticket-store", "portfolio-report");
        }
    }

    @Test
    void fire_shouldPropagateTheFailure_whenTheFunctionFails() {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker().failing("PortfolioReportFunction", 1);
        try (LocalScheduler scheduler = new LocalScheduler(TemplateFiles.projectTemplate(), invoker)) {
            // WHEN / THEN
            assertThatThrownBy(() -> scheduler.fire("portfolio-report", Instant.EPOCH))
                    .isInstanceOf(FunctionInvocationException.class);
        }
    }

    @Test
    void fire_shouldDeliverScheduledEventEnvelope_forClassicSchedule() throws Exception {
        // GIVEN the fixture's "audit" job: an enabled classic schedule with Input, and a disabled one without
        SamTemplate template = SamTemplate.load(TemplateFiles.resource("template/features.yaml"), "demandloop", Map.of());
        RecordingInvoker invoker = new RecordingInvoker();

        try (LocalScheduler scheduler = new LocalScheduler(template, invoker)) {
            // WHEN
            scheduler.fire("audit", Instant.parse("2026-11-22T09:00:00Z"));

            // THEN the enabled schedule is preferred: Weekly (ScheduleV2, no Input)
            assertThat(scheduler.scheduleForJob("audit")).map(s -> s.eventName()).contains("Weekly");
            assertThat(invoker.invocations()).extracting(Invocation::functionLogicalId).containsExactly("AuditFunction");
            assertThat(invoker.invocations().get(0).payload()).isEqualTo("{}");
        }
    }

    @Test
    void start_shouldFireTheScheduleWhenDue_withTheScheduledTime() throws Exception {
        // GIVEN a clock standing just before the nightly run
        RecordingInvoker invoker = new RecordingInvoker();
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T05:29:59.900Z"), ZoneOffset.UTC);

        try (LocalScheduler scheduler = new LocalScheduler(TemplateFiles.projectTemplate(), invoker)) {
            // WHEN
            scheduler.start(clock);

            // THEN
            assertThat(invoker.awaitInvocations(1, GENEROUS)).isTrue();
            Invocation invocation = invoker.invocations().get(0);
            assertThat(invocation.functionLogicalId()).isEqualTo("PortfolioReportFunction");
            assertThat(mapper.readTree(invocation.payload()).get("scheduledTime").asText())
                    .isEqualTo("2026-11-22T05:30:00Z");
        }
    }

    @Test
    void start_shouldSkipDisabledSchedules() throws Exception {
        // GIVEN a disabled and an enabled schedule, both due in 100 ms, the disabled one first
        SamTemplate template = SamTemplate.load(TemplateFiles.resource("schedule/disabled.yaml"), "demandloop", Map.of());
        RecordingInvoker invoker = new RecordingInvoker();
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:14:59.900Z"), ZoneOffset.UTC);

        try (LocalScheduler scheduler = new LocalScheduler(template, invoker)) {
            // WHEN
            scheduler.start(clock);

            // THEN one thread runs due schedules in order, so a scheduled disabled one would already have run
            assertThat(invoker.awaitInvocations(1, GENEROUS)).isTrue();
            assertThat(invoker.invocations()).extracting(Invocation::functionLogicalId).containsExactly("EnabledFunction");
        }
    }

    @Test
    void start_shouldFireClassicScheduleWithItsInput() throws Exception {
        // GIVEN the fixture's Classic schedule runs every 15 minutes and is due in 100 ms
        SamTemplate template = SamTemplate.load(TemplateFiles.resource("template/features.yaml"), "demandloop", Map.of());
        RecordingInvoker invoker = new RecordingInvoker();
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:14:59.900Z"), ZoneOffset.UTC);

        try (LocalScheduler scheduler = new LocalScheduler(template, invoker)) {
            // WHEN
            scheduler.start(clock);

            // THEN
            assertThat(invoker.awaitInvocations(1, GENEROUS)).isTrue();
            assertThat(invoker.invocations().get(0).payload()).isEqualTo("{\"mode\": \"classic\"}");
            assertThatThrownBy(() -> scheduler.start(clock)).isInstanceOf(IllegalStateException.class);
        }
    }
}
