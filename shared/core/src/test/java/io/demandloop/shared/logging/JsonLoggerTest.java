package io.demandloop.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLoggerTest {

    private final List<String> lines = new ArrayList<>();
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final JsonLoggerFactory factory = new JsonLoggerFactory(lines::add, mdc, Level.INFO);

    @Test
    void info_shouldWriteOneJsonLineWithTheMdcCorrelationIds() throws Exception {
        // GIVEN
        Logger log = factory.getLogger("io.demandloop.functions.ticketstore.TicketStoreService");
        mdc.put("eventId", "evt-1");
        mdc.put("deliveryId", "del-\"9\"");

        // WHEN
        log.info("ticket {} version {}: {}", "servicenow#INC1\nx", 3, "STORED");

        // THEN
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).endsWith("}\n").doesNotContain("\n}").hasLineCount(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("io.demandloop.functions.ticketstore.TicketStoreService");
        assertThat(line.get("message").asText()).isEqualTo("ticket servicenow#INC1\nx version 3: STORED");
        assertThat(line.get("eventId").asText()).isEqualTo("evt-1");
        assertThat(line.get("deliveryId").asText()).isEqualTo("del-\"9\"");
        assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void error_shouldCarryTheThrowableAsAnErrorObject_whenItIsTheLastArgument() throws Exception {
        factory.getLogger("x").error("delivery {} failed", "d1", new IllegalStateException("boom"));

        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.get("message").asText()).isEqualTo("delivery d1 failed");
        assertThat(line.get("error").get("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("error").get("message").asText()).isEqualTo("boom");
        assertThat(line.get("error").get("stackTrace").asText()).contains("JsonLoggerTest");
    }

    @Test
    void debug_shouldBeDropped_atInfo_andTheSdkShouldLogFromWarnOnly() {
        JsonLoggerFactory debug = new JsonLoggerFactory(lines::add, mdc, Level.DEBUG);
        factory.getLogger("x").debug("hidden");
        debug.getLogger("x").debug("shown");
        debug.getLogger("software.amazon.awssdk.request").info("per request");

        assertThat(lines).hasSize(1).first().asString().contains("\"shown\"");
    }

    @Test
    void threshold_shouldFollowLambdasLogLevelVariable() {
        assertThat(JsonLogger.threshold(null)).isEqualTo(Level.INFO);
        assertThat(JsonLogger.threshold("debug")).isEqualTo(Level.DEBUG);
        assertThat(JsonLogger.threshold("FATAL")).isEqualTo(Level.ERROR);
        assertThat(JsonLogger.threshold("nonsense")).isEqualTo(Level.INFO);
    }

    @Test
    void stackTrace_shouldShowEachCauseOnce_evenWhenCausesFormACycle() {
        // GIVEN an error whose cause points back at it
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner", outer);
        outer.initCause(inner);

        // WHEN rendered
        String text = JsonLogger.stackTrace(outer);

        // THEN both appear, the cause as a Caused by section, and the cycle ends the chain
        assertThat(text).startsWith("java.lang.IllegalStateException: outer\n\tat ")
                .contains("Caused by: java.lang.IllegalArgumentException: inner\n\tat ")
                .containsOnlyOnce("Caused by:");
    }
}
