package io.demandloop.functions.ticketstore;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.aws.DynamoDbTicketRepository;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Lambda target of the {@code Ticket Received} rule: binds the event's detail to a {@link Ticket} and stores
 * it. A detail that is not a valid ticket throws, so EventBridge retries and finally dead-letters the event
 * instead of losing it silently.
 */
public final class TicketStoreHandler implements RequestStreamHandler {

    private final TicketStoreService service;
    private final ObjectMapper mapper = Json.mapper();

    /** The composition root, run once at init. */
    public TicketStoreHandler() {
        this(new TicketStoreService(DynamoDbTicketRepository.create(TicketStoreConfig.fromEnvironment().ticketsTable()),
                PipelineMetrics.fromEnvironment()));
    }

    /** For tests: the service with its port already built. */
    public TicketStoreHandler(TicketStoreService service) {
        this.service = service;
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
