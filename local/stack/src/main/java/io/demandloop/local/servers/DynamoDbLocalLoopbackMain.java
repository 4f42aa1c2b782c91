package io.demandloop.local.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Runs DynamoDB Local like its own {@code ServerRunner.main}, but listening on 127.0.0.1 only.
 *
 * <p>DynamoDB Local 2.x has no option for the listen address: its Jetty connector binds every interface, which
 * would expose an unauthenticated database to the network. This launcher builds the server through the public
 * {@code ServerRunner.createServerFromCommandLineArgs(String[])}, sets the host of the Jetty connectors in the
 * server's {@code server} field to the loopback address, and only then starts it. If DynamoDB Local's internals
 * ever change shape it fails rather than falling back to binding every interface.
 *
 * <p>With {@code --write-ahead-log <database file>} instead, it only switches that database to SQLite's write-ahead log
 * ({@code PRAGMA journal_mode=WAL}, which the file keeps) and exits: {@link DynamoDbLocalServer} runs that once, in a JVM
 * of its own, before DynamoDB Local first opens a database on disk (never in DynamoDB Local's JVM: DynamoDB Local loads a
 * native SQLite of its own, and two in one process crash). DynamoDB Local leaves SQLite in its default rollback-journal
 * mode, where each write commits with a journal file written, forced, applied to the database, forced again and
 * deleted; with the log, a commit is one append and one force, as durable (synchronous stays FULL), so writes wait on
 * the disk about half as often (issue 17: storing was bound by these forces on DynamoDB Local's one SQLite thread).
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
        if (args.length == 2 && args[0].equals(WRITE_AHEAD_LOG)) {
            System.exit(useWriteAheadLog(new java.io.File(args[1])) ? 0 : 1);
        }
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
        int port = port(args);
        if (port > 0) {
            Thread warmUp = new Thread(() -> warmUp(port), "demandloop-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /**
     * One {@code ListTables} right after the start, on a thread of its own: DynamoDB Local opens its database and builds
     * its request path at its first request (some 0.2 CPU-s); done here, that overlaps with the launcher's own start
     * instead of delaying the command's first request (issue 17). Its answer, or a failure, is ignored.
     */
    static void warmUp(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + LOOPBACK_HOST + ":" + port + "/")
                    .toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.ListTables");
            // DynamoDB Local wants a SigV4 header but checks no signature.
            connection.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/"
                    + "dynamodb/aws4_request, SignedHeaders=host, Signature=0");
            try (OutputStream body = connection.getOutputStream()) {
                body.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (answer != null) {
                    answer.readAllBytes();
                }
            }
            connection.disconnect();
        } catch (IOException | RuntimeException e) {
            // Only a warm-up: the command's own first request does the same work.
        }
    }

    /** The {@code -port} argument, or -1. */
    static int port(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-port")) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The argument that asks for the switch to the write-ahead log only. */
    static final String WRITE_AHEAD_LOG = "--write-ahead-log";

    /**
     * Puts the database in write-ahead-log mode, through the sqlite4java of DynamoDB Local's distribution; the mode is
     * kept in the file, so DynamoDB Local opens it that way. A failure is reported: DynamoDB Local then runs in its
     * default mode, only slower.
     */
    static boolean useWriteAheadLog(java.io.File database) {
        try {
            Class<?> connectionClass = Class.forName("com.almworks.sqlite4java.SQLiteConnection");
            Object connection = connectionClass.getConstructor(java.io.File.class).newInstance(database);
            try {
                invoke(connectionClass.getMethod("open", boolean.class), connection, true);
                invoke(connectionClass.getMethod("exec", String.class), connection, "PRAGMA journal_mode=WAL");
            } finally {
                invoke(connectionClass.getMethod("dispose"), connection);
            }
            return true;
        } catch (Exception | LinkageError e) {
            System.out.println("demandloop: cannot switch " + database + " to SQLite's write-ahead log (" + e
                    + "); DynamoDB Local keeps its default journal");
            return false;
        }
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
