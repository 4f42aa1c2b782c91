package io.demandloop.functions.demandevaluation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.ScheduleTrigger;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of {@code DemandEvaluationFunction} (nightly): works out the as-of instant from the trigger
 * and asks {@link DemandEvaluationService} to evaluate; answers with {@link DemandEvaluationResult}.
 *
 * <p>Triggers: the EventBridge Scheduler payload {@code {"scheduledTime":"2026-11-22T05:00:00Z"}} (also what
 * {@code ./demandloop run demand-evaluation --at <instant>} sends); a scheduled-event envelope, whose {@code time}
 * is used; an empty payload, {@code null} or an object with neither: the clock's now, to the second. Anything
 * else fails with {@link InvalidTriggerException}.
 */
public final class DemandEvaluationHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/DemandEvaluationFunction/nightly-schedule.json. */
    static final String PRIMING_SAMPLE = "/priming/DemandEvaluationFunction/nightly-schedule.json";

    /** The job's name in its metrics (JobSucceeded, JobDuration), as template.yaml's alarm names it. */
    public static final String JOB = "demand-evaluation";

    private PipelineMetrics metrics = PipelineMetrics.none();

    private static final Logger LOG = LoggerFactory.getLogger(DemandEvaluationHandler.class);
    private static final ScheduleTrigger TRIGGER =
            new ScheduleTrigger("demand-evaluation", "2026-11-22T05:00:00Z", InvalidTriggerException::new);

    private final DemandEvaluationService service;
    private final Clock clock;

    /** Composition root, run once at init: configuration (a mistake fails here, named), AWS adapters. */
    public DemandEvaluationHandler() {
        this(DemandEvaluationConfig.fromEnvironment(), DemandloopConfig.load());
        this.metrics = PipelineMetrics.fromEnvironment();
        org.crac.Core.getGlobalContext().register(this);
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
        // One DynamoDB client (thread-safe) for the four tables, instead of one client built per repository at init.
        DynamoDbClient dynamo = DynamoDbClients.lean();
        DemandFactsReader reader = new DemandFactsReader(new DynamoDbTicketRepository(dynamo, config.ticketsTable()),
                new DynamoDbAlertRepository(dynamo, config.alertsTable()), new DynamoDbSlaRepository(dynamo, config.slaTable()),
                catalog, demand);
        return new DemandEvaluationService(reader, new DemandEvaluator(demand, catalog),
                new DynamoDbDemandRepository(dynamo, config.demandTable()), EventBridgePublisher.create(config.eventBusName()),
                config.rejectedScoreMargin());
    }

    /** The metrics each run is counted in; the composition root's are embedded metric format. */
    public DemandEvaluationHandler withMetrics(PipelineMetrics metrics) {
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
        return this;
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
     * Loads and exercises the hot path: the schedule payload and the evaluation as of its scheduledTime (never the
     * clock), up to the facts reader's first Query, stopped before signing ({@link io.demandloop.shared.aws.Priming}).
     *
     * @return the instant the sample asks for
     */
    Instant prime() throws IOException {
        Instant asOf = asOf(io.demandloop.shared.aws.Priming.sample(DemandEvaluationHandler.class, PRIMING_SAMPLE));
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.evaluate(asOf));
        return asOf;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        try {
            Instant asOf = asOf(input.readAllBytes());
            LOG.info("Demand evaluation requested as of {}", asOf);
            long start = System.nanoTime();
            boolean succeeded = false;
            DemandEvaluationResult result;
            try {
                result = service.evaluate(asOf);
                succeeded = true;
            } finally {
                metrics.jobRun(JOB, java.time.Duration.ofNanos(System.nanoTime() - start), succeeded);
            }
            result.escalatedTiers().forEach(metrics::demandRaised);
            output.write(Json.mapper().writeValueAsBytes(result));
        } finally {
            MDC.remove("awsRequestId");
        }
    }

    /** The as-of instant the payload asks for; see {@link ScheduleTrigger}. */
    Instant asOf(byte[] payload) {
        return TRIGGER.asOf(payload, clock);
    }
}
