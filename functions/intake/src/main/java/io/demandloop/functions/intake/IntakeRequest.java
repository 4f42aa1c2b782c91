package io.demandloop.functions.intake;

import java.util.function.UnaryOperator;

/**
 * One webhook delivery, free of the Lambda event shape.
 *
 * @param method   the HTTP method, upper case
 * @param path     the request path, e.g. {@code /hooks/servicenow}
 * @param headers  header lookup by name, case-insensitive; null for an absent header
 * @param body     the raw body bytes, exactly as received
 * @param deliveryId an id for correlation in logs
 */
public record IntakeRequest(String method, String path, UnaryOperator<String> headers, byte[] body, String deliveryId) {
}
