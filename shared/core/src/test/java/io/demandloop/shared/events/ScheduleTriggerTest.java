package io.demandloop.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTriggerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T05:30:07.250Z"), ZoneOffset.UTC);
    private final ScheduleTrigger trigger =
            new ScheduleTrigger("nightly-job", "2026-11-22T05:30:00Z", (message, cause) -> new IllegalStateException(message, cause));

    private Instant asOf(String payload) {
        return trigger.asOf(payload.getBytes(StandardCharsets.UTF_8), CLOCK);
    }

    @Test
    void asOf_shouldTakeScheduledTime_beforeAnEnvelopesTime() {
        assertThat(asOf("{\"scheduledTime\":\"2026-11-20T08:05:00Z\",\"time\":\"2026-01-01T00:00:00Z\"}"))
                .isEqualTo(Instant.parse("2026-11-20T08:05:00Z"));
        assertThat(asOf("{\"time\":\"2026-01-01T00:00:00Z\"}")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null", "{}", "{\"other\":1}"})
    void asOf_shouldBeNowToTheSecond_whenThePayloadAsksForNoInstant(String payload) {
        assertThat(asOf(payload)).isEqualTo(Instant.parse("2026-11-22T05:30:07Z"));
    }

    @Test
    void asOf_shouldNameTheFunctionAndField_whenTheInstantIsMalformed() {
        assertThatThrownBy(() -> asOf("{\"scheduledTime\":\"yesterday\"}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the nightly-job input's scheduledTime must be an ISO-8601 instant such as"
                        + " \"2026-11-22T05:30:00Z\", was \"yesterday\"");
        assertThatThrownBy(() -> asOf("{\"time\":42}")).hasMessageContaining("time must be an ISO-8601 instant");
    }

    @Test
    void read_shouldRefuseWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> asOf("[1]")).hasMessageContaining("the nightly-job input must be a JSON object")
                .hasMessageContaining("was a JSON array");
        assertThatThrownBy(() -> asOf("{\"a\":1} trailing")).hasMessageStartingWith("the nightly-job input is not valid JSON: ")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void echo_shouldCutLongValues() {
        String long100 = "x".repeat(100);
        assertThatThrownBy(() -> asOf("{\"time\":\"" + long100 + "\"}")).satisfies(e ->
                assertThat(e.getMessage()).endsWith("...").hasSizeLessThan(200));
    }
}
