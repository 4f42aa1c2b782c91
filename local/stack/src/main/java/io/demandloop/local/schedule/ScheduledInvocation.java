package io.demandloop.local.schedule;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.ScheduleDef;

/**
 * The payload a schedule hands its function, as each AWS service builds it.
 *
 * <ul>
 *   <li>{@code ScheduleV2} (EventBridge Scheduler): the {@code Input} text with the context attributes
 *       {@code <aws.scheduler.scheduled-time>}, {@code <aws.scheduler.execution-id>},
 *       {@code <aws.scheduler.schedule-arn>} and {@code <aws.scheduler.attempt-number>} substituted; {@code {}} when
 *       there is no {@code Input}.</li>
 *   <li>{@code Schedule} (an EventBridge rule): the "Scheduled Event" envelope, or the {@code Input} as written.</li>
 * </ul>
 */
public final class ScheduledInvocation {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScheduledInvocation() {
    }

    /**
     * @param def           the schedule
     * @param scheduledTime when the schedule was due (not when it ran): what AWS reports
     * @param invocationId  the execution id ({@code ScheduleV2}) or event id ({@code Schedule})
     * @return the JSON payload
     */
    public static String payload(ScheduleDef def, Instant scheduledTime, String invocationId) {
        String time = isoSeconds(scheduledTime);
        if (def.type() == ScheduleDef.Type.SCHEDULE_V2) {
            if (def.input() == null) {
                return "{}";
            }
            // Scheduler substitutes the text as is: the placeholders sit inside JSON strings in the Input.
            return def.input()
                    .replace("<aws.scheduler.scheduled-time>", time)
                    .replace("<aws.scheduler.execution-id>", invocationId)
                    .replace("<aws.scheduler.schedule-arn>", def.arn())
                    .replace("<aws.scheduler.attempt-number>", "1");
        }
        if (def.input() != null) {
            return def.input();
        }
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", invocationId);
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", SamTemplate.ACCOUNT_ID);
        event.put("time", time);
        event.put("region", SamTemplate.REGION);
        event.putArray("resources").add(def.arn());
        event.putObject("detail");
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Scheduled Event", e);
        }
    }

    /** As {@link #payload(ScheduleDef, Instant, String)} with a fresh random id. */
    public static String payload(ScheduleDef def, Instant scheduledTime) {
        return payload(def, scheduledTime, UUID.randomUUID().toString());
    }

    /** ISO-8601 in UTC to the second, as EventBridge writes times: {@code 2026-11-22T05:30:00Z}. */
    static String isoSeconds(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
