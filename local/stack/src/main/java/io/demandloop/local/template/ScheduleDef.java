package io.demandloop.local.template;

import java.time.ZoneId;

/**
 * A {@code Schedule} (classic EventBridge scheduled rule) or {@code ScheduleV2} (EventBridge Scheduler) event source
 * of a function.
 *
 * @param functionLogicalId the target function
 * @param eventName         the key under the function's {@code Events}
 * @param type              which of the two services runs it; they deliver different payloads
 * @param expression        {@code rate(...)}, {@code cron(...)} or {@code at(...)}, as written
 * @param timezone          {@code ScheduleExpressionTimezone}; always UTC for classic rules
 * @param input             the {@code Input} as raw text, or {@code null}
 * @param enabled           {@code false} for {@code Enabled: false} or {@code State: DISABLED}
 * @param name              the physical rule or schedule name ({@code Name}, else {@code <stack>-<Function><Event>})
 * @param groupName         the Scheduler group ({@code default} when unset; unused for classic rules)
 */
public record ScheduleDef(
        String functionLogicalId,
        String eventName,
        Type type,
        String expression,
        ZoneId timezone,
        String input,
        boolean enabled,
        String name,
        String groupName) {

    /** The two SAM schedule event source types. */
    public enum Type {
        /** {@code Type: Schedule}: an EventBridge rule with a schedule expression. */
        SCHEDULE("Schedule"),
        /** {@code Type: ScheduleV2}: an EventBridge Scheduler schedule. */
        SCHEDULE_V2("ScheduleV2");

        private final String samName;

        Type(String samName) {
            this.samName = samName;
        }

        /** @return the {@code Type} as written in the template */
        public String samName() {
            return samName;
        }
    }

    /** @return the fake ARN of the rule ({@code Schedule}) or schedule ({@code ScheduleV2}) */
    public String arn() {
        return type == Type.SCHEDULE
                ? SamTemplate.arn("events", "rule/" + name)
                : SamTemplate.arn("scheduler", "schedule/" + groupName + "/" + name);
    }
}
