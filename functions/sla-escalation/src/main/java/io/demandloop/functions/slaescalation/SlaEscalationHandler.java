package io.demandloop.functions.slaescalation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.ScheduleTrigger;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaEventDetail;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaThreshold;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Lambda entry point of {@code SlaEscalationFunction}, on a schedule every few minutes.
 *
 * <p>Payloads:
 * <ul>
 *   <li>{@code {"scheduledTime": "2026-11-20T08:05:00Z"}}: the Scheduler's (and {@code ./demandloop run sla-escalation
 *       --at …}): escalate as of that instant;</li>
 *   <li>empty, {@code null} or {@code {}}: as of the clock's now;</li>
 *   <li>{@code {"replayPolicyVersion": "1"}}: rebuild the SLA state of every ticket tracked under policy version 1
 *       under the configured version (invoke it by hand after changing the policies).</li>
 * </ul>
 * Anything else fails with {@link InvalidTriggerException}, naming what was wrong.
 */
public final class SlaEscalationHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/SlaEscalationFunction/every-five-minutes.json. */
    static final String PRIMING_SAMPLE = "/priming/SlaEscalationFunction/every-five-minutes.json";

    /** The job's name in its metrics (JobSucceeded, JobDuration), as template.yaml's alarm names it. */
    public static final String JOB = "sla-escalation";

    private PipelineMetrics metrics = PipelineMetrics.none();

    private static final ScheduleTrigger TRIGGER =
            new ScheduleTrigger("sla-escalation", "2026-11-20T08:05:00Z", InvalidTriggerException::new);

    private final SlaEscalationService service;
    private final Clock clock;

    /** Composition root, run once at init. */
    public SlaEscalationHandler() {
        this(DynamoDbSlaRepository.create(SlaFunctionConfig.slaTable()),
                EventBridgePublisher.create(SlaFunctionConfig.eventBusName()),
                SlaPolicies.from(DemandloopConfig.load()), Clock.systemUTC());
        this.metrics = PipelineMetrics.fromEnvironment();
        org.crac.Core.getGlobalContext().register(this);
    }

    /** For tests: the ports, the policies and the clock. */
    public SlaEscalationHandler(SlaRepository repository, EventPublisher events, SlaPolicies policies, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = new SlaEscalationService(repository, events, new SlaEvaluator(policies), clock);
    }

    /** The metrics each run is counted in; the composition root's are embedded metric format. */
    public SlaEscalationHandler withMetrics(PipelineMetrics metrics) {
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
     * Loads and exercises the hot path: the schedule payload's parsing and the run as of its scheduledTime (never the
     * clock), up to its first request (the due Query), stopped before signing ({@link io.demandloop.shared.aws.Priming}).
     * No run is counted: the handler's metrics are not touched.
     *
     * @return the instant the sample asks for
     */
    Instant prime() throws IOException {
        Instant asOf = asOf(parse(io.demandloop.shared.aws.Priming.sample(SlaEscalationHandler.class, PRIMING_SAMPLE)));
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> service.run(asOf, "priming"));
        return asOf;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String runId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        MDC.put("awsRequestId", runId);
        try {
            JsonNode trigger = parse(input.readAllBytes());
            Map<String, Object> answer = new LinkedHashMap<>();
            if (trigger != null && trigger.has("replayPolicyVersion")) {
                JsonNode from = trigger.get("replayPolicyVersion");
                if (!from.isTextual() || from.textValue().isBlank()) {
                    throw new InvalidTriggerException("replayPolicyVersion must be a policy version such as \"1\", was " + echo(from));
                }
                answer.put("replayedFrom", from.textValue());
                answer.put("tickets", service.replay(from.textValue()));
            } else {
                long start = System.nanoTime();
                boolean succeeded = false;
                SlaEscalationService.EscalationRun run;
                try {
                    run = service.run(asOf(trigger), runId);
                    succeeded = true;
                } finally {
                    metrics.jobRun(JOB, java.time.Duration.ofNanos(System.nanoTime() - start), succeeded);
                }
                long breached = run.published().stream().filter(e -> e.threshold() == SlaThreshold.BREACH).count();
                metrics.slaEvents(EventNames.SLA_BREACHED, (int) breached);
                metrics.slaEvents(EventNames.SLA_AT_RISK, run.published().size() - (int) breached);
                answer.put("asOf", run.asOf().toString());
                answer.put("dueTickets", run.dueTickets());
                answer.put("published", run.published().stream().map(SlaEventDetail::id).toList());
                answer.put("skipped", run.skipped());
            }
            output.write(Json.mapper().writeValueAsBytes(answer));
        } finally {
            MDC.remove("awsRequestId");
        }
    }

    private static JsonNode parse(byte[] payload) {
        return TRIGGER.read(payload);
    }

    /** The instant a trigger asks for: its scheduledTime, else a classic scheduled event's time, else now. */
    Instant asOf(JsonNode trigger) {
        return TRIGGER.asOf(trigger, clock);
    }

    private static String echo(JsonNode value) {
        return ScheduleTrigger.echo(value);
    }
}
