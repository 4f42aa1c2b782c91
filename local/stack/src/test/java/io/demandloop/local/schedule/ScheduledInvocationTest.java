package io.demandloop.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.template.ScheduleDef;
import io.demandloop.local.template.ScheduleDef.Type;
import org.junit.jupiter.api.Test;

class ScheduledInvocationTest {

    private static final Instant DUE = Instant.parse("2026-11-22T05:30:00.750Z");
    private final ObjectMapper mapper = new ObjectMapper();

    private static ScheduleDef schedule(Type type, String input) {
        return new ScheduleDef("PortfolioReportFunction", "Nightly", type, "cron(30 5 * * ? *)", ZoneOffset.UTC,
                input, true, "demandloop-PortfolioReportFunctionNightly", "default");
    }

    @Test
    void payload_shouldSubstituteSchedulerContextAttributes_whenScheduleV2HasInput() throws Exception {
        // GIVEN
        ScheduleDef def = schedule(Type.SCHEDULE_V2, "{\"at\": \"<aws.scheduler.scheduled-time>\", "
                + "\"run\": \"<aws.scheduler.execution-id>\", \"by\": \"<aws.scheduler.schedule-arn>\", "
                + "\"try\": \"<aws.scheduler.attempt-number>\"}");

        // WHEN
        String payload = ScheduledInvocation.payload(def, DUE, "run-1");

        // THEN
        assertThat(mapper.readTree(payload)).isEqualTo(mapper.readTree("{\"at\": \"2026-11-22T05:30:00Z\", "
                + "\"run\": \"run-1\", "
                + "\"by\": \"arn:aws:scheduler:us-east-1:000000000000:schedule/default/demandloop-PortfolioReportFunctionNightly\", "
                + "\"try\": \"1\"}"));
    }

    @Test
    void payload_shouldBeEmptyObject_whenScheduleV2HasNoInput() {
        // GIVEN / WHEN / THEN
        assertThat(ScheduledInvocation.payload(schedule(Type.SCHEDULE_V2, null), DUE, "run-1")).isEqualTo("{}");
    }

    @Test
    void payload_shouldBeScheduledEventEnvelope_whenClassicScheduleHasNoInput() throws Exception {
        // GIVEN
        ScheduleDef def = schedule(Type.SCHEDULE, null);

        // WHEN
        String payload = ScheduledInvocation.payload(def, DUE, "event-1");

        // THEN
        assertThat(mapper.readTree(payload)).isEqualTo(mapper.readTree("{\"version\": \"0\", \"id\": \"event-1\", "
                + "\"detail-type\": \"Scheduled Event\", \"source\": \"aws.events\", \"account\": \"000000000000\", "
                + "\"time\": \"2026-11-22T05:30:00Z\", \"region\": \"us-east-1\", "
                + "\"resources\": [\"arn:aws:events:us-east-1:000000000000:rule/demandloop-PortfolioReportFunctionNightly\"], "
                + "\"detail\": {}}"));
    }

    @Test
    void payload_shouldBeInputVerbatim_whenClassicScheduleHasInput() {
        // GIVEN
        ScheduleDef def = schedule(Type.SCHEDULE, "{\"mode\": \"<aws.scheduler.scheduled-time>\"}");

        // WHEN / THEN: classic rules know no Scheduler placeholders
        assertThat(ScheduledInvocation.payload(def, DUE, "event-1"))
                .isEqualTo("{\"mode\": \"<aws.scheduler.scheduled-time>\"}");
    }
}
