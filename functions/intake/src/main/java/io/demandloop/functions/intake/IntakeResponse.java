package io.demandloop.functions.intake;

import java.util.Map;

/**
 * What the intake answers: a status, a JSON body and any extra headers.
 *
 * @param status  the HTTP status
 * @param body    the JSON body
 * @param headers extra response headers
 */
public record IntakeResponse(int status, String body, Map<String, String> headers) {
}
