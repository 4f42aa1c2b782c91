package io.demandloop.functions.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.aws.DynamoDbDemandRepository;
import io.demandloop.shared.aws.EventBridgePublisher;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.secrets.SecretsManagerSecretProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Lambda entry point behind the Function URL: maps the Function URL event to a delivery, calls
 * {@link IntakeService}, and maps the answer back.
 */
public final class IntakeHandler implements RequestStreamHandler {

    private final IntakeService service;
    private final ObjectMapper mapper = Json.mapper();

    /** The composition root, run once at init. */
    public IntakeHandler() {
        IntakeConfig config = IntakeConfig.fromEnvironment();
        this.service = new IntakeService(Sources.all(DemandloopConfig.load()),
                SecretsManagerSecretProvider.create(config.webhookSecrets()),
                EventBridgePublisher.create(config.eventBusName()), DynamoDbDemandRepository.create(config.demandTable()),
                Clock.systemUTC());
    }

    /** For tests: the service with its ports already built. */
    public IntakeHandler(IntakeService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FunctionUrlRequest event = mapper.readValue(input, FunctionUrlRequest.class);
        MDC.put("deliveryId", event.requestId());
        try {
            IntakeResponse response;
            byte[] body = null;
            try {
                body = event.bodyBytes();
            } catch (IllegalArgumentException e) {
                // A body flagged base64 that is not: the delivery is malformed, not the function.
                response = new IntakeResponse(400, mapper.createObjectNode()
                        .put("error", "the body is flagged base64 but is not valid base64").toString(), Map.of());
                write(output, response);
                return;
            }
            response = service.accept(event.method(), event.rawPath(),
                    event.headers() == null ? Map.of() : event.headers(), body, event.requestId());
            write(output, response);
        } finally {
            MDC.remove("deliveryId");
        }
    }

    private void write(OutputStream output, IntakeResponse response) throws IOException {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("content-type", "application/json");
        mapper.writeValue(output, new FunctionUrlResponse(response.status(), headers, response.body(), false));
    }
}
