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
 * to the dead-letter file. Each finished delivery (delivered or dead-lettered) is recorded durably in the delivery
 * journal, so that a start after a crash delivers only what was not finished. Counts what is in flight so callers
 * can wait for quiet; a stop drains it first, within a bound, and leaves what it could not finish to the next start.
 */
final class EventRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

    private final ObjectMapper mapper;
    private final FunctionInvoker invoker;
    private final LocalEventBus.Options options;
    private final Optional<JsonLinesFile> deadLetters;
    private final Optional<JsonLinesFile> journal;
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Map<String, RuleDef> rulesByName = new LinkedHashMap<>();
    private final ExecutorService deliveries;
    private final ScheduledExecutorService retries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    /** Set when the bus stops: a failure then is not retried nor dead-lettered, but left for the next start. */
    private volatile boolean closing;
    /** Deliveries a stop left unfinished (they stay unfinished in the journal, and are delivered at the next start). */
    private final AtomicInteger abandoned = new AtomicInteger();

    EventRouter(SamTemplate template, FunctionInvoker invoker, LocalEventBus.Options options,
                Optional<JsonLinesFile> deadLetters, Optional<JsonLinesFile> journal, ObjectMapper mapper) {
        this.mapper = mapper;
        this.invoker = invoker;
        this.options = options;
        this.deadLetters = deadLetters;
        this.journal = journal;
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

    /** The enabled rule of that name, if the template has it. */
    Optional<RuleDef> rule(String ruleName) {
        return Optional.ofNullable(rulesByName.get(ruleName));
    }

    /** The journal key of one delivery: an event to one rule's target. */
    static String deliveryKey(String eventId, String ruleName) {
        return eventId + " " + ruleName;
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
            record(delivery, "delivered");
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
        if (closing) {
            // Interrupted by the stop, most likely: not the target's fault. The journal does not mark it finished,
            // so the next start delivers it again.
            abandon(delivery, failure);
            return;
        }
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
                abandon(delivery, failure);
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
                deadLetters.get().appendDurably(JsonLinesFile.line(mapper, record));
            }
            // Only once the dead letter is on disk is the delivery finished; a crash before leaves it to the next start.
            record(delivery, "dead-lettered");
        } catch (Exception e) {
            LOG.error("Cannot write the dead letter of event {}: {}", delivery.eventId(), e.getMessage(), e);
        } finally {
            finished();
        }
    }

    /**
     * Marks a delivery finished in the journal. Not forced to disk: a finished mark that a power loss takes away only
     * means that the next start delivers the event again, which the stores' conditional writes make harmless (at least
     * once, as on AWS); forcing each mark cost one disk sync per delivery. A stop forces the journal (and writes the
     * checkpoint); a process crash loses nothing the operating system was handed. A failure to write it likewise only
     * means a redelivery at the next start.
     */
    private void record(Delivery delivery, String outcome) {
        if (journal.isEmpty()) {
            return;
        }
        try {
            ObjectNode entry = mapper.createObjectNode();
            entry.put("id", delivery.eventId());
            entry.put("rule", delivery.rule().ruleName());
            entry.put("outcome", outcome);
            journal.get().append(JsonLinesFile.line(mapper, entry));
        } catch (Exception e) {
            LOG.warn("Cannot journal delivery of event {} by rule {} ({}); it is delivered again at the next start: {}",
                    delivery.eventId(), delivery.rule().ruleName(), outcome, e.getMessage());
        }
    }

    private void abandon(Delivery delivery, Throwable failure) {
        abandoned.incrementAndGet();
        LOG.warn("Bus stopping; event {} to {} left for the next start: {}", delivery.eventId(),
                delivery.rule().functionLogicalId(), failure == null ? "not started" : describe(failure));
        finished();
    }

    private void submit(Runnable task, Delivery delivery) {
        try {
            deliveries.execute(task);
        } catch (RejectedExecutionException closed) {
            abandon(delivery, null);
        }
    }

    /** How many deliveries the stop left unfinished. */
    int abandoned() {
        return abandoned.get();
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

    /**
     * Stops delivering: what is in flight gets {@code grace} to finish (retries included), then the rest is
     * interrupted and left unfinished in the journal, for the next start.
     *
     * @return whether everything finished within the grace
     */
    boolean stop(Duration grace) {
        boolean drained = awaitIdle(grace);
        closing = true;
        List<Runnable> dropped = retries.shutdownNow();
        lock.lock();
        try {
            // Scheduled retries that will never run are left for the next start.
            inFlight -= dropped.size();
            abandoned.addAndGet(dropped.size());
        } finally {
            lock.unlock();
        }
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(drained ? 5 : 1, TimeUnit.SECONDS)) {
                deliveries.shutdownNow();
                deliveries.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (inFlight > 0) {
                abandoned.addAndGet(inFlight);
            }
            inFlight = 0;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
        return drained && abandoned.get() == 0;
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
