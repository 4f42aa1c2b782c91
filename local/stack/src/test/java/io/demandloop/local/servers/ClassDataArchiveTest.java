package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void of_shouldDumpAtExitFirst_andUseTheArchiveOnceItIsInPlace() throws IOException {
        // GIVEN a classpath and no archive yet
        Path lib = Files.createDirectories(dir.resolve("lib"));
        jar(lib.resolve("server.jar"), null);
        List<String> classpath = List.of(lib.resolve("*").toString());

        // WHEN a first child starts and exits normally after dumping
        ClassDataArchive first = ClassDataArchive.of(dir.resolve("cds"), "Some Server", List.of("-Xmx64m"), classpath);
        String dumpOption = first.jvmOptions().get(0);
        assertThat(dumpOption).startsWith("-XX:ArchiveClassesAtExit=");
        Files.writeString(Path.of(dumpOption.substring(dumpOption.indexOf('=') + 1)), "archive");
        first.childExited(true);

        // THEN the next child maps that archive, whatever its system properties
        ClassDataArchive next = ClassDataArchive.of(dir.resolve("cds"), "Some Server", List.of("-Xmx64m", "-Dlog=/tmp/x"),
                classpath);
        assertThat(next.jvmOptions()).first().asString().startsWith("-XX:SharedArchiveFile=");
        assertThat(next.archive()).isEqualTo(first.archive());
        // AND other JVM options (heap, GC, compiler) get an archive of their own
        assertThat(ClassDataArchive.of(dir.resolve("cds"), "Some Server", List.of("-Xmx32m"), classpath).archive())
                .isNotEqualTo(first.archive());
    }

    @Test
    void childExited_shouldKeepNoArchive_whenTheChildWasKilled() throws IOException {
        // GIVEN a child dumping an archive
        ClassDataArchive first = ClassDataArchive.of(dir, "Some Server", List.of(), List.of());
        String dumpOption = first.jvmOptions().get(0);
        Path partial = Path.of(dumpOption.substring(dumpOption.indexOf('=') + 1));
        Files.writeString(partial, "half an archive");

        // WHEN it was killed
        first.childExited(false);

        // THEN nothing is kept, and the next child dumps again
        assertThat(partial).doesNotExist();
        assertThat(first.archive()).isPresent().get().satisfies(archive -> assertThat(archive).doesNotExist());
        assertThat(ClassDataArchive.of(dir, "Some Server", List.of(), List.of()).jvmOptions().get(0))
                .startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void shareableClasspath_shouldDropAManifestClassPath_whichWouldPutAFolderOnTheClasspath() throws IOException {
        // GIVEN a server jar whose manifest names "." (a folder) and a plain jar
        Path lib = Files.createDirectories(dir.resolve("lib"));
        jar(lib.resolve("a-server.jar"), ". other.jar");
        jar(lib.resolve("b-plain.jar"), null);

        // WHEN the classpath for a child with an archive is made
        List<String> classpath = ClassDataArchive.shareableClasspath(dir.resolve("cds"), lib);

        // THEN the server jar is a copy without Class-Path, the plain jar is itself, in name order
        assertThat(classpath).hasSize(2);
        assertThat(classpath.get(0)).startsWith(dir.resolve("cds").resolve("a-server-").toString());
        try (JarFile copy = new JarFile(classpath.get(0))) {
            assertThat(copy.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH)).isNull();
            assertThat(copy.getEntry("x/Thing.class")).isNotNull();
        }
        assertThat(classpath.get(1)).isEqualTo(lib.resolve("b-plain.jar").toString());
        // AND a second call reuses the copy
        assertThat(ClassDataArchive.shareableClasspath(dir.resolve("cds"), lib)).isEqualTo(classpath);
    }

    @Test
    void classesJar_shouldBeTheSameFile_forTheSameClasses() throws IOException {
        // WHEN the launcher classes are put in a jar twice
        Path first = ClassDataArchive.classesJar(dir, List.of(ChildProcessMain.class));
        long modified = Files.getLastModifiedTime(first).toMillis();
        Path second = ClassDataArchive.classesJar(dir, List.of(ChildProcessMain.class));

        // THEN it is one file, not rewritten (an archive depends on its size and time)
        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
    }

    private static void jar(Path file, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("x/Thing.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
    }
}
