package io.demandloop.local.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server child JVM on a free loopback port: launch, wait until it answers HTTP, stop. Shared by
 * {@link DynamoDbLocalServer} and {@link S3ProxyServer}.
 */
final class ChildServerProcess implements AutoCloseable {

    /** Arguments for the server's main class, which usually depend on the port chosen for this attempt. */
    @FunctionalInterface
    interface ServerArguments {
        List<String> forPort(int port) throws IOException;
    }

    /** Where ports to try come from; tests substitute a taken one to exercise the retry. */
    @FunctionalInterface
    interface PortSource {
        int nextPort() throws IOException;
    }

    static final String LOOPBACK = "127.0.0.1";
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(ChildServerProcess.class);
    private static final int MAX_ATTEMPTS = 3;
    /** How the servers report a port taken: DynamoDB Local's stack trace, S3Proxy's log line. */
    private static final List<String> BIND_FAILURES =
            List.of("BindException", "Address already in use", "Failed to bind");
    private static final int TAIL_LINES = 25;
    private static final long TAIL_MAX_BYTES = 64 * 1024;
    /** A connection refused on loopback costs microseconds; a coarse poll made every start wait 50 ms more on average. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Classes that must run on the child's classpath; none of them has nested classes. */
    private static final List<Class<?>> CHILD_CLASSES =
            List.of(ChildProcessMain.class, DynamoDbLocalLoopbackMain.class);

    private static Path childClassesDir;

    private final String name;
    private final int port;
    private final Process process;
    private final OutputStream stdin;
    private final Path logFile;
    private final Thread shutdownHook;
    private final ClassDataArchive classData;
    private boolean closed;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /** Set when the launcher stops its stack in order at exit (serve on SIGTERM): the kill-at-exit hooks wait for it. */
    private static volatile boolean orderlyStopAtExit;
    /** How long a kill-at-exit hook waits for the orderly stop before it kills the child anyway. */
    private static final Duration ORDERLY_STOP_WAIT = Duration.ofSeconds(60);

    /**
     * The JVM's exit will stop the servers in order (its own shutdown hook closes the stack): the forced kill each
     * child's hook does at exit then waits, bounded, for that stop, so that the bus can drain into a live database.
     */
    static void stopInOrderAtExit() {
        orderlyStopAtExit = true;
    }

