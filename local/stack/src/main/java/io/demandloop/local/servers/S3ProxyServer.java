package io.demandloop.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy (4.x) in a child JVM, listening on {@code 127.0.0.1} at a free port, with authorization {@code none}:
 * any credentials, signed or not, are accepted.
 *
 * <p>Storage: with no data folder, the {@code transient} (in-memory) store; otherwise the {@code filesystem} store
 * rooted at the data folder, where every bucket is a folder and every object a plain file holding exactly the
 * object's bytes, at {@code <dataDir>/<bucket>/<key>} (a key's {@code /} makes sub-folders). See
 * {@link #objectFile(String, String)}.
 *
 * <p>The properties file and logging configuration for the child are written to a private temporary folder, not
 * into the data folder, where S3Proxy would take any entry for a bucket.
 *
 * <p>Reach it from unmodified SDK clients with {@link SdkSettings#sdkSystemProperties}; S3 clients then address it
 * path-style on their own because the endpoint host is an IP address.
 */
public final class S3ProxyServer extends LocalServer {

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);

    private static final List<String> JVM_OPTIONS = List.of(
            // Small and quick: a dev object store needs neither a big heap nor C2-compiled code.
            "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Without a configuration, S3Proxy's logback logs every Jetty detail at DEBUG. */
    private static final String LOGBACK_XML = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.gaul.shaded.org.eclipse.jetty" level="WARN"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Path configDir;

    private S3ProxyServer(ChildServerProcess process, Optional<Path> dataDir, Path configDir) {
        super(process, dataDir);
        this.configDir = configDir;
    }

    /**
     * Starts S3Proxy and waits until it answers HTTP (at most 60 s).
     *
     * @param projectRoot the demandloop checkout, with {@code local/s3proxy/target/lib} built
     * @param dataDir     empty for the in-memory {@code transient} store; else the folder of the {@code filesystem}
     *                    store (created if needed), where objects are plain files at
     *                    {@code <dataDir>/<bucket>/<key>} and survive restarts
     * @param logFile     where the child's standard output and error are appended (folder created if needed)
     * @return the running server
     * @throws IllegalStateException when the distribution has not been built
     * @throws ServerStartException  when the server exits early or does not answer in time
     */
    public static S3ProxyServer start(Path projectRoot, Optional<Path> dataDir, Path logFile) {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logFile, "logFile");
        ServerDistribution distribution = ServerDistribution.s3Proxy(projectRoot);
        Optional<Path> dir = dataDir.map(d -> d.toAbsolutePath().normalize());
        Path configDir;
        try {
            if (dir.isPresent()) {
                Files.createDirectories(dir.get());
            }
            configDir = Files.createTempDirectory("demandloop-s3proxy");
            Files.writeString(configDir.resolve("logback.xml"), LOGBACK_XML, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare S3Proxy folders", e);
        }

        List<String> jvmOptions = Stream.concat(JVM_OPTIONS.stream(),
                Stream.of("-Dlogback.configurationFile=" + configDir.resolve("logback.xml"))).toList();
        try {
            ChildServerProcess process = ChildServerProcess.start(distribution, jvmOptions,
                    distribution.mainClass(), port -> List.of("--properties", writeProperties(configDir, port, dir)),
                    logFile, ChildServerProcess.DEFAULT_START_TIMEOUT);
            return new S3ProxyServer(process, dir, configDir);
        } catch (RuntimeException e) {
            deleteRecursively(configDir);
            throw e;
        }
    }

    private static String writeProperties(Path configDir, int port, Optional<Path> dataDir) throws IOException {
        StringBuilder properties = new StringBuilder()
                .append("s3proxy.endpoint=http://").append(ChildServerProcess.LOOPBACK).append(':').append(port)
                .append('\n')
                // Local only: no signature check, so any dummy credentials work.
                .append("s3proxy.authorization=none\n")
                // The back-end store's own credentials; the local stores ignore them but S3Proxy requires them.
                .append("jclouds.identity=local\n")
                .append("jclouds.credential=local\n");
        if (dataDir.isPresent()) {
            properties.append("jclouds.provider=filesystem\n")
                    .append("jclouds.filesystem.basedir=").append(escape(dataDir.get().toString())).append('\n');
        } else {
            properties.append("jclouds.provider=transient\n");
        }
        Path file = configDir.resolve("s3proxy.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file.toString();
    }

    /** java.util.Properties treats backslashes as escapes, and Windows paths have them. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    /**
     * Returns the file that holds an object in filesystem mode: {@code <dataDir>/<bucket>/<key>}.
     *
     * @param bucket the bucket name
     * @param key    the object key; {@code /} separates sub-folders
     * @return the path of the object's file (which exists only once the object was put)
     * @throws IllegalStateException when the server runs in memory
     */
    public Path objectFile(String bucket, String key) {
        return objectFile(dataDir().orElseThrow(() ->
                new IllegalStateException("S3Proxy runs in memory (transient store): objects have no files")), bucket, key);
    }

    /** The file of an object in the filesystem store kept in {@code root}, as {@link #objectFile(String, String)}. */
    public static Path objectFile(Path root, String bucket, String key) {
        Path file = root.resolve(bucket).resolve(key).normalize();
        if (!file.startsWith(root.resolve(bucket))) {
            throw new IllegalArgumentException("Key escapes the bucket folder: " + key);
        }
        return file;
    }

    /** Stops the child JVM, waits until it has exited and removes its temporary configuration. Idempotent. */
    @Override
    public void close() {
        super.close();
        deleteRecursively(configDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("Cannot delete temporary folder {}", dir, e);
        }
    }

    @Override
    String name() {
        return "S3Proxy";
    }
}
