package io.demandloop.functions.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda Function URL request event (payload format 2.0), as much of it as the intake reads.
 * Header names arrive in lower case.
 */
public record FunctionUrlRequest(
        String version,
        String rawPath,
        String rawQueryString,
        Map<String, String> headers,
        RequestContext requestContext,
        String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    /** The request context. */
    public record RequestContext(String requestId, Http http) {
    }

    /** The HTTP part of the request context. */
    public record Http(String method, String path, String sourceIp) {
    }

    /** A header by name, case-insensitively; null when absent. */
    public String header(String name) {
        if (headers == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** The method, upper case; POST when the context lacks it. */
    public String method() {
        return requestContext != null && requestContext.http() != null && requestContext.http().method() != null
                ? requestContext.http().method().toUpperCase(Locale.ROOT) : "POST";
    }

    /** The raw bytes of the body, base64-decoded when the event says so. */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The request id, for correlation; "unknown" when absent. */
    public String requestId() {
        return requestContext != null && requestContext.requestId() != null ? requestContext.requestId() : "unknown";
    }
}