    private ChildServerProcess(String name, int port, Process process, Path logFile, Thread shutdownHook,
                               ClassDataArchive classData) {
        this.classData = classData;
        this.name = name;
        this.port = port;
        this.process = process;
        // Held open, never written: its end-of-file is the child's signal that we are gone.
        this.stdin = process.getOutputStream();
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Launches {@code mainClass} of {@code distribution} under {@link ChildProcessMain} and waits until it answers.
     * A port that another process took between our probe and the child's bind is retried with a new port.
     */
    static ChildServerProcess start(ServerDistribution distribution, List<String> jvmOptions, String mainClass,
                                    ServerArguments arguments, Path logFile, Duration timeout) {
        return start(distribution, jvmOptions, mainClass, arguments, logFile, timeout,
                ChildServerProcess::freeLoopbackPort);
    }

    static ChildServerProcess start(ServerDistribution distribution, List<String> jvmOptions, String mainClass,
                                    ServerArguments arguments, Path logFile, Duration timeout, PortSource ports) {
        Path log = logFile.toAbsolutePath().normalize();
        try {
            if (log.getParent() != null) {
                Files.createDirectories(log.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of log file " + log, e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(distribution, jvmOptions, mainClass, arguments, log, timeout, ports.nextPort());
            } catch (PortTakenException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ServerStartException(distribution.name() + " could not bind a free port after "
                            + attempt + " attempts; see " + log + ", last lines:\n" + e.getMessage(), log, null);
                }
                LOG.warn("{}: port {} was taken before it could bind, retrying on another port",
                        distribution.name(), e.port);
            } catch (IOException e) {
                throw new ServerStartException("Cannot launch " + distribution.name() + ": " + e.getMessage()
                        + "; see " + log, log, e);
            }
        }
    }

    private static ChildServerProcess attempt(ServerDistribution distribution, List<String> jvmOptions,
                                              String mainClass, ServerArguments arguments, Path log,
                                              Duration timeout, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ServerDistribution.javaExecutable().toString());
        jvmOptions = withExtraOptions(jvmOptions);
        command.addAll(jvmOptions);
        // Our two launcher classes first, then the server's jars; nothing else of ours reaches the child.
        List<String> classpath = new ArrayList<>();
        ClassDataArchive classData;
        Path archives = distribution.libDir().toAbsolutePath().getParent().resolve("cds");
        try {
            if (!Boolean.getBoolean(ARCHIVES_PROPERTY)) {
                throw new IOException(ARCHIVES_PROPERTY + " is not set");
            }
            classpath.add(ClassDataArchive.classesJar(archives, CHILD_CLASSES).toString());
            classpath.addAll(ClassDataArchive.shareableClasspath(archives, distribution.libDir().toAbsolutePath()));
            classData = ClassDataArchive.of(archives, distribution.name(), jvmOptions, classpath);
        } catch (IOException e) {
            // A read-only build folder: the classes from a folder of our own, the jars as built, and no archive.
            LOG.debug("{}: no class-data archive ({})", distribution.name(), e.toString());
            classpath = List.of(childClassesDir().toString(), distribution.libClasspathEntry());
            classData = ClassDataArchive.none();
        }
        command.addAll(classData.jvmOptions());
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(ChildProcessMain.class.getName());
        command.add(mainClass);
        command.addAll(arguments.forPort(port));

        long logOffset = Files.exists(log) ? Files.size(log) : 0L;
        Files.writeString(log, "=== demandloop: starting " + distribution.name() + " on " + LOOPBACK + ":" + port
                        + "\n=== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long startedNanos = System.nanoTime();
        Process process = builder.start();
        java.util.concurrent.atomic.AtomicReference<ChildServerProcess> created = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = new Thread(() -> {
            ChildServerProcess self = created.get();
            if (orderlyStopAtExit && self != null) {
                try {
                    self.stopped.await(ORDERLY_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            process.destroyForcibly();
        }, "stop-" + distribution.name() + "-" + port);
        ChildServerProcess child = new ChildServerProcess(distribution.name(), port, process, log, hook, classData);
        created.set(child);
        Runtime.getRuntime().addShutdownHook(hook);

        long deadline = startedNanos + timeout.toNanos();
        try {
            while (true) {
                if (!process.isAlive()) {
                    String tail = tail(log, logOffset);
                    child.close();
                    if (BIND_FAILURES.stream().anyMatch(tail::contains)) {
                        throw new PortTakenException(port, tail);
                    }
                    throw new ServerStartException(distribution.name() + " exited with status "
                            + process.exitValue() + " before answering on " + child.endpoint() + "; see " + log
                            + ", last lines:\n" + tail, log, null);
                }
                if (answersHttp(port) && process.isAlive()) {
                    LOG.info("{} ready at {} in {} ms (pid {}, log {})", distribution.name(), child.endpoint(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), process.pid(), log);
                    return child;
                }
                if (System.nanoTime() - deadline > 0) {
                    child.close();
                    throw new ServerStartException(distribution.name() + " did not answer on " + child.endpoint()
                            + " within " + timeout.toSeconds() + " s; see " + log + ", last lines:\n"
                            + tail(log, logOffset), log, null);
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            child.close();
            Thread.currentThread().interrupt();
            throw new ServerStartException("Interrupted while waiting for " + distribution.name(), log, e);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /**
     * The system property with JVM options added to every server child, separated by spaces: the launcher gives its
     * children the quick compiler only ({@code -XX:TieredStopAtLevel=1}) for every command but {@code import}, as it runs
     * itself.
     */
    static final String EXTRA_OPTIONS_PROPERTY = "demandloop.servers.jvmOptions";
    /**
     * The system property that gives the server children class-data archives ({@link ClassDataArchive}); the launcher
     * sets it. Without it (tests, embedders) the children start as plain JVMs: a first start dumps its archive at exit,
     * which makes that stop slower, and many test JVMs starting servers at once should not all pay it.
     */
    static final String ARCHIVES_PROPERTY = "demandloop.servers.classDataArchives";

    private static List<String> withExtraOptions(List<String> jvmOptions) {
        String extra = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").trim();
        if (extra.isEmpty()) {
            return jvmOptions;
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(Arrays.asList(extra.split("\\s+")));
        return options;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Stops the child: a polite SIGTERM first so the server can finish what it writes, then the stdin watchdog and
     * a forced kill if it lingers. Waits for the process to be gone.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean stoppedInTime = false;
        try {
            process.destroy();
            stoppedInTime = process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            if (!stoppedInTime) {
                LOG.warn("{} (pid {}) did not stop within {} s, killing it", name, process.pid(),
                        STOP_GRACE.toSeconds());
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            // A child that exited by itself or at our SIGTERM (143) dumped a complete archive, if it was dumping one.
            classData.childExited(stoppedInTime && (process.exitValue() == 0 || process.exitValue() == 143));
            stopped.countDown();
            closeQuietly(stdin);
            closeQuietly(process.getInputStream());
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already; the hook runs anyway and finds nothing left to do.
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Ignoring failure to close a child process stream", e);
        }
    }

    /**
     * Any HTTP response, even 400 (which DynamoDB Local sends for {@code GET /}), proves the server is listening.
     * No proxy: a configured HTTP proxy must not answer in its place.
     */
    private static boolean answersHttp(int port) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://" + LOOPBACK + ":" + port + "/").toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** The last lines the log got since {@code offset}, i.e. from this attempt only. */
    static String tail(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(offset, file.length() - TAIL_MAX_BYTES);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * A private folder holding just the launcher classes, for the child's classpath. Copied rather than pointing at
     * our own code source: that may be a shaded jar with the SDK and Jackson inside, or a classes folder with
     * logging configuration files, and either would leak into the server's JVM ahead of its own jars.
     */
    static synchronized Path childClassesDir() throws IOException {
        if (childClassesDir != null && Files.isDirectory(childClassesDir)) {
            return childClassesDir;
        }
        Path dir = Files.createTempDirectory("demandloop-child-classes");
        List<Path> created = new ArrayList<>();
        created.add(dir);
        for (Class<?> type : CHILD_CLASSES) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = dir.resolve(resource);
            List<Path> parents = new ArrayList<>();
            for (Path p = target.getParent(); !p.equals(dir); p = p.getParent()) {
                parents.add(0, p);
            }
            created.addAll(parents);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("Cannot read class file " + resource);
                }
                Files.copy(in, target);
            }
            created.add(target);
        }
        // deleteOnExit runs in reverse order of registration: files first, folders last.
        created.stream().distinct().forEach(p -> p.toFile().deleteOnExit());
        childClassesDir = dir;
        return dir;
    }

    /** The child lost a bind race for its port. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int port;

        PortTakenException(int port, String tail) {
            super(tail, null, false, false);
            this.port = port;
        }
    }
}
