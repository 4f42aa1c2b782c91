package io.demandloop.shared.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One tool that posts webhooks to {@code /hooks/{name}}: how its deliveries are verified and normalised.
 * Implementations are stateless and thread-safe, built once at init with their configuration.
 *
 * <p>The intake calls {@link #verify} over the raw bytes before it parses anything, then {@link #normalise}.
 */
public interface WebhookSource {

    /** The path segment and source name, lower case, e.g. {@code servicenow}. */
    String name();

    /**
     * Checks the delivery's credentials or signature over its raw bytes.
     *
     * @param secrets the configured secrets of this source (several while rotating); never empty
     */
    VerificationResult verify(Delivery delivery, List<String> secrets);

    /**
     * Whether the delivery's content type is one this source sends; {@code application/json} by default.
     *
     * @param contentType the media type without parameters, lower case; null when the header is absent
     */
    default boolean acceptsContentType(String contentType) {
        return "application/json".equals(contentType);
    }

    /**
     * Normalises a verified delivery.
     *
     * @param body the parsed body
     * @throws InvalidRecordException naming the first problem; then nothing of the delivery is taken
     */
    NormalisedDelivery normalise(Delivery delivery, JsonNode body);
}
