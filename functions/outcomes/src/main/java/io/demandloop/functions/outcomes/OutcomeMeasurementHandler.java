package io.demandloop.functions.outcomes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.ScheduleTrigger;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
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
 * Lambda entry point of {@code OutcomeMeasurementFunction} (nightly, after the demand evaluation): works out the as-of
 * instant from the trigger ({@link ScheduleTrigger}: the Scheduler payload {@code {"scheduledTime": …}}, also what
 * {@code ./demandloop run outcome-measurement --at <instant>} sends) and asks {@link OutcomeMeasurementService} to
 * measure; answers with {@link OutcomeMeasurementResult}.
 */
public final class OutcomeMeasurementHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/OutcomeMeasurementFunction/nightly-schedule.json. */
    static final String PRIMING_SAMPLE = "/priming/OutcomeMeasurementFunction/nightly-schedule.json";

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeMeasurementHandler.class);
    private static final ScheduleTrigger TRIGGER =
            new ScheduleTrigger("outcome-measurement", "2026-11-22T05:15:00Z", MeasurementTriggerException::new);

    /** The job's name in its metrics (JobSucceeded, JobDuration), as template.yaml's alarm names it. */
    public static final String JOB = "outcome-measurement";

    private final OutcomeMeasurementService service;
    private final Clock clock;
    private PipelineMetrics metrics = PipelineMetrics.none();

    /** Composition root, run once at init: configuration (a mistake fails here, named), AWS adapters. */
    public OutcomeMeasurementHandler() {
        this(service(OutcomeMeasurementConfig.fromEnvironment(), DemandloopConfig.load()), Clock.systemUTC());
        this.metrics = PipelineMetrics.fromEnvironment();
        org.crac.Core.getGlobalContext().register(this);
    }

    /** The metrics each run is counted in; the composition root's are embedded metric format. */
    public OutcomeMeasurementHandler withMetrics(PipelineMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** For tests: the service and the clock given. */
    public OutcomeMeasurementHandler(OutcomeMeasurementService service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static OutcomeMeasurementService service(OutcomeMeasurementConfig config, DemandloopConfig demandloop) {
        // One DynamoDB client (thread-safe) for the six tables, instead of one client built per repository at init.
        DynamoDbClient dynamo = DynamoDbClients.lean();
        OutcomeFactsReader reader = new OutcomeFactsReader(new DynamoDbTicketRepository(dynamo, config.ticketsTable()),
                new DynamoDbAlertRepository(dynamo, config.alertsTable()), new DynamoDbSlaRepository(dynamo, config.slaTable()),
                new DynamoDbDemandRepository(dynamo, config.demandTable()), ServiceCatalog.from(demandloop),
                DemandConfig.from(demandloop));
        return new OutcomeMeasurementService(reader, new DynamoDbInitiativeRepository(dynamo, config.initiativesTable()),
                new DynamoDbOutcomeRepository(dynamo, config.outcomesTable()), EventBridgePublisher.create(config.eventBusName()),
                OutcomeWindows.DEFAULT);
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
     * Loads and exercises the hot path: the schedule payload and the measurement as of its scheduledTime (never the
     * clock), up to its first Query, stopped before signing ({@link io.demandloop.shared.aws.Priming}).
     *
     * @return the instant the sample asks for
     */
    Instant prime() throws IOException {
        byte[] sample = io.demandloop.shared.aws.Priming.sample(OutcomeMeasurementHandler.class, PRIMING_SAMPLE);
        Instant asOf = TRIGGER.asOf(sample, clock);
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.measure(asOf));
        return asOf;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        try {
            Instant asOf = TRIGGER.asOf(input.readAllBytes(), clock);
            LOG.info("Outcome measurement requested as of {}", asOf);
            long start = System.nanoTime();
            boolean succeeded = false;
            OutcomeMeasurementResult result;
            try {
                result = service.measure(asOf);
                succeeded = true;
            } finally {
                metrics.jobRun(JOB, java.time.Duration.ofNanos(System.nanoTime() - start), succeeded);
            }
            result.publishedVerdicts().forEach(metrics::outcomeMeasured);
            output.write(Json.mapper().writeValueAsBytes(result));
        } finally {
            MDC.remove("awsRequestId");
        }
    }
}
