package io.demandloop.functions.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.alert.MonitoringEvent;
import io.demandloop.shared.demand.DemandDecision;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.secrets.SecretProvider;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.InvalidRecordException;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one webhook delivery: finds the source from the path, refuses what is too large or of the wrong type,
 * verifies the source's secret or signature over the raw bytes before parsing anything, parses and
 * normalises, and publishes the records to the bus. Answers 202 only after the bus accepted every record;
 * on any refusal nothing is published. Initiatives and decisions that name a demand that is not stored are refused
 * with 422 naming the field.
 */
public final class IntakeService {

    /** The largest body accepted: EventBridge's own limit for one entry. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    private static final String HOOKS_PREFIX = "/hooks/";

    private final Map<String, WebhookSource> sources;
    private final SecretProvider secrets;
    private final EventPublisher publisher;
    private final DemandRepository demands;
    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();
    private final ObjectReader strictReader = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param demands where the demands that initiatives and decisions name are looked up (GetItem only): an unknown
     *                demand id is refused with 422 before anything is published
     */
    public IntakeService(Map<String, WebhookSource> sources, SecretProvider secrets, EventPublisher publisher,
                         DemandRepository demands, Clock clock) {
        this.sources = Map.copyOf(sources);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.demands = Objects.requireNonNull(demands, "demands");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Handles one delivery and says what to answer.
     *
     * @param method  the HTTP method
     * @param path    the request path
     * @param headers the request headers
     * @param body    the raw body bytes
     * @param deliveryId an id for correlation in logs
     */
    public IntakeResponse accept(String method, String path, Map<String, String> headers, byte[] body, String deliveryId) {
        String requestPath = path == null ? "" : path;
        if (!requestPath.startsWith(HOOKS_PREFIX)) {
            return error(404, "no such path '" + requestPath + "'; post each tool's webhooks to /hooks/{source}");
        }
        String name = trimTrailingSlash(requestPath.substring(HOOKS_PREFIX.length()));
        WebhookSource source = sources.get(name);
        if (source == null) {
            return error(404, "unknown source '" + name + "'; known sources: " + String.join(", ", sources.keySet().stream().sorted().toList()));
        }
        if (!"POST".equals(method)) {
            return new IntakeResponse(405, errorBody("method " + method + " is not allowed; use POST"), Map.of("allow", "POST"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return error(413, "the body is " + body.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
        }
        Delivery delivery = new Delivery(name, headers, body, clock.instant());
        String contentType = mediaType(delivery.header("content-type"));
        if (!source.acceptsContentType(contentType)) {
            return error(415, "content type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + " is not accepted from " + name + "; send a JSON content type (application/json)");
        }
        List<String> configured = secrets.secretsFor(name);
        VerificationResult verdict;
        if (configured.isEmpty()) {
            verdict = VerificationResult.rejected("no secret is configured for source '" + name + "', so every delivery is refused");
        } else {
            try {
                verdict = source.verify(delivery, configured);
            } catch (RuntimeException e) {
                // Whatever a hostile header does to a verifier, the delivery is not authentic: 401, never 5xx.
                LOG.warn("delivery {} to {}: verification failed on the request itself", deliveryId, name, e);
                verdict = VerificationResult.rejected("the credentials or signature could not be checked: " + e.getMessage());
            }
        }
        if (!verdict.isAccepted()) {
            LOG.warn("delivery {} to {} refused: {}", deliveryId, name, verdict.problem());
            return new IntakeResponse(401, errorBody(verdict.problem()), Map.of("www-authenticate", "Bearer realm=\"demandloop\""));
        }
        JsonNode parsed;
        try {
            parsed = strictReader.readTree(body);
        } catch (JsonProcessingException e) {
            return error(400, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            return error(400, "the body could not be read: " + e.getMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            return error(400, "malformed JSON: the body is empty");
        }
        NormalisedDelivery records;
        try {
            records = source.normalise(delivery, parsed);
        } catch (InvalidRecordException e) {
            return error(422, e.getMessage());
        } catch (RuntimeException e) {
            // A value a normaliser did not foresee (an extreme date, a bound of the canonical record): the record
            // is what is wrong, so 422 and not a 5xx the tool would retry forever. Logged in full to be fixed.
            LOG.error("delivery {} from {}: a record could not be normalised", deliveryId, name, e);
            return error(422, "a record could not be read: " + e.getMessage());
        }
        if (records.ignoredReason() != null && records.size() == 0) {
            LOG.info("delivery {} from {} ignored: {}", deliveryId, name, records.ignoredReason());
            ObjectNode ignored = mapper.createObjectNode();
            ignored.put("accepted", 0);
            ignored.put("ignored", records.ignoredReason());
            return new IntakeResponse(200, ignored.toString(), Map.of());
        }
        String unknownDemand = unknownDemand(records);
        if (unknownDemand != null) {
            return error(422, unknownDemand);
        }
        List<BusEvent> events = new ArrayList<>(records.size());
        for (Ticket ticket : records.tickets()) {
            events.add(new BusEvent(EventNames.INTAKE_SOURCE, EventNames.TICKET_RECEIVED, toJson(ticket)));
        }
        for (MonitoringEvent alert : records.alerts()) {
            events.add(new BusEvent(EventNames.INTAKE_SOURCE, EventNames.MONITORING_EVENT_RECEIVED, toJson(alert)));
        }
        for (Initiative initiative : records.initiatives()) {
            events.add(new BusEvent(EventNames.INTAKE_SOURCE, EventNames.INITIATIVE_RECEIVED, toJson(initiative)));
        }
        for (DemandDecision decision : records.decisions()) {
            // The demand function's own event: it sets the status and, for a promotion, stores the initiative.
            events.add(new BusEvent(EventNames.DEMAND_SOURCE, EventNames.DEMAND_STATUS_CHANGED,
                    decision.detail().toString()));
        }
        for (BusEvent event : events) {
            int size = eventSize(event);
            if (size > MAX_BODY_BYTES) {
                return error(422, "a record is " + size + " bytes as an event; the bus takes at most " + MAX_BODY_BYTES);
            }
        }
        List<String> eventIds;
        try {
            eventIds = publisher.publish(events);
        } catch (PublishException e) {
            LOG.error("delivery {} from {} not published: {}", deliveryId, name, e.getMessage());
            return new IntakeResponse(503, errorBody("the records could not be published; nothing was accepted, retry later"),
                    Map.of("retry-after", "30"));
        }
        LOG.info("delivery {} from {}: {} record(s) published", deliveryId, name, eventIds.size());
        ObjectNode accepted = mapper.createObjectNode();
        accepted.put("accepted", eventIds.size());
        eventIds.forEach(accepted.putArray("eventIds")::add);
        return new IntakeResponse(202, accepted.toString(), Map.of());
    }

    /**
     * The problem with the first demand id an initiative or decision names that is not a stored demand (read by
     * GetItem); null when all are stored. Checked here, before publishing, so that nothing of the delivery is kept.
     */
    private String unknownDemand(NormalisedDelivery records) {
        for (Initiative initiative : records.initiatives()) {
            for (String demandId : initiative.demandIds()) {
                if (!isStoredDemand(demandId)) {
                    return "demandIds: '" + demandId + "' of initiative '" + initiative.sourceId()
                            + "' is not a stored demand (see ./demandloop query demand)";
                }
            }
        }
        for (DemandDecision decision : records.decisions()) {
            if (!isStoredDemand(decision.id())) {
                return "id: '" + decision.id() + "' is not a stored demand (see ./demandloop query demand)";
            }
        }
        return null;
    }

    private boolean isStoredDemand(String demandId) {
        try {
            return demands.find(demandId).isPresent();
        } catch (IllegalArgumentException e) {
            return false; // not even a demand id; the normalisers name that problem before it gets here
        }
    }

    private String toJson(Object record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a canonical record always serialises", e);
        }
    }

    /** An entry's size as EventBridge counts it: source, detail-type and detail, in UTF-8 bytes. */
    private static int eventSize(BusEvent event) {
        return event.source().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + event.detailType().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + event.detailJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The media type without parameters, lower case; null when absent. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
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
