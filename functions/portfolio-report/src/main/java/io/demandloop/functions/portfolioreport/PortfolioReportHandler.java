package io.demandloop.functions.portfolioreport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.ScheduleTrigger;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.quality.aws.DynamoDbRefusalLog;
import io.demandloop.shared.report.ReportStore;
import io.demandloop.shared.report.aws.S3ReportStore;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.TicketRepository;
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
 * Lambda entry point of {@code PortfolioReportFunction}: works out the as-of instant from the trigger, asks
 * {@link PortfolioReportService} for the report and answers {@code {"asOf":…,"keys":[…]}}.
 *
 * <p>Triggers, in order of precedence:
 * <ul>
 *   <li>the EventBridge Scheduler payload of {@code template.yaml}, {@code {"scheduledTime":"2026-11-22T05:30:00Z"}}
 *       (also what {@code ./demandloop run portfolio-report --at <instant>} sends);</li>
 *   <li>a classic scheduled-event envelope, whose {@code time} is used;</li>
 *   <li>an empty payload, {@code null} or an object with neither field: the clock's now, to the second.</li>
 * </ul>
 * Anything else fails with {@link InvalidTriggerException}: a scheduled function has no status code to
 * answer with, so the error (and the scheduler's retries and dead-letter queue) is the signal.
 */
public final class PortfolioReportHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/PortfolioReportFunction/nightly-schedule.json. */
    static final String PRIMING_SAMPLE = "/priming/PortfolioReportFunction/nightly-schedule.json";

    /** The job's name in its metrics (JobSucceeded, JobDuration), as template.yaml's alarm names it. */
    public static final String JOB = "portfolio-report";

    private PipelineMetrics metrics = PipelineMetrics.none();

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioReportHandler.class);
    private static final ScheduleTrigger TRIGGER =
            new ScheduleTrigger("portfolio-report", "2026-11-22T05:30:00Z", InvalidTriggerException::new);

    private final PortfolioReportService service;
    private final Clock clock;

    /** Composition root, run once at init: configuration from the template's environment, AWS adapters. */
    public PortfolioReportHandler() {
        this(PortfolioReportConfig.fromEnvironment());
        this.metrics = PipelineMetrics.fromEnvironment();
        org.crac.Core.getGlobalContext().register(this);
    }

    private PortfolioReportHandler(PortfolioReportConfig config) {
        this(service(config, DemandloopConfig.load()), Clock.systemUTC());
    }

    private static PortfolioReportService service(PortfolioReportConfig config, DemandloopConfig settings) {
        // One DynamoDB client for the seven tables: each repository's create() would build (and prime) its own.
        DynamoDbClient dynamo = DynamoDbClients.lean();
        return PortfolioReportService.builder(new DynamoDbTicketRepository(dynamo, config.ticketsTable()),
                        S3ReportStore.create(config.reportsBucket()), EventBridgePublisher.create(config.eventBusName()))
                .windowDays(config.reportWindowDays())
                .sla(new DynamoDbSlaRepository(dynamo, config.slaTable()), SlaPolicies.from(settings).version())
                .demands(new DynamoDbDemandRepository(dynamo, config.demandTable()), config.flagShare())
                .outcomes(new DynamoDbOutcomeRepository(dynamo, config.outcomesTable()))
                .initiatives(new DynamoDbInitiativeRepository(dynamo, config.initiativesTable()))
                .alerts(new DynamoDbAlertRepository(dynamo, config.alertsTable()))
                .refusals(new DynamoDbRefusalLog(dynamo, config.demandTable()))
                .deadLetters(io.demandloop.shared.report.aws.SqsDeadLetterQueues.create(config.deadLetterQueueUrls()))
                .catalog(ServiceCatalog.from(settings))
                .links(io.demandloop.shared.report.aws.S3ReportLinker.create(config.reportsBucket()), config.linkExpiry(),
                        Clock.systemUTC())
                .build();
    }

    /** For tests: the ports, the clock and the configuration given; no SLA compliance. */
    public PortfolioReportHandler(TicketRepository tickets, ReportStore reports, EventPublisher events, Clock clock,
                                  PortfolioReportConfig config) {
        this(PortfolioReportService.builder(tickets, reports, events).windowDays(config.reportWindowDays()).build(),
                clock);
    }

    /** For tests: the service and the clock given. */
    public PortfolioReportHandler(PortfolioReportService service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The metrics each run is counted in; the composition root's are embedded metric format. */
    public PortfolioReportHandler withMetrics(PipelineMetrics metrics) {
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
     * Loads and exercises the hot path: the schedule payload and the report as of its scheduledTime (never the clock),
     * up to its first Query, stopped before signing ({@link io.demandloop.shared.aws.Priming}); nothing is rendered,
     * stored or published, and no run is counted.
     *
     * @return the instant the sample asks for
     */
    Instant prime() throws IOException {
        Instant asOf = asOf(io.demandloop.shared.aws.Priming.sample(PortfolioReportHandler.class, PRIMING_SAMPLE));
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.publish(asOf));
        return asOf;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        try {
            Instant asOf = asOf(input.readAllBytes());
            LOG.info("Portfolio report requested as of {}", asOf);
            long start = System.nanoTime();
            boolean succeeded = false;
            PublishedReport published;
            try {
                published = service.publish(asOf);
                succeeded = true;
            } finally {
                metrics.jobRun(JOB, java.time.Duration.ofNanos(System.nanoTime() - start), succeeded);
            }
            output.write(Json.mapper().writeValueAsBytes(published));
        } finally {
            MDC.remove("awsRequestId");
        }
    }

    /** The as-of instant the payload asks for; see {@link ScheduleTrigger}. */
    Instant asOf(byte[] payload) {
        return TRIGGER.asOf(payload, clock);
    }
}
