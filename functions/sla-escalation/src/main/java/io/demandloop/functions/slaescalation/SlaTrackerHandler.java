package io.demandloop.functions.slaescalation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.shared.aws.DynamoDbSlaRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
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
public final class SlaTrackerHandler implements RequestStreamHandler {

    private final SlaTrackingService service;
    private final ObjectMapper mapper = Json.mapper();

    /** Composition root, run once at init: the SLA policies (a configuration mistake fails here) and the table. */
    public SlaTrackerHandler() {
        this(new SlaTrackingService(DynamoDbSlaRepository.create(SlaFunctionConfig.slaTable()),
                new SlaEvaluator(SlaPolicies.from(DemandloopConfig.load()))));
    }

    /** For tests: the service with its ports. */
    public SlaTrackerHandler(SlaTrackingService service) {
        this.service = Objects.requireNonNull(service, "service");
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
