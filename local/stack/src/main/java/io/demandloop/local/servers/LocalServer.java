package io.demandloop.local.servers;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What every embedded server is: a child JVM listening on a loopback port, in memory or on a data folder.
 * {@link DynamoDbLocalServer} and {@link S3ProxyServer} differ only in how they start.
 */
public abstract class LocalServer implements AutoCloseable {

    private final ChildServerProcess process;
    private final Optional<Path> dataDir;

    LocalServer(ChildServerProcess process, Optional<Path> dataDir) {
        this.process = Objects.requireNonNull(process, "process");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The endpoint to give SDK clients: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return process.endpoint();
    }

    /** The loopback port the server listens on. */
    public int port() {
        return process.port();
    }

    /** The folder the server keeps its data in, or empty when in memory. */
    public Optional<Path> dataDir() {
        return dataDir;
    }

    /** The file that receives the server's output. */
    public Path logFile() {
        return process.logFile();
    }

    /** The operating-system id of the child JVM. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the child JVM and waits until it has exited. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    /** The server's name, for {@link #toString()}. */
    abstract String name();

    @Override
    public String toString() {
        return name() + " at " + endpoint() + dataDir.map(d -> " on " + d).orElse(" in memory");
    }
}
