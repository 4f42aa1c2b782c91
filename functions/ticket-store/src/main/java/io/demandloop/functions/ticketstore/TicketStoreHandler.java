package io.demandloop.functions.ticketstore;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.EmfMetricsSink;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.startup.ParallelWarmup;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.MDC;

/**
 * Lambda target of the {@code Ticket Received} rule: binds the event's detail to a {@link Ticket} and stores
 * it. A detail that is not a valid ticket throws, so EventBridge retries and finally dead-letters the event
 * instead of losing it silently.
 */
public final class TicketStoreHandler implements RequestStreamHandler, Resource {

    /** The sample event the SnapStart hook primes with (events/TicketStoreFunction's, packaged in the jar). */
    static final String PRIMING_SAMPLE = "/priming/ticket-received.json";

    private final TicketStoreService service;
    private final ObjectMapper mapper = Json.mapper();

    /** The composition root, run once at init. */
    public TicketStoreHandler() {
        this(warmedUp(() -> new TicketStoreService(
                DynamoDbTicketRepository.create(TicketStoreConfig.fromEnvironment().ticketsTable()),
                PipelineMetrics.fromEnvironment())));
        Core.getGlobalContext().register(this);
    }

    /**
     * The service {@code composition} builds, built while a second thread warms Jackson up ({@link ParallelWarmup}): it
     * binds the packaged sample while this thread builds the DynamoDB client, serialises a metric line (not written)
     * and loads the signature's crypto; then this one marshals the sample's PutItem, stopped before signing
     * ({@link Priming}), so the first event finds the libraries loaded and run once. Nothing is sent, logged or
     * counted.
     */
    static TicketStoreService warmedUp(Supplier<TicketStoreService> composition) {
        try (ParallelWarmup<Ticket> json = ParallelWarmup.start("ticket-store", TicketStoreHandler::bindSample)) {
            TicketStoreService service = composition.get();
            // While the sample binds (the longer side): the metric line's library and the signature's crypto.
            EmfMetricsSink.warmUp();
            Priming.loadSigningCrypto();
            Ticket sample = json.join();
            Priming.withoutNetwork(() -> service.store(sample));
            return service;
        }
    }

    /** The Jackson side of the init warm-up: the packaged sample bound as an event is. */
    static Ticket bindSample() throws IOException {
        ObjectMapper json = Json.mapper();
        EventEnvelope event = json.readValue(Priming.sample(TicketStoreHandler.class, PRIMING_SAMPLE), EventEnvelope.class);
        return json.treeToValue(event.detail(), Ticket.class);
    }

    /** For tests: the service with its port already built. */
    public TicketStoreHandler(TicketStoreService service) {
        this.service = service;
    }

    /** SnapStart: before the snapshot, binds the packaged sample and marshals its PutItem without sending it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing captured before the snapshot needs refreshing.
    }

    /**
     * Loads and exercises the hot path: the envelope and ticket binding, and the conditional PutItem, stopped before
     * signing ({@link Priming}); a stopped write logs and counts nothing.
     */
    Ticket prime() throws IOException {
        Ticket ticket = bindSample();
        EmfMetricsSink.warmUp();
        Priming.loadSigningCrypto();
        Priming.withoutNetwork(() -> service.store(ticket));
        return ticket;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventEnvelope event = mapper.readValue(input, EventEnvelope.class);
        if (!EventNames.TICKET_RECEIVED.equals(event.detailType()) || event.detail() == null) {
            throw new IllegalArgumentException("event " + event.id() + " is a '" + event.detailType()
                    + "' event with " + (event.detail() == null ? "no" : "a") + " detail; this function stores '"
                    + EventNames.TICKET_RECEIVED + "' events only");
        }
        MDC.put("eventId", event.id());
        try {
            Ticket ticket = mapper.treeToValue(event.detail(), Ticket.class);
            StoreOutcome outcome = service.store(ticket);
            mapper.writeValue(output, Map.of("ticket", ticket.key(), "outcome", outcome.name().toLowerCase(Locale.ROOT)));
        } finally {
            MDC.remove("eventId");
        }
    }
}
