package io.demandloop.shared.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.demandloop.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The input of a scheduled function, read one way for all of them: the EventBridge Scheduler payload of
 * {@code template.yaml}, {@code {"scheduledTime": "2026-11-22T05:30:00Z"}} (also what {@code ./demandloop run <job>
 * --at} sends); else a classic scheduled-event envelope's {@code time}; else (an empty payload, {@code null}, an
 * object with neither field) the clock's now, to the second. Anything else fails, naming the function and what was
 * wrong, with the exception the function chooses: a scheduled function has no status code to answer with, so the
 * error (and the scheduler's retries and dead-letter queue) is the signal.
 */
public final class ScheduleTrigger {

    private static final ObjectReader READER =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_ECHOED_CHARS = 80;

    private final String function;
    private final String example;
    private final BiFunction<String, Throwable, RuntimeException> invalid;

    /**
     * @param function names the function in messages, e.g. {@code portfolio-report}
     * @param example  an example instant for messages, e.g. {@code 2026-11-22T05:30:00Z}
     * @param invalid  makes the exception for a message and its cause (null when there is none)
     */
    public ScheduleTrigger(String function, String example, BiFunction<String, Throwable, RuntimeException> invalid) {
        this.function = Objects.requireNonNull(function, "function");
        this.example = Objects.requireNonNull(example, "example");
        this.invalid = Objects.requireNonNull(invalid, "invalid");
    }

    /** The payload as a JSON object; null when it is empty or JSON {@code null}. */
    public JsonNode read(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        JsonNode trigger;
        try {
            trigger = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid.apply("the " + function + " input is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (trigger == null || trigger.isNull()) {
            return null;
        }
        if (!trigger.isObject()) {
            throw invalid.apply("the " + function + " input must be a JSON object such as {\"scheduledTime\":\""
                    + example + "\"}, was a JSON " + trigger.getNodeType().name().toLowerCase(Locale.ROOT), null);
        }
        return trigger;
    }

    /** The instant a read trigger (or null) asks for; see the class comment. */
    public Instant asOf(JsonNode trigger, Clock clock) {
        for (String field : new String[] {"scheduledTime", "time"}) {
            if (trigger != null && trigger.has(field)) {
                JsonNode value = trigger.get(field);
                if (value.isTextual()) {
                    try {
                        return Instant.parse(value.textValue().trim());
                    } catch (DateTimeParseException e) {
                        // reported below
                    }
                }
                throw invalid.apply("the " + function + " input's " + field + " must be an ISO-8601 instant such as \""
                        + example + "\", was " + echo(value), null);
            }
        }
        // Whole seconds: the instant is printed in answers, reports and keys.
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The instant a payload asks for: {@link #read} then {@link #asOf(JsonNode, Clock)}. */
    public Instant asOf(byte[] payload, Clock clock) {
        return asOf(read(payload), clock);
    }

    /** A value as shown in messages: its JSON, cut to a bounded length. */
    public static String echo(JsonNode value) {
        String shown = value.toString();
        return shown.length() > MAX_ECHOED_CHARS ? shown.substring(0, MAX_ECHOED_CHARS) + "..." : shown;
    }
}
