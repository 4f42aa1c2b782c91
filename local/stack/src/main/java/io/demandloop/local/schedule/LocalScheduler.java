package io.demandloop.local.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.demandloop.local.runtime.FunctionInvoker;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.ScheduleDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the template's schedules: on demand ({@link #fire}, what the CLI's job commands use) or on their expressions
 * in serve mode ({@link #start}). Invocations go through the {@link FunctionInvoker}, synchronously, one at a time.
 */
public final class LocalScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);

    private final SamTemplate template;
    private final FunctionInvoker invoker;
    private ScheduledExecutorService executor;
    private Clock clock;

    /**
     * @param template the template whose schedules are run
     * @param invoker  how functions are invoked
     */
    public LocalScheduler(SamTemplate template, FunctionInvoker invoker) {
        this.template = template;
        this.invoker = invoker;
    }

    /**
     * Invokes a scheduled function now, synchronously, with the payload its schedule would deliver at {@code asIf}.
     * Disabled schedules fire too: asking for a job by name is deliberate.
     *
     * @param jobName the job name, e.g. {@code portfolio-report} (see {@link SamTemplate#jobName})
     * @param asIf    the scheduled time the payload carries
     * @return the function's response
     * @throws IllegalArgumentException when no scheduled function has that job name
     * @throws io.demandloop.local.runtime.FunctionInvocationException when the function fails
     */
    public byte[] fire(String jobName, Instant asIf) {
        ScheduleDef schedule = scheduleForJob(jobName).orElseThrow(() -> new IllegalArgumentException(
                "No scheduled function has the job name " + jobName + "; known jobs: " + template.jobNames()));
        return invoke(schedule, asIf);
    }

    /** @return the first schedule of the function with that job name, preferring an enabled one */
    public Optional<ScheduleDef> scheduleForJob(String jobName) {
        List<ScheduleDef> candidates = template.schedules().stream()
                .filter(s -> template.jobName(s.functionLogicalId()).equals(jobName))
                .toList();
        return candidates.stream().filter(ScheduleDef::enabled).findFirst().or(() -> candidates.stream().findFirst());
    }

    /**
     * Serve mode: fires every enabled schedule on its expression from now on, on one thread, computing the next time
     * after each run. Rate schedules first fire one period after start, so starting the stack does not fire every
     * job at once.
     *
     * @param clock the time schedules are computed from
     * @throws IllegalStateException when already started
     * @throws IllegalArgumentException when an expression is not valid
     */
    public synchronized void start(Clock clock) {
        if (executor != null) {
            throw new IllegalStateException("The scheduler is already started");
        }
        List<Runnable> firsts = new ArrayList<>();
        for (ScheduleDef schedule : template.schedules()) {
            if (!schedule.enabled()) {
                LOG.info("Schedule {} of {} is disabled; not scheduling it", schedule.eventName(), schedule.functionLogicalId());
                continue;
            }
            ScheduleExpression expression = parse(schedule);
            firsts.add(() -> scheduleNext(schedule, expression, clock.instant()));
        }
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        firsts.forEach(Runnable::run);
    }

    private static ScheduleExpression parse(ScheduleDef schedule) {
        try {
            return ScheduleExpression.parse(schedule.expression());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Function " + schedule.functionLogicalId() + ", event "
                    + schedule.eventName() + ": " + e.getMessage(), e);
        }
    }

    private synchronized void scheduleNext(ScheduleDef schedule, ScheduleExpression expression, Instant after) {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        Instant now = clock.instant();
        Optional<ZonedDateTime> next = expression.nextAfter(after.atZone(schedule.timezone()));
        // Times missed while a function was busy are skipped, not caught up: Scheduler does not queue them either.
        while (next.isPresent() && next.get().toInstant().isBefore(now)) {
            next = expression.nextAfter(next.get());
        }
        if (next.isEmpty()) {
            LOG.info("Schedule {} of {} ({}) will not fire again", schedule.eventName(), schedule.functionLogicalId(),
                    expression.expression());
            return;
        }
        Instant due = next.get().toInstant();
        long delayMillis = Math.max(0, Duration.between(now, due).toMillis());
        LOG.info("Schedule {} of {} ({}) next fires at {}", schedule.eventName(), schedule.functionLogicalId(),
                expression.expression(), next.get());
        executor.schedule(() -> run(schedule, expression, due), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void run(ScheduleDef schedule, ScheduleExpression expression, Instant due) {
        LOG.info("Firing schedule {} of {} for {}", schedule.eventName(), schedule.functionLogicalId(), due);
        try {
            invoke(schedule, due);
        } catch (RuntimeException e) {
            LOG.error("Schedule {} of {} for {} failed: {}", schedule.eventName(), schedule.functionLogicalId(), due,
                    e.getMessage(), e);
        }
        scheduleNext(schedule, expression, due);
    }

    private byte[] invoke(ScheduleDef schedule, Instant scheduledTime) {
        String payload = ScheduledInvocation.payload(schedule, scheduledTime, UUID.randomUUID().toString());
        return invoker.invoke(schedule.functionLogicalId(), payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops serve mode; a running invocation is interrupted. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
