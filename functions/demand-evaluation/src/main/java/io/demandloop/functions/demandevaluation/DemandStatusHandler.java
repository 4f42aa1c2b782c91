package io.demandloop.functions.demandevaluation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandDecision;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.PromotedInitiatives;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeConfig;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda target of the {@code DemandStatusChanged} rule: a {@code Demand Status Changed} event, detail
 * {@code {"id": "<service>#<pattern>", "status": "rejected", "by": "alice", "why": "…"}}, sets the demand's
 * status as of the event's {@code time} (a redelivery changes nothing). A promotion ({@code "status": "promoted"},
 * optionally {@code "title"}) also stores the demand's initiative ({@link PromotedInitiatives}, versioned by the
 * event's time, so a redelivery stores nothing new). A malformed event, or one naming no stored demand, throws with
 * the problem named, so EventBridge retries and finally dead-letters it.
 */
public final class DemandStatusHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/DemandStatusFunction/demand-promoted.json. */
    static final String PRIMING_SAMPLE = "/priming/DemandStatusFunction/demand-promoted.json";

    private static final Logger LOG = LoggerFactory.getLogger(DemandStatusHandler.class);

    private final DemandStatusService statuses;
    private final InitiativeRepository initiatives;
    private final PromotedInitiatives promoted;

    /** Composition root, run once at init. */
    public DemandStatusHandler() {
        this(DynamoDbClients.lean(), DemandStatusConfig.fromEnvironment(), DemandloopConfig.load());
        org.crac.Core.getGlobalContext().register(this);
    }

    /** One DynamoDB client (thread-safe) for both tables. */
    private DemandStatusHandler(DynamoDbClient dynamo, DemandStatusConfig tables, DemandloopConfig config) {
        this(new DynamoDbDemandRepository(dynamo, tables.demandTable()),
                new DynamoDbInitiativeRepository(dynamo, tables.initiativesTable()),
                promotedInitiatives(config));
    }

    /** For tests: the repositories given; the status is set through a {@link DemandStatusService} on {@code demands}. */
    public DemandStatusHandler(DemandRepository demands, InitiativeRepository initiatives, PromotedInitiatives promoted) {
        this.statuses = new DemandStatusService(Objects.requireNonNull(demands, "demands"));
        this.initiatives = Objects.requireNonNull(initiatives, "initiatives");
        this.promoted = Objects.requireNonNull(promoted, "promoted");
    }

    /** How promotions become initiatives under this configuration: its default change, its catalog's teams. */
    public static PromotedInitiatives promotedInitiatives(DemandloopConfig config) {
        ServiceCatalog catalog = ServiceCatalog.from(config);
        return new PromotedInitiatives(InitiativeConfig.from(config).defaultExpected().targetChange(),
                service -> catalog.teamOf(service).orElse(null));
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
     * Loads and exercises the hot path: the event's binding and validation, and the demand's conditional status update,
     * stopped before signing ({@link io.demandloop.shared.aws.Priming}).
     *
     * @return the change the sample asks for
     */
    DemandStatusChange prime() throws IOException {
        byte[] sample = io.demandloop.shared.aws.Priming.sample(DemandStatusHandler.class, PRIMING_SAMPLE);
        DemandStatusChange change = change(Json.mapper().readValue(sample, EventEnvelope.class));
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> statuses.setStatus(change));
        return change;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventEnvelope event = Json.mapper().readValue(input, EventEnvelope.class);
        MDC.put("eventId", String.valueOf(event.id()));
        try {
            DemandStatusChange change = change(event);
            StoredDemand stored = statuses.setStatus(change).orElseThrow(() -> new InvalidTriggerException(
                    "event " + event.id() + " sets the status of '" + change.id() + "', which is not a stored demand"));
            LOG.info("Demand {} is {} (set by {})", stored.id(), stored.status().wireName(), stored.statusBy());
            Map<String, String> answer = new LinkedHashMap<>(Map.of("id", stored.id(),
                    "status", stored.status().wireName(), "statusAt", stored.statusAt().toString()));
            if (change.status() == DemandStatus.PROMOTED) {
                // Even when a later decision is in force, the promotion happened: its initiative is kept, at its version.
                Initiative initiative = promoted.of(stored, DemandDecision.titleOf(event.detail()), change.at());
                LOG.info("Initiative {} of demand {}: {}", initiative.id(), stored.id(), initiatives.store(initiative));
                answer.put("initiative", initiative.id());
            }
            Json.mapper().writeValue(output, answer);
        } finally {
            MDC.remove("eventId");
        }
    }

    static DemandStatusChange change(EventEnvelope event) {
        if (!EventNames.DEMAND_STATUS_CHANGED.equals(event.detailType()) || event.detail() == null
                || !event.detail().isObject()) {
            throw new InvalidTriggerException("event " + event.id() + " is a '" + event.detailType() + "' event with "
                    + (event.detail() == null ? "no" : "a") + " detail; this function takes '"
                    + EventNames.DEMAND_STATUS_CHANGED + "' events with a detail object {id, status, by, why}");
        }
        if (event.time() == null) {
            throw new InvalidTriggerException("event " + event.id() + " has no time");
        }
        JsonNode detail = event.detail();
        try {
            String id = text(detail, "id");
            if (id != null) {
                DemandId.parse(id);
            }
            return new DemandStatusChange(id, DemandStatus.fromWireName(text(detail, "status")),
                    text(detail, "by"), text(detail, "why"), event.time());
        } catch (IllegalArgumentException e) {
            throw new InvalidTriggerException("event " + event.id() + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode detail, String field) {
        JsonNode value = detail.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
