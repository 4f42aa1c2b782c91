package io.demandloop.functions.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandDecision;
import io.demandloop.shared.decision.KnownDemands;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.privacy.PersonalDataFilter;
import io.demandloop.shared.secrets.SecretProvider;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.UnicodeText;
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
    private final KnownDemands demands;
    /** Where refused deliveries are counted for the report's data quality; null when nowhere. */
    private io.demandloop.shared.quality.RefusalLog refusals;

    /** The demand id priming looks up (never sent). */
    static final String PRIMING_DEMAND_ID = "priming#service-risk";
    private final Clock clock;
    private final PersonalDataFilter privacy;
    private final PipelineMetrics metrics;
    private final ObjectMapper mapper = Json.mapper();
    private final ObjectReader strictReader = Json.strictReader();

    /** With the built-in privacy rules (section {@code privacy}'s defaults) and no demand table: every demand id is unknown. */
    public IntakeService(Map<String, WebhookSource> sources, SecretProvider secrets, EventPublisher publisher, Clock clock) {
        this(sources, secrets, publisher, null, clock, DemandloopConfig.defaults(), PipelineMetrics.none());
    }

    /** With the privacy rules of the configuration; the HMAC key is secret {@value PersonalDataFilter#KEY_NAME}. */
    public IntakeService(Map<String, WebhookSource> sources, SecretProvider secrets, EventPublisher publisher, Clock clock,
                         DemandloopConfig config) {
        this(sources, secrets, publisher, null, clock, config, PipelineMetrics.none());
    }

    /** With the built-in privacy rules and the metrics each delivery is counted in. */
    public IntakeService(Map<String, WebhookSource> sources, SecretProvider secrets, EventPublisher publisher, Clock clock,
                         PipelineMetrics metrics) {
        this(sources, secrets, publisher, null, clock, DemandloopConfig.defaults(), metrics);
    }

    /**
     * @param demands where the demands that initiatives and decisions name are looked up (GetItem only): an unknown
     *                demand id is refused with 422 before anything is published
     */
    public IntakeService(Map<String, WebhookSource> sources, SecretProvider secrets, EventPublisher publisher,
                         KnownDemands demands, Clock clock) {
        this(sources, secrets, publisher, demands, clock, DemandloopConfig.defaults(), PipelineMetrics.none());
    }

    /**
     * The composition the handler uses.
     *
     * @param demands where the demands that initiatives and decisions name are looked up (GetItem only); null when
     *                there is no demand table, so that every demand id is unknown
     * @param config  the privacy rules
     * @param metrics where each delivery is counted (accepted, or refused by reason; per source)
     */
    public IntakeService(Map<String, WebhookSource> sources, SecretProvider secrets, EventPublisher publisher,
                         KnownDemands demands, Clock clock, DemandloopConfig config, PipelineMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.demands = demands;
        this.sources = Map.copyOf(sources);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.privacy = PersonalDataFilter.of(config, () -> secrets.secretsFor(PersonalDataFilter.KEY_NAME));
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
        IntakeResponse response = decide(method, path, headers, body, deliveryId);
        String requestPath = path == null ? "" : path;
        String name = requestPath.startsWith(HOOKS_PREFIX) ? trimTrailingSlash(requestPath.substring(HOOKS_PREFIX.length())) : "";
        // Only known sources become a dimension value: a path is what anyone on the internet chooses.
        String source = sources.containsKey(name) ? name : PipelineMetrics.UNKNOWN_SOURCE;
        metrics.delivery(source, response.status());
        if (refusals != null && response.status() >= 400 && response.status() < 500) {
            countRefusal(source, response.status());
        }
        return response;
    }

    /**
     * Counts each refused delivery (4xx) in {@code log}, per day, source and reason, for the portfolio report's data
     * quality section. An accepted delivery writes nothing more than before.
     *
     * @return this service
     */
    public IntakeService countingRefusalsIn(io.demandloop.shared.quality.RefusalLog log) {
        this.refusals = Objects.requireNonNull(log, "log");
        return this;
    }

    private void countRefusal(String source, int status) {
        try {
            refusals.refused(source, PipelineMetrics.refusalReason(status), clock.instant());
        } catch (RuntimeException e) {
            // The answer to the tool does not depend on a counter: the metric above still counts the refusal.
            LOG.warn("refused delivery to {} ({}) could not be counted for the report", source, status, e);
        }
    }

    private IntakeResponse decide(String method, String path, Map<String, String> headers, byte[] body, String deliveryId) {
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
        boolean rawBody = source.readsRawBody(delivery);
        if (!rawBody && !source.acceptsContentType(contentType)) {
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
            parsed = rawBody ? MissingNode.getInstance() : parse(body);
        } catch (InvalidRecordException e) {
            return error(422, e.getMessage());
        } catch (JsonProcessingException e) {
            return error(400, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            return error(400, "the body could not be read: " + e.getMessage());
        }
        if (!rawBody && (parsed == null || parsed.isMissingNode())) {
            return error(400, "malformed JSON: the body is empty");
        }
        NormalisedDelivery records;
        int redactions;
        try {
            // The one place personal data leaves every source's records: redacted, dropped or hashed.
            PersonalDataFilter.Filtered<NormalisedDelivery> filtered = privacy.apply(source.normalise(delivery, parsed));
            records = filtered.value();
            redactions = filtered.changes();
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
        // The bus's event ids: each store function logs its event's id (MDC eventId), so this line joins a delivery
        // to the store lines of its records.
        LOG.info("delivery {} from {}: {} record(s) published as event(s) {}, {} personal data item(s) redacted, dropped"
                + " or hashed", deliveryId, name, eventIds.size(), String.join(" ", eventIds), redactions);
        ObjectNode accepted = mapper.createObjectNode();
        accepted.put("accepted", eventIds.size());
        eventIds.forEach(accepted.putArray("eventIds")::add);
        return new IntakeResponse(202, accepted.toString(), Map.of());
    }

    /**
     * The body as JSON, read strictly: valid UTF-8 (else refused naming the byte), one document nested at most
     * {@link Json#MAX_NESTING_DEPTH} levels, every string valid Unicode (else refused naming the field), so that
     * what is published is exactly what was sent.
     */
    private JsonNode parse(byte[] body) throws IOException {
        String utf8Problem = UnicodeText.utf8Problem(body);
        if (utf8Problem != null) {
            throw new InvalidRecordException(utf8Problem);
        }
        JsonNode parsed = strictReader.readTree(body);
        UnicodeText.requireValid(parsed);
        return parsed;
    }

    /**
     * SnapStart priming of the hot path, before the snapshot: parses and normalises a sample body of a source, turns
     * its records into bus events and publishes them with the SDK call stopped before signing
     * ({@link io.demandloop.shared.aws.Priming}), then looks a demand up the same way (the GetItem that initiatives and
     * decisions need). Asks for no secret, publishes nothing, counts no metric, and keeps nothing: the delivery is
     * dated at the epoch, not now, and everything built is dropped.
     *
     * @return how many records the sample normalised to
     */
    public int prime(String sourceName, byte[] sampleBody) throws IOException {
        int records = primeDelivery(sourceName, sampleBody);
        if (demands != null) {
            // The GetItem of a demand an initiative or a decision names (and, with DemandLookup, its client built).
            io.demandloop.shared.aws.Priming.withoutNetwork(() -> demands.contains(PRIMING_DEMAND_ID));
        }
        return records;
    }

    /**
     * The part of {@link #prime} a delivery of tickets and alerts runs: the sample parsed, normalised, turned into bus
     * events and published with the SDK call stopped before signing; no demand lookup, so its client stays unbuilt.
     * The handler's init warm-up runs it; the same guarantees as {@link #prime}.
     *
     * @return how many records the sample normalised to
     */
    public int primeDelivery(String sourceName, byte[] sampleBody) throws IOException {
        WebhookSource source = sources.get(sourceName);
        if (source == null) {
            throw new IllegalArgumentException("unknown source " + sourceName);
        }
        Delivery delivery = new Delivery(sourceName, Map.of("content-type", "application/json"), sampleBody, java.time.Instant.EPOCH);
        NormalisedDelivery records = source.normalise(delivery, strictReader.readTree(sampleBody));
        List<BusEvent> events = new ArrayList<>(records.size());
        records.tickets().forEach(t -> events.add(new BusEvent(EventNames.INTAKE_SOURCE, EventNames.TICKET_RECEIVED, toJson(t))));
        records.alerts().forEach(a -> events.add(new BusEvent(EventNames.INTAKE_SOURCE, EventNames.MONITORING_EVENT_RECEIVED, toJson(a))));
        events.forEach(IntakeService::eventSize);
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> publisher.publish(events));
        return records.size();
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
            return demands != null && demands.contains(demandId);
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
