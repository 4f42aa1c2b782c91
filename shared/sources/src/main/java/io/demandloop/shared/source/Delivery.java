package io.demandloop.shared.source;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One webhook delivery as received: the raw body bytes (base64 already decoded, never re-serialised) and the
 * headers, for verification and normalisation.
 *
 * @param source     the source named by the path, e.g. {@code jira}
 * @param headers    the request headers; looked up case-insensitively through {@link #header(String)}
 * @param body       the raw body bytes
 * @param receivedAt when the intake received it (for replay windows of signed timestamps)
 */
public record Delivery(String source, Map<String, String> headers, byte[] body, Instant receivedAt) {

    public Delivery {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            caseInsensitive.putAll(headers);
        }
        headers = caseInsensitive;
    }

    /** A header by name, any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
