package io.demandloop.local.servers;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs DynamoDB Local like its own {@code ServerRunner.main}, but listening on 127.0.0.1 only.
 *
 * <p>DynamoDB Local 2.x has no option for the listen address: its Jetty connector binds every interface, which
 * would expose an unauthenticated database to the network. This launcher builds the server through the public
 * {@code ServerRunner.createServerFromCommandLineArgs(String[])}, sets the host of the Jetty connectors in the
 * server's {@code server} field to the loopback address, and only then starts it. If DynamoDB Local's internals
 * ever change shape it fails rather than falling back to binding every interface.
 *
 * <p>Telemetry is not configured here on purpose; pass {@code -disableTelemetry} as well.
 *
 * <p>Runs on the DynamoDB Local classpath (via {@link ChildProcessMain}), so it uses reflection and the JDK only.
 */
public final class DynamoDbLocalLoopbackMain {

    static final String LOOPBACK_HOST = "127.0.0.1";
    private static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

    private DynamoDbLocalLoopbackMain() {
    }

    /**
     * Creates, binds to loopback and starts DynamoDB Local.
     *
     * @param args DynamoDB Local's own command-line arguments ({@code -port}, {@code -inMemory}, {@code -dbPath},
     *             {@code -sharedDb}, {@code -disableTelemetry})
     * @throws Exception when DynamoDB Local cannot be created, bound to loopback or started
     */
    public static void main(String[] args) throws Exception {
        Class<?> runner = Class.forName(SERVER_RUNNER);
        Object proxyServer = invoke(runner.getMethod("createServerFromCommandLineArgs", String[].class), null,
                (Object) args);

        Field jettyField = proxyServer.getClass().getDeclaredField("server");
        jettyField.setAccessible(true);
        Object jetty = jettyField.get(proxyServer);
        Object[] connectors = (Object[]) invoke(jetty.getClass().getMethod("getConnectors"), jetty);
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no Jetty connector to bind to " + LOOPBACK_HOST);
        }
        for (Object connector : connectors) {
            invoke(connector.getClass().getMethod("setHost", String.class), connector, LOOPBACK_HOST);
        }

        invoke(proxyServer.getClass().getMethod("start"), proxyServer);
        System.out.println("DynamoDB Local listening on " + LOOPBACK_HOST);
    }

    /** Reflection, but failing with DynamoDB Local's own exception (e.g. the BindException) rather than a wrapper. */
    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
