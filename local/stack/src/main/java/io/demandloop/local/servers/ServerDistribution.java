package io.demandloop.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a server's jars (and native libraries) were put by the build, checked to be there.
 *
 * <p>{@code local/dynamodb-local} copies DynamoDB Local and its dependencies into {@code target/lib} and the
 * sqlite4java native libraries into {@code target/native}; {@code local/s3proxy} copies S3Proxy into
 * {@code target/lib}. They exist only after {@code mvn package}, hence the explicit check with a message that says
 * what to run.
 */
public final class ServerDistribution {

    /** The command that builds the distributions, quoted in error messages. */
    public static final String BUILD_COMMAND = "mvn -q package -DskipTests";

    private final String name;
    private final Path libDir;
    private final Optional<Path> nativeDir;
    private final String mainClass;

    private ServerDistribution(String name, Path libDir, Optional<Path> nativeDir, String mainClass) {
        this.name = name;
        this.libDir = libDir;
        this.nativeDir = nativeDir;
        this.mainClass = mainClass;
    }

    /**
     * DynamoDB Local 2.x under {@code local/dynamodb-local/target/{lib,native}}.
     *
     * @param projectRoot the demandloop checkout
     * @return the checked distribution
     * @throws IllegalStateException when it has not been built
     */
    public static ServerDistribution dynamoDbLocal(Path projectRoot) {
        Path target = projectRoot.resolve("local/dynamodb-local/target");
        Path lib = target.resolve("lib");
        Path natives = target.resolve("native");
        String name = "DynamoDB Local";
        requireEntry(name, projectRoot, lib, "DynamoDBLocal-", ".jar");
        // sqlite4java finds its native library by a version-less name on sqlite4java.library.path.
        requireEntry(name, projectRoot, natives, "libsqlite4java-", "");
        return new ServerDistribution(name, lib, Optional.of(natives),
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
    }

    /**
     * S3Proxy under {@code local/s3proxy/target/lib}.
     *
     * @param projectRoot the demandloop checkout
     * @return the checked distribution
     * @throws IllegalStateException when it has not been built
     */
    public static ServerDistribution s3Proxy(Path projectRoot) {
        Path lib = projectRoot.resolve("local/s3proxy/target/lib");
        String name = "S3Proxy";
        requireEntry(name, projectRoot, lib, "s3proxy-", ".jar");
        return new ServerDistribution(name, lib, Optional.empty(), "org.gaul.s3proxy.Main");
    }

    /**
     * Returns the server's display name.
     *
     * @return e.g. {@code DynamoDB Local}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the folder with the server's jars.
     *
     * @return the lib folder
     */
    public Path libDir() {
        return libDir;
    }

    /**
     * Returns the folder with the server's native libraries, if it has any.
     *
     * @return the native folder, or empty
     */
    public Optional<Path> nativeDir() {
        return nativeDir;
    }

    /**
     * Returns the server's own main class.
     *
     * @return a fully qualified class name
     */
    public String mainClass() {
        return mainClass;
    }

    /**
     * Returns the classpath entry for all jars in {@link #libDir()}, as the {@code java} launcher's wildcard.
     *
     * @return {@code <libDir>/*}
     */
    String libClasspathEntry() {
        return libDir.resolve("*").toString();
    }

    /**
     * Returns the {@code java} executable of the running JVM, so that children run on the same Java.
     *
     * @return {@code ${java.home}/bin/java}
     */
    public static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    private static void requireEntry(String name, Path projectRoot, Path dir, String prefix, String suffix) {
        Objects.requireNonNull(projectRoot, "projectRoot");
        if (!Files.isDirectory(dir)) {
            throw notBuilt(name, projectRoot, dir + " is missing");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            boolean found = entries.map(p -> p.getFileName().toString())
                    .anyMatch(f -> f.startsWith(prefix) && f.endsWith(suffix));
            if (!found) {
                throw notBuilt(name, projectRoot, dir + " has no " + prefix + "*" + suffix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static IllegalStateException notBuilt(String name, Path projectRoot, String detail) {
        return new IllegalStateException(name + " distribution is not built (" + detail + "): run `"
                + BUILD_COMMAND + "` first, in " + projectRoot);
    }

    @Override
    public String toString() {
        return name + " at " + libDir;
    }
}
