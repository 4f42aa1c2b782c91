package io.demandloop.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One source's delivery as the intake handles it, minus the network: the source as the intake builds it, a sample
 * body from {@code events/webhooks/}, the headers that authenticate it and the configured secrets. {@link #run()}
 * does what {@code IntakeService.accept} does between reading the request and publishing: content type, verify
 * over the raw bytes, parse (the intake's strict reader), normalise.
 */
final class DeliveryCase {

    private static final ObjectReader INTAKE_READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final WebhookSource source;
    private final byte[] body;
    private final Map<String, String> headers;
    private final List<String> secrets;
    private final Instant receivedAt;

    DeliveryCase(WebhookSource source, byte[] body, Map<String, String> headers, List<String> secrets, Instant receivedAt) {
        this.source = Objects.requireNonNull(source, "source");
        this.body = body.clone();
        this.headers = Map.copyOf(headers);
        this.secrets = List.copyOf(secrets);
        this.receivedAt = receivedAt;
    }

    /** A sample body of {@code events/webhooks/}, packaged into the benchmark jar. */
    static byte[] sample(String path) {
        try (InputStream in = DeliveryCase.class.getResourceAsStream("/webhooks/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample events/webhooks/" + path + " in the benchmark jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int bodyBytes() {
        return body.length;
    }

    /** Verify, parse and normalise once; fails loudly if the case would not be accepted, so nothing is timed wrongly. */
    NormalisedDelivery run() {
        Delivery delivery = new Delivery(source.name(), headers, body, receivedAt);
        String contentType = mediaType(delivery.header("content-type"));
        if (!source.acceptsContentType(contentType)) {
            throw new IllegalStateException(source.name() + " refuses content type " + contentType);
        }
        VerificationResult verdict = source.verify(delivery, secrets);
        if (!verdict.isAccepted()) {
            throw new IllegalStateException(source.name() + " refuses the delivery: " + verdict.problem());
        }
        JsonNode parsed;
        try {
            parsed = INTAKE_READER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return source.normalise(delivery, parsed);
    }

    /** As the intake reads it: the media type without parameters, lower case. */
    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
