package io.demandloop.local.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.runtime.FunctionInvoker;
import io.demandloop.local.template.RuleDef;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.event.ruler.Machine;

/**
 * Matches events against the template's rules (one event-ruler {@link Machine} per bus) and delivers each match to
 * its function asynchronously, as EventBridge invokes Lambda targets: retried with backoff on failure, then written
 * to the dead-letter file. Counts what is in flight so callers can wait for quiet.
 */
final class EventRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

    private final ObjectMapper mapper;
    private final FunctionInvoker invoker;
    private final LocalEventBus.Options options;
    private final Optional<JsonLinesFile> deadLetters;
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Map<String, RuleDef> rulesByName = new LinkedHashMap<>();
    private final ExecutorService deliveries;
    private final ScheduledExecutorService retries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    EventRouter(SamTemplate template, FunctionInvoker invoker, LocalEventBus.Options options,
                Optional<JsonLinesFile> deadLetters, ObjectMapper mapper) {
        this.mapper = mapper;
        this.invoker = invoker;
        this.options = options;
        this.deadLetters = deadLetters;
        template.buses().forEach(bus -> machines.put(bus.name(), Machine.builder().build()));
        for (RuleDef rule : template.rules()) {
            if (!rule.enabled()) {
                LOG.info("Rule {} is disabled; not routing to {}", rule.ruleName(), rule.functionLogicalId());
                continue;
            }
            try {
                machines.get(rule.busName()).addRule(rule.ruleName(), rule.patternJson());
            } catch (Exception e) {
                throw new TemplateException("Function " + rule.functionLogicalId() + ", event " + rule.eventName()
                        + ": Pattern " + rule.patternJson() + " is not a valid event pattern: " + e.getMessage(), e);
            }
            rulesByName.put(rule.ruleName(), rule);
        }
        this.deliveries = Executors.newFixedThreadPool(options.deliveryThreads(), daemon("local-bus-delivery"));
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon("local-bus-retry"));
    }

    /** The enabled rules of a bus that match an envelope, in template order. */
    List<RuleDef> matchingRules(String busName, String envelopeJson) {
        Machine machine = machines.get(busName);
        if (machine == null) {
            throw new IllegalArgumentException("No bus " + busName + " in the template; buses: " + machines.keySet());
        }
        List<String> names;
        try {
            names = machine.rulesForJSONEvent(envelopeJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a JSON event: " + e.getMessage(), e);
        }
        List<RuleDef> matches = new ArrayList<>();
        rulesByName.forEach((name, rule) -> {
            if (names.contains(name)) {
                matches.add(rule);
            }
        });
        return matches;
    }

    /** Starts an asynchronous delivery; it counts as in flight from now until delivered or dead-lettered. */
    void dispatch(RuleDef rule, String eventId, String envelopeJson) {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        Delivery delivery = new Delivery(rule, eventId, envelopeJson, System.nanoTime());
        submit(() -> attempt(delivery, 1), delivery);
    }

    boolean awaitIdle(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private record Delivery(RuleDef rule, String eventId, String envelopeJson, long acceptedNanos) {
    }

    private void attempt(Delivery delivery, int attempt) {
        RuleDef rule = delivery.rule();
        MDC.put("eventId", delivery.eventId());
        try {
            invoker.invoke(rule.functionLogicalId(), delivery.envelopeJson().getBytes(StandardCharsets.UTF_8));
            LOG.debug("Event {} delivered to {} by rule {} (attempt {})",
                    delivery.eventId(), rule.functionLogicalId(), rule.ruleName(), attempt);
            finished();
        } catch (Throwable failure) {
            onFailure(delivery, attempt, failure);
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        } finally {
            MDC.remove("eventId");
        }
    }

    private void onFailure(Delivery delivery, int attempt, Throwable failure) {
        RuleDef rule = delivery.rule();
        int retriesAllowed = Math.min(options.maxRetries(), rule.maximumRetryAttempts().orElse(Integer.MAX_VALUE));
        long ageSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - delivery.acceptedNanos());
        boolean tooOld = rule.maximumEventAgeSeconds().isPresent() && ageSeconds >= rule.maximumEventAgeSeconds().getAsInt();
        if (attempt <= retriesAllowed && !tooOld && !(failure instanceof VirtualMachineError)) {
            long backoff = options.retryBackoff().toMillis() << Math.min(attempt - 1, 10);
            LOG.warn("Event {} to {} by rule {} failed (attempt {}), retrying in {} ms: {}", delivery.eventId(),
                    rule.functionLogicalId(), rule.ruleName(), attempt, backoff, describe(failure));
            try {
                retries.schedule(() -> submit(() -> attempt(delivery, attempt + 1), delivery), backoff, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                deadLetter(delivery, attempt, failure);
            }
            return;
        }
        deadLetter(delivery, attempt, failure);
    }

    private void deadLetter(Delivery delivery, int attempts, Throwable failure) {
        RuleDef rule = delivery.rule();
        LOG.error("Event {} to {} by rule {} failed after {} attempt(s), dead-lettered: {}", delivery.eventId(),
                rule.functionLogicalId(), rule.ruleName(), attempts, describe(failure));
        try {
            if (deadLetters.isPresent()) {
                ObjectNode record = mapper.createObjectNode();
                record.put("rule", rule.ruleName());
                record.put("function", rule.functionLogicalId());
                record.put("error", describe(failure));
                record.put("attempts", attempts);
                record.set("event", mapper.readTree(delivery.envelopeJson()));
                deadLetters.get().append(mapper.writeValueAsString(record));
            }
        } catch (Exception e) {
            LOG.error("Cannot write the dead letter of event {}: {}", delivery.eventId(), e.getMessage(), e);
        } finally {
            finished();
        }
    }

    private void submit(Runnable task, Delivery delivery) {
        try {
            deliveries.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.warn("Bus closed; event {} to {} not delivered", delivery.eventId(), delivery.rule().functionLogicalId());
            finished();
        }
    }

    private void finished() {
        lock.lock();
        try {
            inFlight--;
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        retries.shutdownNow();
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(5, TimeUnit.SECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Retries dropped by the shutdown will never finish; nobody should wait for them.
        lock.lock();
        try {
            inFlight = 0;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
