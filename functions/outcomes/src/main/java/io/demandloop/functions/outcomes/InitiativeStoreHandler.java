package io.demandloop.functions.outcomes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.StoreOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Lambda target of the {@code InitiativeReceived} rule: binds the event's detail to an {@link Initiative} and stores
 * it. A detail that is not a valid initiative throws with the problem named, so EventBridge retries and finally
 * dead-letters the event instead of losing it silently.
 */
public final class InitiativeStoreHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/InitiativeStoreFunction/initiative-received.json. */
    static final String PRIMING_SAMPLE = "/priming/InitiativeStoreFunction/initiative-received.json";

    private final InitiativeStoreService service;
    private final ObjectMapper mapper = Json.mapper();

    /** The composition root, run once at init. */
    public InitiativeStoreHandler() {
        this(new InitiativeStoreService(
                DynamoDbInitiativeRepository.create(InitiativeStoreConfig.fromEnvironment().initiativesTable()),
                io.demandloop.shared.metrics.PipelineMetrics.fromEnvironment()));
        org.crac.Core.getGlobalContext().register(this);
    }

    /** For tests: the service with its port already built. */
    public InitiativeStoreHandler(InitiativeStoreService service) {
        this.service = service;
    }

    /** SnapStart: before the snapshot, runs the hot path once on the packaged sample (see {@link #prime}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) throws IOException {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // Nothing captured before the snapshot needs refreshing.
    }

    /**
     * Loads and exercises the hot path: the envelope and initiative binding and the conditional PutItem, stopped before
     * signing ({@link io.demandloop.shared.aws.Priming}); a stopped write logs and counts nothing.
     */
    Initiative prime() throws IOException {
        byte[] sample = io.demandloop.shared.aws.Priming.sample(InitiativeStoreHandler.class, PRIMING_SAMPLE);
        EventEnvelope event = mapper.readValue(sample, EventEnvelope.class);
        Initiative initiative = mapper.treeToValue(event.detail(), Initiative.class);
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.store(initiative));
        return initiative;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventEnvelope event = mapper.readValue(input, EventEnvelope.class);
        if (!EventNames.INITIATIVE_RECEIVED.equals(event.detailType()) || event.detail() == null
                || !event.detail().isObject()) {
            throw new IllegalArgumentException("event " + event.id() + " is a '" + event.detailType()
                    + "' event with " + (event.detail() == null ? "no" : "a") + " detail; this function stores '"
                    + EventNames.INITIATIVE_RECEIVED + "' events with an initiative as detail");
        }
        MDC.put("eventId", String.valueOf(event.id()));
        try {
            Initiative initiative;
            try {
                initiative = mapper.treeToValue(event.detail(), Initiative.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event " + event.id() + " is not a valid initiative: "
                        + e.getOriginalMessage(), e);
            }
            StoreOutcome outcome = service.store(initiative);
            mapper.writeValue(output, Map.of("initiative", initiative.id(),
                    "outcome", outcome.name().toLowerCase(Locale.ROOT)));
        } finally {
            MDC.remove("eventId");
        }
    }
}
