package io.demandloop.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DynamoDB Local (2.x) in a child JVM, listening on {@code 127.0.0.1} at a free port.
 *
 * <p>It runs with {@code -sharedDb}: one database for every access key and region, so the CLI, the functions and
 * the tests all see the same tables whatever dummy credentials they use. In memory when no data folder is given;
 * otherwise the database is the file {@code shared-local-instance.db} in that folder and survives restarts.
 * Telemetry is disabled.
 *
 * <p>Reach it from unmodified SDK clients with {@link SdkSettings#sdkSystemProperties}.
 */
public final class DynamoDbLocalServer extends LocalServer {

    /** The database file DynamoDB Local writes in the data folder when running with {@code -sharedDb}. */
    public static final String SHARED_DB_FILE = "shared-local-instance.db";

    private static final List<String> JVM_OPTIONS = List.of(
            // Small: a dev database needs no big heap. C2 stays on: an import of a year of tickets writes for minutes.
            "-Xms32m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss512k");


    private DynamoDbLocalServer(ChildServerProcess process, Optional<Path> dataDir) {
        super(process, dataDir);
    }

    /**
     * Starts DynamoDB Local and waits until it answers HTTP (at most 60 s).
     *
     * @param projectRoot the demandloop checkout, with {@code local/dynamodb-local/target} built
     * @param dataDir     empty for an in-memory database; else the folder to keep the database in (created if
     *                    needed; data written there is read back by the next server started on it)
     * @param logFile     where the child's standard output and error are appended (folder created if needed)
     * @return the running server
     * @throws IllegalStateException when the distribution has not been built
     * @throws ServerStartException  when the server exits early or does not answer in time
     */
    public static DynamoDbLocalServer start(Path projectRoot, Optional<Path> dataDir, Path logFile) {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logFile, "logFile");
        ServerDistribution distribution = ServerDistribution.dynamoDbLocal(projectRoot);
        Optional<Path> dir = dataDir.map(d -> d.toAbsolutePath().normalize());
        dir.ifPresent(DynamoDbLocalServer::createDirectories);

        List<String> jvmOptions = new ArrayList<>(JVM_OPTIONS);
        distribution.nativeDir().ifPresent(n -> jvmOptions.add("-Dsqlite4java.library.path=" + n));
        dir.ifPresent(d -> useWriteAheadLog(distribution, d.resolve(SHARED_DB_FILE), logFile));

        ChildServerProcess process = ChildServerProcess.start(distribution, jvmOptions,
                DynamoDbLocalLoopbackMain.class.getName(), port -> arguments(port, dir), logFile,
                ChildServerProcess.DEFAULT_START_TIMEOUT);
        return new DynamoDbLocalServer(process, dir);
    }

    /**
     * Switches a database on disk that is not yet in SQLite's write-ahead-log mode (a new one, or one of an earlier
     * version) to it, in a short JVM of its own ({@link DynamoDbLocalLoopbackMain}); done once, the file keeps the mode.
     * A commit is then one append and one force instead of the rollback journal's two forces and a deletion, as
     * durable. A failure is logged and DynamoDB Local runs in its default mode.
     */
    static void useWriteAheadLog(ServerDistribution distribution, Path database, Path logFile) {
        if (isWriteAheadLog(database)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(ServerDistribution.javaExecutable().toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        distribution.nativeDir().ifPresent(n -> command.add("-Dsqlite4java.library.path=" + n));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            command.addAll(List.of("-cp", ChildServerProcess.childClassesDir() + java.io.File.pathSeparator
                            + distribution.libClasspathEntry(), DynamoDbLocalLoopbackMain.class.getName(),
                    DynamoDbLocalLoopbackMain.WRITE_AHEAD_LOG, database.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DynamoDbLocalServer.class)
                    .warn("cannot switch {} to SQLite's write-ahead log: {}", database, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether an SQLite database file is in write-ahead-log mode: its header's write and read versions are 2. */
    static boolean isWriteAheadLog(Path database) {
        try (java.io.InputStream in = Files.newInputStream(database)) {
            byte[] header = in.readNBytes(20);
            return header.length == 20 && header[18] == 2 && header[19] == 2;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> arguments(int port, Optional<Path> dataDir) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb",
                "-disableTelemetry"));
        if (dataDir.isPresent()) {
            args.add("-dbPath");
            args.add(dataDir.get().toString());
        } else {
            args.add("-inMemory");
        }
        return args;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create DynamoDB Local data folder " + dir, e);
        }
    }

    @Override
    String name() {
        return "DynamoDB Local";
    }
}
