package io.demandloop.shared.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
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
     * Whether this delivery's body is data the source reads itself rather than a JSON document: then the intake
     * checks neither its content type nor its JSON, and {@link #normalise} gets a missing node and reads
     * {@link Delivery#body()}. False by default (CloudEvents' binary mode with non-JSON data says true).
     */
    default boolean readsRawBody(Delivery delivery) {
        return false;
    }

    /**
     * Warnings about how this source is configured, said once at start (the intake's init log, {@code serve}):
     * e.g. a setting that lets a captured delivery be replayed. Empty by default.
     */
    default List<String> configurationWarnings() {
        return List.of();
    }

    /**
     * Normalises a verified delivery.
     *
     * @param body the parsed body
     * @throws InvalidRecordException naming the first problem; then nothing of the delivery is taken
     */
    NormalisedDelivery normalise(Delivery delivery, JsonNode body);
}
