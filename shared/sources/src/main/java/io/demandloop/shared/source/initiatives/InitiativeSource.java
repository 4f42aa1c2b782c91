package io.demandloop.shared.source.initiatives;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeConfig;
import io.demandloop.shared.initiative.InitiativeJson;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON initiative source, {@code /hooks/initiatives}: any portfolio tool, script or low-code flow posts
 * initiatives in the documented shape ({@link InitiativeJson}; docs/sources.md, "JSON initiative source"), with its
 * own secret ({@code Authorization: Bearer <secret>} or basic auth). The body is one initiative, an array of them, or
 * {@code {"initiatives": [..]}}. Identity is {@code initiatives#<id>}; order is {@code version} (else
 * {@code updatedAt}). Thread-safe.
 */
public final class InitiativeSource implements WebhookSource {

    /** The source name, also the intake path segment. */
    public static final String SOURCE = "initiatives";

    private final InitiativeJson reader;

    public InitiativeSource(DemandloopConfig config) {
        Objects.requireNonNull(config, "config");
        this.reader = new InitiativeJson(InitiativeConfig.from(config).defaultExpected(), config::serviceFor);
    }

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
        JsonNode records = body != null && body.isObject() && body.has("initiatives") ? body.get("initiatives") : body;
        List<Initiative> initiatives = new ArrayList<>();
        if (records != null && records.isArray()) {
            if (records.isEmpty()) {
                throw new InvalidRecordException("the body holds no initiatives");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                Initiative initiative = reader.read(SOURCE, records.get(i), "initiative " + i);
                if (!ids.add(initiative.sourceId())) {
                    throw new InvalidRecordException("initiative " + i + ": id '" + initiative.sourceId()
                            + "' is given twice in one delivery");
                }
                initiatives.add(initiative);
            }
        } else if (records != null && records.isObject()) {
            initiatives.add(reader.read(SOURCE, records, "initiative"));
        } else {
            throw new InvalidRecordException("the body must be an initiative object, an array of them or"
                    + " {\"initiatives\": [..]}");
        }
        return NormalisedDelivery.ofInitiatives(initiatives);
    }
}
