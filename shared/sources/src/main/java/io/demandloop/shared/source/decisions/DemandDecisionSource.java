package io.demandloop.shared.source.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.decision.DemandDecision;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import java.util.List;

/**
 * Decisions about demands over HTTP, {@code /hooks/demand-decisions}: a portfolio tool or a chat button promotes,
 * acknowledges or rejects a demand, as {@code ./demandloop demand promote|ack|reject} does. Body
 * {@code {"id": "<service>#<pattern>", "action": "promote|acknowledge|reject", "by": "...", "why": "...",
 * "title": "..."}} (title for a promotion only); its own secret ({@code Authorization: Bearer <secret>} or basic
 * auth). The intake checks that the demand is stored and publishes the decision as a {@code Demand Status Changed}
 * event; the demand function sets the status and, for a promotion, stores the initiative. Thread-safe.
 */
public final class DemandDecisionSource implements WebhookSource {

    /** The source name, also the intake path segment. */
    public static final String SOURCE = "demand-decisions";

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return SharedSecret.verifyAuthorization(name(), delivery.header("authorization"), secrets);
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRecordException("the body must be one decision {id, action, by, why, title}");
        }
        return NormalisedDelivery.ofDecisions(List.of(read(body)));
    }

    /** One decision from its JSON; fails naming the field. */
    public static DemandDecision read(JsonNode body) {
        try {
            String action = text(body, "action");
            if (action == null) {
                throw new IllegalArgumentException("action: required field is missing; one of promote, acknowledge,"
                        + " reject");
            }
            return new DemandDecision(text(body, "id"), DemandDecision.statusOfAction(action), text(body, "by"),
                    text(body, "why"), text(body, "title"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw new IllegalArgumentException(field + ": must be text, was " + node);
        }
        return node.asText().trim();
    }
}
