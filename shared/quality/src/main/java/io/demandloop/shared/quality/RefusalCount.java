package io.demandloop.shared.quality;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How many deliveries of one source the intake refused for one reason on one UTC day.
 *
 * @param day    the UTC day
 * @param source the source, e.g. {@code servicenow}
 * @param reason why, e.g. {@code unauthorised}, {@code invalid-record}
 * @param count  how many
 */
public record RefusalCount(LocalDate day, String source, String reason, long count) {
    public RefusalCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }
}
