package io.demandloop.functions.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.InvalidRecordException;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one webhook delivery: finds the source from the path, checks its secret over the raw request
 * before reading the body, parses and normalises the records, and publishes them to the bus. Answers 202
 * only after the bus accepted every record; on any refusal nothing is published.
 */
public final class IntakeService {

    /** The largest body accepted: EventBridge's own limit for one entry. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    private static final String HOOKS_PREFIX = "/hooks/";

    private final IntakeConfig config;
    private final EventPublisher publisher;
    private final ServiceNowNormaliser serviceNow = new ServiceNowNormaliser();
    private final ObjectMapper mapper = Json.mapper();
    private final ObjectReader strictReader = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public IntakeService(IntakeConfig config, EventPublisher publisher) {
        this.config = Objects.requireNonNull(config, "config");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Handles one delivery and says what to answer. */
    public IntakeResponse accept(IntakeRequest request) {
        String path = request.path() == null ? "" : request.path();
        if (!path.startsWith(HOOKS_PREFIX)) {
            return error(404, "no such path '" + path + "'; post each tool's webhooks to /hooks/{source}");
        }
        String source = trimTrailingSlash(path.substring(HOOKS_PREFIX.length()));
        if (!config.secrets().containsKey(source)) {
            return error(404, "unknown source '" + source + "'; known sources: " + String.join(", ", config.secrets().keySet()));
        }
        if (!"POST".equals(request.method())) {
            return new IntakeResponse(405, errorBody("method " + request.method() + " is not allowed; use POST"),
                    Map.of("allow", "POST"));
        }
        if (request.body().length > MAX_BODY_BYTES) {
            return error(413, "the body is " + request.body().length + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
        }
        SharedSecretVerifier.Verdict verdict =
                SharedSecretVerifier.verify(source, request.headers().apply("authorization"), config.secrets().get(source));
        if (!verdict.accepted()) {
            LOG.warn("delivery {} to {} refused: {}", request.deliveryId(), source, verdict.problem());
            return new IntakeResponse(401, errorBody(verdict.problem()),
                    Map.of("www-authenticate", "Bearer realm=\"demandloop\""));
        }
        JsonNode body;
        try {
            body = strictReader.readTree(request.body());
        } catch (JsonProcessingException e) {
            return error(400, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            return error(400, "the body could not be read: " + e.getMessage());
        }
        if (body == null || body.isMissingNode()) {
            return error(400, "malformed JSON: the body is empty");
        }
        List<Ticket> tickets;
        try {
            tickets = serviceNow.normalise(body);
        } catch (InvalidRecordException e) {
            return error(422, e.getMessage());
        }
        List<BusEvent> events = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            events.add(new BusEvent(EventNames.INTAKE_SOURCE, EventNames.TICKET_RECEIVED, toJson(ticket)));
        }
        List<String> eventIds;
        try {
            eventIds = publisher.publish(events);
        } catch (PublishException e) {
            LOG.error("delivery {} from {} not published: {}", request.deliveryId(), source, e.getMessage());
            return new IntakeResponse(503, errorBody("the records could not be published; nothing was accepted, retry later"),
                    Map.of("retry-after", "30"));
        }
        LOG.info("delivery {} from {}: {} record(s) published", request.deliveryId(), source, eventIds.size());
        ObjectNode accepted = mapper.createObjectNode();
        accepted.put("accepted", eventIds.size());
        eventIds.forEach(accepted.putArray("eventIds")::add);
        return new IntakeResponse(202, accepted.toString(), Map.of());
    }

    private String toJson(Ticket ticket) {
        try {
            return mapper.writeValueAsString(ticket);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a canonical ticket always serialises", e);
        }
    }

    private static String trimTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private IntakeResponse error(int status, String message) {
        return new IntakeResponse(status, errorBody(message), Map.of());
    }

    private String errorBody(String message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        return node.toString();
    }
}
