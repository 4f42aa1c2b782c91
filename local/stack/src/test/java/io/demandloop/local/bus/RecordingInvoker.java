package io.demandloop.local.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.demandloop.local.runtime.FunctionInvocationException;
import io.demandloop.local.runtime.FunctionInvoker;

/** A {@link FunctionInvoker} fake that records every invocation and can be told to fail for a function. */
public final class RecordingInvoker implements FunctionInvoker {

    /** One invocation: the function and the payload it was given. */
    public record Invocation(String functionLogicalId, String payload) {
    }

    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Semaphore invoked = new Semaphore(0);
    private volatile byte[] response = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    @Override
    public byte[] invoke(String functionLogicalId, byte[] event) {
        invocations.add(new Invocation(functionLogicalId, new String(event, StandardCharsets.UTF_8)));
        invoked.release();
        AtomicInteger left = failuresLeft.get(functionLogicalId);
        if (left != null && left.getAndDecrement() > 0) {
            throw new FunctionInvocationException(functionLogicalId + " failed on purpose");
        }
        return response;
    }

    /** The next {@code times} invocations of the function throw. */
    public RecordingInvoker failing(String functionLogicalId, int times) {
        failuresLeft.put(functionLogicalId, new AtomicInteger(times));
        return this;
    }

    /** What every invocation returns. */
    public RecordingInvoker responding(String json) {
        this.response = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Every invocation so far, in order. */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** Invocations of one function so far. */
    public List<Invocation> invocationsOf(String functionLogicalId) {
        return invocations.stream().filter(i -> i.functionLogicalId().equals(functionLogicalId)).toList();
    }

    /** Waits for {@code count} invocations in total; for code that has no idle signal of its own. */
    public boolean awaitInvocations(int count, Duration timeout) throws InterruptedException {
        return invoked.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
