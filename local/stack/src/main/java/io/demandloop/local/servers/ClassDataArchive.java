package io.demandloop.local.servers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing (AppCDS) for a server child JVM: the classes it loads at start are mapped from an archive
 * instead of being read, verified and parsed from its jars each time (issue 17: every command paid the servers'
 * start-up). The first start on a given classpath, JVM and options dumps the archive at the child's exit
 * ({@code -XX:ArchiveClassesAtExit}, into a file of its own, moved into place once the child is gone, so that
 * concurrent first starts never see half an archive); later starts use it ({@code -XX:SharedArchiveFile}). The
 * archive's name is a digest of everything it depends on, so a rebuilt server or another JVM gets a new one. Where
 * the build folder cannot be written, the child runs as before, without.
 */
final class ClassDataArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final String SUFFIX = ".jsa";
    private static final String PARTIAL = ".partial";
    /** Partial dumps older than this were left by a child that was killed while dumping. */
    private static final Duration STALE_PARTIAL = Duration.ofMinutes(10);
    /** A fixed time for the entries of the launcher-classes jar, so that its bytes (and the archive) stay the same. */
    private static final long ENTRY_TIME = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final List<String> jvmOptions;
    private final Path partial;
    private final Path archive;

    private ClassDataArchive(List<String> jvmOptions, Path partial, Path archive) {
        this.jvmOptions = jvmOptions;
        this.partial = partial;
        this.archive = archive;
    }

    /** No archive: the child starts as a plain JVM. */
    static ClassDataArchive none() {
        return new ClassDataArchive(List.of(), null, null);
    }

    /**
     * The archive of a child with these JVM options and this classpath, kept in {@code directory}.
     *
     * @param classpath the child's classpath entries, in order (jars, or a {@code dir/*} wildcard)
     */
    static ClassDataArchive of(Path directory, String name, List<String> jvmOptions, List<String> classpath) {
        try {
            Files.createDirectories(directory);
            removeStalePartials(directory);
            Path archive = directory.resolve(slug(name) + "-" + fingerprint(jvmOptions, classpath) + SUFFIX);
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                // -Xshare:auto: an archive the JVM finds unusable is ignored with a warning in the child's log.
                return new ClassDataArchive(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), null, archive);
            }
            Path partial = directory.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + System.nanoTime() + PARTIAL);
            return new ClassDataArchive(List.of("-XX:ArchiveClassesAtExit=" + partial), partial, archive);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no class-data archive for {} in {}: {}", name, directory, e.toString());
            return none();
        }
    }

    /** The options that make the child use, or dump, the archive. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** After the child exited: a complete dump becomes the archive (unless another child's got there first). */
    void childExited(boolean exitedNormally) {
        if (partial == null) {
            return;
        }
        try {
            if (exitedNormally && Files.isRegularFile(partial) && Files.size(partial) > 0 && !Files.exists(archive)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("class-data archive {} written", archive);
            }
        } catch (IOException e) {
            LOG.debug("cannot keep the class-data archive {}: {}", archive, e.toString());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", partial, e.toString());
            }
        }
    }

    /**
     * A jar holding the given launcher classes, in {@code directory}, written only when its content changes (an
     * archive depends on the jars' size and time). A folder cannot be on the classpath of a JVM that dumps an archive.
     */
    static Path classesJar(Path directory, List<Class<?>> classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                JarEntry entry = new JarEntry(resource);
                entry.setTime(ENTRY_TIME);
                jar.putNextEntry(entry);
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("Cannot read class file " + resource);
                    }
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        byte[] content = bytes.toByteArray();
        Files.createDirectories(directory);
        Path target = directory.resolve("demandloop-child-" + digest(content).substring(0, 16) + ".jar");
        if (!Files.isRegularFile(target) || Files.size(target) != content.length) {
            Path temporary = Files.createTempFile(directory, "demandloop-child", ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * The jars of {@code lib}, in name order, for the classpath of a child with an archive. A jar whose manifest has a
     * {@code Class-Path} is replaced by a copy without it, kept in {@code directory}: DynamoDB Local's names {@code .},
     * a folder, which a JVM with an archive refuses on its classpath ("Cannot have non-empty directory in paths"),
     * and the jars it names are all in {@code lib} anyway.
     */
    static List<String> shareableClasspath(Path directory, Path lib) throws IOException {
        Files.createDirectories(directory);
        List<String> classpath = new ArrayList<>();
        for (Path jar : expand(lib.resolve("*").toString())) {
            classpath.add(withoutClassPath(directory, jar).toString());
        }
        return classpath;
    }

    private static Path withoutClassPath(Path directory, Path jar) throws IOException {
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = in.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH) == null) {
                return jar;
            }
            String stamp = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
            String name = jar.getFileName().toString();
            Path copy = directory.resolve(name.substring(0, name.length() - ".jar".length()) + "-" + digest(
                    stamp.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + ".jar");
            if (Files.isRegularFile(copy)) {
                return copy;
            }
            java.util.jar.Manifest stripped = new java.util.jar.Manifest(manifest);
            stripped.getMainAttributes().remove(java.util.jar.Attributes.Name.CLASS_PATH);
            Path temporary = Files.createTempFile(directory, name, ".tmp");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary), stripped)) {
                var entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(java.util.jar.JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    JarEntry copied = new JarEntry(entry.getName());
                    copied.setTime(entry.getTime());
                    out.putNextEntry(copied);
                    try (InputStream bytes = in.getInputStream(entry)) {
                        bytes.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }

    private static String fingerprint(List<String> jvmOptions, List<String> classpath) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        // Options that shape the JVM (heap, GC, compiler) must match the archive's; system properties need not.
        jvmOptions.stream().filter(option -> !option.startsWith("-D")).forEach(option -> text.append(option).append('\n'));
        for (String entry : classpath) {
            for (Path jar : expand(entry)) {
                text.append(jar).append(' ').append(Files.size(jar)).append(' ')
                        .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
            }
        }
        return digest(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static List<Path> expand(String entry) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (entry.endsWith("*")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(entry.substring(0, entry.length() - 1)), "*.jar")) {
                files.forEach(jars::add);
            }
            jars.sort(null);
        } else {
            jars.add(Path.of(entry));
        }
        return jars;
    }

    private static void removeStalePartials(Path directory) throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(STALE_PARTIAL));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + PARTIAL)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).compareTo(before) < 0) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return archive == null ? "no class-data archive" : archive.toString();
    }

    Optional<Path> archive() {
        return Optional.ofNullable(archive);
    }
}
