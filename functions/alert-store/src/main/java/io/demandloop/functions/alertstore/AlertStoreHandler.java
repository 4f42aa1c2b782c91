package io.demandloop.functions.alertstore;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.source.aws.AwsEventNormaliser;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda target of three rules: {@code Monitoring Event Received} from the demand bus (the detail is a canonical
 * {@link MonitoringEvent}), and CloudWatch {@code Alarm State Change} and {@code AWS Health Event} from the default
 * bus (normalised by {@link AwsEventNormaliser}). Each monitoring event is stored and its episodes brought in line.
 *
 * <p>Anything else, or a detail that cannot be read, throws, so that EventBridge retries and finally dead-letters
 * the event instead of losing it silently. Answers {@code {"alerts": [{"alert", "service", "outcome", "episode"}]}}.
 */
public final class AlertStoreHandler implements RequestStreamHandler, Resource {

    /** The samples the SnapStart hook primes with (events/AlertStoreFunction's, packaged under priming/). */
    static final List<String> PRIMING_SAMPLES = List.of("/priming/AlertStoreFunction/monitoring-event-received.json",
            "/priming/AlertStoreFunction/cloudwatch-alarm-state-change.json");

    private final AlertStoreService service;
    private final Function<EventEnvelope, List<MonitoringEvent>> awsEvents;
    private final ObjectMapper mapper = Json.mapper();

    /** The composition root, run once at init. */
    public AlertStoreHandler() {
        this(AlertStoreConfig.fromEnvironment(), DemandloopConfig.load());
        Core.getGlobalContext().register(this);
    }

    private AlertStoreHandler(AlertStoreConfig config, DemandloopConfig settings) {
        this(config, settings, DynamoDbClients.lean());
    }

    /** One DynamoDB client (thread-safe) for the alerts and tickets tables. */
    private AlertStoreHandler(AlertStoreConfig config, DemandloopConfig settings, DynamoDbClient dynamo) {
        this(new AlertStoreService(new DynamoDbAlertRepository(dynamo, config.alertsTable()),
                        new DynamoDbTicketRepository(dynamo, config.ticketsTable()), EpisodeRules.from(settings),
                        PipelineMetrics.fromEnvironment()),
                new AwsEventNormaliser(settings)::normalise);
    }

    /**
     * For tests: the service with its ports already built, and what turns an AWS event into monitoring events.
     */
    public AlertStoreHandler(AlertStoreService service, Function<EventEnvelope, List<MonitoringEvent>> awsEvents) {
        this.service = Objects.requireNonNull(service, "service");
        this.awsEvents = Objects.requireNonNull(awsEvents, "awsEvents");
    }

    /** SnapStart: before the snapshot, runs the hot path once on the packaged samples (see {@link #prime}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing captured before the snapshot needs refreshing.
    }

    /**
     * Loads and exercises the hot path on each packaged sample: the envelope, the canonical event's binding or the
     * CloudWatch normaliser, and the alert's conditional write, stopped before signing
     * ({@link io.demandloop.shared.aws.Priming}); a stopped write logs and counts nothing and reconciles no episode.
     *
     * @return the monitoring events the samples gave
     */
    List<MonitoringEvent> prime() throws IOException {
        List<MonitoringEvent> primed = new java.util.ArrayList<>();
        for (String sample : PRIMING_SAMPLES) {
            byte[] event = io.demandloop.shared.aws.Priming.sample(AlertStoreHandler.class, sample);
            for (MonitoringEvent alert : monitoringEvents(mapper.readValue(event, EventEnvelope.class))) {
                io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.store(alert));
                primed.add(alert);
            }
        }
        return primed;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventEnvelope event = mapper.readValue(input, EventEnvelope.class);
        MDC.put("eventId", String.valueOf(event.id()));
        try {
            ObjectNode answer = mapper.createObjectNode();
            ArrayNode stored = answer.putArray("alerts");
            for (MonitoringEvent alert : monitoringEvents(event)) {
                AlertStoreResult result = service.store(alert);
                ObjectNode entry = stored.addObject()
                        .put("alert", result.alert())
                        .put("service", result.service())
                        .put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
                if (result.episode() != null) {
                    entry.put("episode", result.episode().id());
                    entry.put("linkedIncident", result.episode().linkedIncident());
                }
            }
            mapper.writeValue(output, answer);
        } finally {
            MDC.remove("eventId");
        }
    }

    private List<MonitoringEvent> monitoringEvents(EventEnvelope event) throws IOException {
        if (EventNames.INTAKE_SOURCE.equals(event.source()) && EventNames.MONITORING_EVENT_RECEIVED.equals(event.detailType())) {
            if (event.detail() == null || !event.detail().isObject()) {
                throw new IllegalArgumentException("event " + event.id() + " is a '" + event.detailType()
                        + "' event without a detail object");
            }
            return List.of(mapper.treeToValue(event.detail(), MonitoringEvent.class));
        }
        if (AwsEventNormaliser.CLOUDWATCH_SOURCE.equals(event.source()) || AwsEventNormaliser.HEALTH_SOURCE.equals(event.source())) {
            return awsEvents.apply(event);
        }
        throw new IllegalArgumentException("event " + event.id() + " is a '" + event.detailType() + "' event from '"
                + event.source() + "'; this function stores '" + EventNames.MONITORING_EVENT_RECEIVED + "' events from '"
                + EventNames.INTAKE_SOURCE + "', CloudWatch alarm state changes and AWS Health events only");
    }
}
