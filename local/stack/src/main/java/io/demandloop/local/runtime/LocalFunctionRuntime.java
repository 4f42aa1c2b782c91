package io.demandloop.local.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the template's functions in this JVM, each as Lambda would run it: its own deployment jar in its
 * own class loader (so its dependencies never meet the launcher's or another function's), its template
 * environment, its handler built once per sandbox by the no-arg constructor (cold start), then reused for
 * each invocation (warm), one invocation per sandbox at a time, bounded by the function's timeout.
 *
 * <p>Only stream handlers ({@code handleRequest(InputStream, OutputStream, Context)}) are hosted: every
 * function of this project is one, so the bytes a function reads are exactly the bytes Lambda would send.
 */
public final class LocalFunctionRuntime implements FunctionInvoker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunctionRuntime.class);
    private static final String ENVIRONMENT_SEAM = "io.demandloop.shared.config.FunctionEnvironment";

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-lambda");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;

    /**
     * @param functions      the functions to host; each jar must exist
     * @param maxConcurrency how many invocations of one function may run at once (its sandboxes)
     */
    public LocalFunctionRuntime(List<HostedFunction> functions, int maxConcurrency, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (HostedFunction function : functions) {
            if (!Files.isRegularFile(function.codeUri())) {
                throw new FunctionInvocationException("the code of " + function.logicalId() + " is missing: "
                        + function.codeUri() + " (build it with `mvn -q package -DskipTests`)");
            }
            hosts.put(function.logicalId(), new Host(function, maxConcurrency));
        }
    }

    /** The logical ids of the hosted functions. */
    public List<String> functionIds() {
        return List.copyOf(hosts.keySet());
    }

    @Override
    public byte[] invoke(String functionLogicalId, byte[] event) {
        Host host = hosts.get(functionLogicalId);
        if (host == null) {
            throw new FunctionInvocationException("no function " + functionLogicalId + " in the template; known: " + hosts.keySet());
        }
        return host.invoke(event);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        hosts.values().forEach(Host::close);
    }

    /** One function: its class loader, its idle sandboxes (handler instances) and its concurrency bound. */
    private final class Host {
        private final HostedFunction function;
        private final Semaphore sandboxes;
        private final ConcurrentLinkedQueue<Sandbox> idle = new ConcurrentLinkedQueue<>();
        private FunctionClassLoader loader;
        private Method method;

        Host(HostedFunction function, int maxConcurrency) {
            this.function = function;
            this.sandboxes = new Semaphore(maxConcurrency, true);
        }

        byte[] invoke(byte[] event) {
            try {
                sandboxes.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FunctionInvocationException("interrupted waiting for " + function.logicalId());
            }
            try {
                Sandbox sandbox = idle.poll();
                if (sandbox == null) {
                    sandbox = coldStart();
                }
                byte[] response = run(sandbox, event);
                idle.add(sandbox);
                return response;
            } catch (FunctionInvocationException | LinkageError e) {
                if (brokenClass(e)) {
                    // A class whose initialisation failed (an interrupt at a timeout, say) stays broken in its class
                    // loader for good; Lambda would discard such a sandbox, so the next invocation starts afresh.
                    discardLoader();
                }
                throw e;
            } finally {
                sandboxes.release();
            }
        }

        private boolean brokenClass(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof LinkageError) {
                    return true;
                }
            }
            return false;
        }

        private synchronized void discardLoader() {
            if (loader != null) {
                LOG.warn("{}: a class failed to initialise; the next invocation loads the function afresh", function.logicalId());
                idle.clear();
                loader = null;
                method = null;
            }
        }

        private synchronized void load() {
            if (loader != null) {
                return;
            }
            try {
                loader = new FunctionClassLoader(function.logicalId(), function.codeUri().toUri().toURL(),
                        LocalFunctionRuntime.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new FunctionInvocationException("bad code path for " + function.logicalId(), e);
            }
            withContextLoader(() -> {
                try {
                    Class<?> seam = Class.forName(ENVIRONMENT_SEAM, true, loader);
                    seam.getMethod("install", Map.class).invoke(null, function.environment());
                } catch (ClassNotFoundException e) {
                    LOG.warn("{} does not carry {}; it sees the launcher's environment", function.logicalId(), ENVIRONMENT_SEAM);
                }
                Class<?> handlerClass = Class.forName(function.handlerClass(), true, loader);
                method = handlerClass.getMethod(function.handlerMethod(), InputStream.class, OutputStream.class,
                        com.amazonaws.services.lambda.runtime.Context.class);
                return null;
            });
        }

        private Sandbox coldStart() {
            Method handlerMethod;
            FunctionClassLoader handlerLoader;
            synchronized (this) {
                load();
                handlerMethod = method;
                handlerLoader = loader;
            }
            long started = System.nanoTime();
            Object handler = withContextLoader(handlerLoader,
                    () -> handlerMethod.getDeclaringClass().getConstructor().newInstance());
            LOG.info("{} cold start: handler built in {} ms", function.logicalId(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new Sandbox(handler, handlerMethod, handlerLoader);
        }

        private byte[] run(Sandbox sandbox, byte[] event) {
            String requestId = UUID.randomUUID().toString();
            Future<byte[]> result = executor.submit(() -> withContextLoader(sandbox.loader(), () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                sandbox.method().invoke(sandbox.handler(), new ByteArrayInputStream(event), out,
                        new LocalContext(function, requestId, clock));
                return out.toByteArray();
            }));
            try {
                return result.get(function.timeoutSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                throw new FunctionInvocationException(function.logicalId() + " timed out after "
                        + function.timeoutSeconds() + " s (request " + requestId + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FunctionInvocationException("interrupted invoking " + function.logicalId());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof FunctionInvocationException fie && fie.getCause() != null
                        ? fie.getCause() : e.getCause();
                throw new FunctionInvocationException(function.logicalId() + " failed (request " + requestId + "): "
                        + cause.getClass().getName() + ": " + cause.getMessage(), cause);
            }
        }

        private <T> T withContextLoader(ThrowingSupplier<T> work) {
            return withContextLoader(loader, work);
        }

        private <T> T withContextLoader(ClassLoader contextLoader, ThrowingSupplier<T> work) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(contextLoader);
            try {
                return work.get();
            } catch (InvocationTargetException e) {
                throw new FunctionInvocationException(function.logicalId() + ": " + e.getCause().getMessage(), e.getCause());
            } catch (FunctionInvocationException e) {
                throw e;
            } catch (Exception e) {
                throw new FunctionInvocationException(function.logicalId() + " could not be loaded: " + e, e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        void close() {
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    LOG.debug("closing the class loader of {}: {}", function.logicalId(), e.getMessage());
                }
            }
        }
    }

    /** One sandbox: a handler instance with the method and class loader it was built from. */
    private record Sandbox(Object handler, Method method, ClassLoader loader) {
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
