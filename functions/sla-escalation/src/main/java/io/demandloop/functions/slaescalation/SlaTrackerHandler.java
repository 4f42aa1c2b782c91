package io.demandloop.functions.slaescalation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Lambda target of the {@code SlaTicketReceived} rule ({@code Ticket Received}, like the ticket store): records
 * the ticket version in the SLA history and refreshes the ticket's SLA state. A detail that is not a valid ticket
 * throws, so EventBridge retries and finally dead-letters it.
 */
public final class SlaTrackerHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/SlaTrackerFunction/ticket-received.json. */
    static final String PRIMING_SAMPLE = "/priming/SlaTrackerFunction/ticket-received.json";

    private final SlaTrackingService service;
    private final ObjectMapper mapper = Json.mapper();

    /** Composition root, run once at init: the SLA policies (a configuration mistake fails here) and the table. */
    public SlaTrackerHandler() {
        this(new SlaTrackingService(DynamoDbSlaRepository.create(SlaFunctionConfig.slaTable()),
                new SlaEvaluator(SlaPolicies.from(DemandloopConfig.load()))));
        org.crac.Core.getGlobalContext().register(this);
    }

    /** For tests: the service with its ports. */
    public SlaTrackerHandler(SlaTrackingService service) {
        this.service = Objects.requireNonNull(service, "service");
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
     * Loads and exercises the hot path: the envelope and ticket binding, the SLA evaluation and the tracker's first
     * request, stopped before signing ({@link io.demandloop.shared.aws.Priming}); nothing is written, logged as done or kept.
     */
    Ticket prime() throws IOException {
        byte[] sample = io.demandloop.shared.aws.Priming.sample(SlaTrackerHandler.class, PRIMING_SAMPLE);
        EventEnvelope event = mapper.readValue(sample, EventEnvelope.class);
        Ticket ticket = mapper.treeToValue(event.detail(), Ticket.class);
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.track(ticket));
        return ticket;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventEnvelope event = mapper.readValue(input, EventEnvelope.class);
        if (!EventNames.TICKET_RECEIVED.equals(event.detailType()) || event.detail() == null) {
            throw new IllegalArgumentException("event " + event.id() + " is a '" + event.detailType()
                    + "' event with " + (event.detail() == null ? "no" : "a") + " detail; this function tracks '"
                    + EventNames.TICKET_RECEIVED + "' events only");
        }
        MDC.put("eventId", String.valueOf(event.id()));
        try {
            Ticket ticket = mapper.treeToValue(event.detail(), Ticket.class);
            mapper.writeValue(output, service.track(ticket));
        } finally {
            MDC.remove("eventId");
        }
    }
}
