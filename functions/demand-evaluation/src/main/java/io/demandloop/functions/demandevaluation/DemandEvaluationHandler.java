package io.demandloop.functions.demandevaluation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.demandloop.shared.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbDemandRepository;
import io.demandloop.shared.aws.DynamoDbTicketRepository;
import io.demandloop.shared.aws.EventBridgePublisher;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Lambda entry point of {@code DemandEvaluationFunction} (nightly): works out the as-of instant from the trigger
 * and asks {@link DemandEvaluationService} to evaluate; answers with {@link DemandEvaluationResult}.
 *
 * <p>Triggers: the EventBridge Scheduler payload {@code {"scheduledTime":"2026-11-22T05:00:00Z"}} (also what
 * {@code ./demandloop run demand-evaluation --at <instant>} sends); a scheduled-event envelope, whose {@code time}
 * is used; an empty payload, {@code null} or an object with neither: the clock's now, to the second. Anything
 * else fails with {@link InvalidTriggerException}.
 */
public final class DemandEvaluationHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DemandEvaluationHandler.class);
    private static final ObjectReader READER =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_ECHOED_CHARS = 80;

    private final DemandEvaluationService service;
    private final Clock clock;

    /** Composition root, run once at init: configuration (a mistake fails here, named), AWS adapters. */
    public DemandEvaluationHandler() {
        this(DemandEvaluationConfig.fromEnvironment(), DemandloopConfig.load());
    }

    private DemandEvaluationHandler(DemandEvaluationConfig config, DemandloopConfig demandloop) {
        this(service(config, demandloop), Clock.systemUTC());
    }

    /** For tests: the service and the clock given. */
    public DemandEvaluationHandler(DemandEvaluationService service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static DemandEvaluationService service(DemandEvaluationConfig config, DemandloopConfig demandloop) {
        DemandConfig demand = DemandConfig.from(demandloop);
        ServiceCatalog catalog = ServiceCatalog.from(demandloop);
        DemandFactsReader reader = new DemandFactsReader(DynamoDbTicketRepository.create(config.ticketsTable()),
                DynamoDbAlertRepository.create(config.alertsTable()), catalog, demand);
        return new DemandEvaluationService(reader, new DemandEvaluator(demand, catalog),
                DynamoDbDemandRepository.create(config.demandTable()), EventBridgePublisher.create(config.eventBusName()),
                config.rejectedScoreMargin());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        try {
            Instant asOf = asOf(input.readAllBytes());
            LOG.info("Demand evaluation requested as of {}", asOf);
            output.write(Json.mapper().writeValueAsBytes(service.evaluate(asOf)));
        } finally {
            MDC.remove("awsRequestId");
        }
    }

    /** The as-of instant the payload asks for; see the class comment. */
    Instant asOf(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return now();
        }
        JsonNode trigger;
        try {
            trigger = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidTriggerException("the demand-evaluation input is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (trigger == null || trigger.isNull()) {
            return now();
        }
        if (!trigger.isObject()) {
            throw new InvalidTriggerException("the demand-evaluation input must be a JSON object such as "
                    + "{\"scheduledTime\":\"2026-11-22T05:00:00Z\"}, was a JSON "
                    + trigger.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (trigger.has("scheduledTime")) {
            return instant(trigger, "scheduledTime");
        }
        if (trigger.has("time")) {
            return instant(trigger, "time");
        }
        return now();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant instant(JsonNode trigger, String field) {
        JsonNode value = trigger.get(field);
        if (value.isTextual()) {
            try {
                return Instant.parse(value.textValue().trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        String shown = value.toString();
        if (shown.length() > MAX_ECHOED_CHARS) {
            shown = shown.substring(0, MAX_ECHOED_CHARS) + "...";
        }
        throw new InvalidTriggerException("the demand-evaluation input's " + field
                + " must be an ISO-8601 instant such as \"2026-11-22T05:00:00Z\", was " + shown);
    }
}
