package io.demandloop.shared.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.json.Json;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone's decision about a demand, as the {@code demand promote|ack|reject} command and the
 * {@code /hooks/demand-decisions} path take it, and as the detail of the {@code Demand Status Changed} event it
 * becomes: {@code {"id", "status", "by", "why", "title"}}. The demand function sets the status and, for a promotion,
 * stores the initiative ({@code PromotedInitiatives}).
 *
 * @param id     the demand's identity, {@code <service>#<pattern>}
 * @param status the new status
 * @param by     who decided
 * @param why    why; may be null
 * @param title  for a promotion, the initiative's title; null otherwise (a promotion without one gets a title made
 *               from the demand)
 */
public record DemandDecision(String id, DemandStatus status, String by, String why, String title) {

    public DemandDecision {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: the demand id is missing");
        }
        try {
            DemandId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("id: " + e.getMessage(), e);
        }
        Objects.requireNonNull(status, "status");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("by: who decided is missing");
        }
        if (why != null && why.isBlank()) {
            why = null;
        }
        if (title != null && title.isBlank()) {
            title = null;
        }
        if (title != null && status != DemandStatus.PROMOTED) {
            throw new IllegalArgumentException("title: only a promotion creates an initiative with a title, this is '"
                    + status.wireName() + "'");
        }
    }

    /**
     * The status of an action word: {@code promote}, {@code ack} or {@code acknowledge}, {@code reject} (or the
     * status names themselves).
     */
    public static DemandStatus statusOfAction(String action) {
        String word = action == null ? "" : action.trim().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "promote", "promoted" -> DemandStatus.PROMOTED;
            case "ack", "acknowledge", "acknowledged" -> DemandStatus.ACKNOWLEDGED;
            case "reject", "rejected" -> DemandStatus.REJECTED;
            default -> throw new IllegalArgumentException("action: '" + action
                    + "' is not a decision; one of promote, acknowledge (ack), reject");
        };
    }

    /** The {@code Demand Status Changed} detail. */
    public ObjectNode detail() {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("id", id);
        detail.put("status", status.wireName());
        detail.put("by", by);
        if (why != null) {
            detail.put("why", why);
        }
        if (title != null) {
            detail.put("title", title);
        }
        return detail;
    }

    /** The title of a promotion's detail, if any. */
    public static String titleOf(JsonNode detail) {
        JsonNode title = detail == null ? null : detail.get("title");
        return title == null || title.isNull() || title.asText().isBlank() ? null : title.asText().trim();
    }
}
