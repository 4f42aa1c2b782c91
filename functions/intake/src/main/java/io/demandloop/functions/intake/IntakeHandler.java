package io.demandloop.functions.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.aws.DynamoDbKnownDemands;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.EmfMetricsSink;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.secrets.aws.SecretsManagerSecretProvider;
import io.demandloop.shared.startup.ParallelWarmup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point behind the Function URL: maps the Function URL event to a delivery, calls
 * {@link IntakeService}, and maps the answer back.
 */
public final class IntakeHandler implements RequestStreamHandler, Resource {

    /** The sample body the SnapStart hook primes with (a ServiceNow incident, packaged in the jar). */
    static final String PRIMING_SAMPLE = "/priming/servicenow.json";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IntakeHandler.class);

    private final IntakeService service;
    private final ObjectMapper mapper = Json.mapper();

    /** The composition root, run once at init. */
    public IntakeHandler() {
        this(warmedUp(IntakeHandler::compose));
        Core.getGlobalContext().register(this);
    }

    /**
     * The service {@code composition} builds, built while a second thread warms Jackson up ({@link ParallelWarmup}):
     * the Function URL event's binding, the strict reader on the packaged sample body, a metric line serialised (not
     * written), the signatures' crypto loaded; then this thread runs a delivery of the sample up to its PutEvents,
     * stopped before signing ({@link IntakeService#primeDelivery}), so the first delivery finds the libraries loaded
     * and run once. Nothing is sent, logged or counted; the demand lookup's client stays unbuilt.
     */
    static IntakeService warmedUp(Supplier<IntakeService> composition) {
        try (ParallelWarmup<byte[]> json = ParallelWarmup.start("intake", IntakeHandler::secondThreadWarmUp)) {
            IntakeService service = composition.get();
            service.primeDelivery("servicenow", json.join());
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("the init warm-up could not read the packaged sample", e);
        }
    }

    /** The second thread's side of the init warm-up (Jackson, the metric line, the crypto); returns the sample body. */
    static byte[] secondThreadWarmUp() throws IOException {
        byte[] body = Priming.sample(IntakeHandler.class, PRIMING_SAMPLE);
        ObjectMapper json = Json.mapper();
        FunctionUrlRequest request = new FunctionUrlRequest("2.0", "/webhooks/servicenow", "",
                Map.of("content-type", "application/json"),
                new FunctionUrlRequest.RequestContext("warmup",
                        new FunctionUrlRequest.Http("POST", "/webhooks/servicenow", "127.0.0.1")),
                "{}", false);
        json.readValue(json.writeValueAsBytes(request), FunctionUrlRequest.class);
        json.readValue(json.writeValueAsBytes(new FunctionUrlResponse(202, Map.of(), "{}", false)), Map.class);
        Json.strictReader().readTree(body);
        EmfMetricsSink.warmUp();
        // The webhook signature's HMAC and the requests' SigV4 signatures (the composition is the longer side here).
        Priming.loadSigningCrypto();
        return body;
    }

    private static IntakeService compose() {
        IntakeConfig config = IntakeConfig.fromEnvironment();
        DemandloopConfig demandloop = DemandloopConfig.load();
        Map<String, io.demandloop.shared.source.WebhookSource> sources = Sources.all(demandloop);
        // Said once at init, so that a configuration that lets a delivery be replayed is visible in the log.
        Sources.warnings(sources).forEach(warning -> LOG.warn("configuration: {}", warning));
        // One DynamoDB client for the demand lookup and the refusal counters (both in the demand table), built at the
        // first use: a cold start that delivers a ticket or an alert builds none.
        Lazy<DynamoDbClient> dynamo = new Lazy<>(DynamoDbClients::lean);
        return new IntakeService(sources,
                SecretsManagerSecretProvider.create(config.webhookSecrets()),
                EventBridgePublisher.create(config.eventBusName()),
                new DemandLookup(() -> new DynamoDbKnownDemands(dynamo.get(), config.demandTable())),
                Clock.systemUTC(), demandloop, PipelineMetrics.fromEnvironment())
                .countingRefusalsIn(new LazyRefusalLog(
                        () -> new io.demandloop.shared.quality.aws.DynamoDbRefusalLog(dynamo.get(), config.demandTable())));
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

    /** SnapStart: before the snapshot, runs the hot path once on the packaged sample (see {@link IntakeService#prime}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing was captured before the snapshot that needs refreshing: clients resolve credentials per request.
    }

    /** Loads and exercises the classes of the intake's hot path, the request handling and the SDK's marshalling. */
    int prime() throws IOException {
        return service.prime("servicenow", secondThreadWarmUp());
    }

    private void write(OutputStream output, IntakeResponse response) throws IOException {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("content-type", "application/json");
        mapper.writeValue(output, new FunctionUrlResponse(response.status(), headers, response.body(), false));
    }
}
