package io.demandloop.functions.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The Function URL response the intake returns. */
public record FunctionUrlResponse(
        int statusCode,
        Map<String, String> headers,
        String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {
}
