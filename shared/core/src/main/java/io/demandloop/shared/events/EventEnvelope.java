package io.demandloop.shared.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The envelope EventBridge hands a Lambda target. The detail stays a tree so that each handler binds it
 * to its own record.
 */
public record EventEnvelope(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        JsonNode detail) {
}
