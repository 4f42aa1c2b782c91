package io.demandloop.shared.demand;

import io.demandloop.shared.decision.DemandStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A decision about a demand, as a {@code Demand Status Changed} event carries it.
 *
 * @param id     the demand's identity, {@code <service>#<pattern>}
 * @param status the new status
 * @param by     who decided (a person or a tool)
 * @param why    why; may be null
 * @param at     when (the event's time): a redelivery of the same decision changes nothing
 */
public record DemandStatusChange(String id, DemandStatus status, String by, String why, Instant at) {
    public DemandStatusChange {
        requireText(id, "id");
        Objects.requireNonNull(status, "status");
        requireText(by, "by");
        Objects.requireNonNull(at, "at");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a demand status change needs '" + name + "'");
        }
    }
}
