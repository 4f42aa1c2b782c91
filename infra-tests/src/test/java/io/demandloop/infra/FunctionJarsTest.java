package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's deployment jar carries the capabilities it runs and nothing else: every package of the shared
 * library in a jar belongs to a module the function is meant to run (a stranger, e.g. the demand evaluation in the
 * ticket store, fails), every module meant to be there is, and the AWS service clients are the ones the function
 * calls. The tables below are the intent, kept by hand: adding a capability to a function's pom fails here until
 * the table says so too. Reads the jars the build just made (functions/&lt;name&gt;/target/&lt;name&gt;.jar) and
 * the modules' classes (shared/&lt;module&gt;/target/classes).
 */
class FunctionJarsTest {

    /** The modules of shared/ each function runs. */
    private static final Map<String, Set<String>> MODULES = Map.of(
            "ticket-store", Set.of("core", "tickets"),
            "alert-store", Set.of("core", "tickets", "alerts", "aws-events"),
            "import", Set.of("core", "tickets", "sources", "imports"),
            "intake", Set.of("core", "sources", "secrets", "quality", "bus", "demand-lookup"),
            "sla-escalation", Set.of("core", "sla", "bus"),
            "demand-evaluation", Set.of("core", "tickets", "alerts", "sla", "initiatives", "stats", "demand-lookup",
                    "demand", "bus"),
            "outcomes", Set.of("core", "tickets", "alerts", "sla", "initiatives", "stats", "demand-lookup", "demand",
                    "outcomes", "bus"),
            "portfolio-report", Set.of("core", "tickets", "alerts", "sla", "initiatives", "stats", "demand-lookup",
                    "demand", "outcomes", "quality", "report", "bus"));

    /** The AWS SDK service clients each function calls ({@code software/amazon/awssdk/services/<name>}). */
    private static final Map<String, Set<String>> SERVICE_CLIENTS = Map.of(
            "ticket-store", Set.of("dynamodb"),
            "alert-store", Set.of("dynamodb"),
            "import", Set.of("dynamodb", "s3"),
            "intake", Set.of("dynamodb", "eventbridge", "secretsmanager"),
            "sla-escalation", Set.of("dynamodb", "eventbridge"),
            "demand-evaluation", Set.of("dynamodb", "eventbridge"),
            "outcomes", Set.of("dynamodb", "eventbridge"),
            "portfolio-report", Set.of("dynamodb", "eventbridge", "s3", "sqs"));

    private static final String SHARED = "io/demandloop/shared/";

    static Stream<String> functions() {
        return MODULES.keySet().stream().sorted();
    }

    @Test
    void tables_shouldNameEveryFunctionAndEveryModule() throws IOException {
        Set<String> functionDirs = subdirectoriesWithPom(ProjectFiles.path("functions"));
        Set<String> moduleDirs = subdirectoriesWithPom(ProjectFiles.path("shared"));

        assertThat(MODULES.keySet()).as("functions/").containsExactlyInAnyOrderElementsOf(functionDirs);
        assertThat(SERVICE_CLIENTS.keySet()).as("functions/").containsExactlyInAnyOrderElementsOf(functionDirs);
        Set<String> named = new TreeSet<>();
        MODULES.values().forEach(named::addAll);
        assertThat(moduleDirs).as("shared/").containsAll(named);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void jar_shouldCarryTheModulesTheFunctionRuns_andNoStranger(String function) {
        Map<String, String> moduleOfPackage = moduleOfPackage();
        Set<String> packages = sharedPackages(jar(function));

        Map<String, String> strangers = new TreeMap<>();
        Set<String> present = new TreeSet<>();
        for (String pkg : packages) {
            String module = moduleOfPackage.getOrDefault(pkg, "(no module)");
            present.add(module);
            if (!MODULES.get(function).contains(module)) {
                strangers.put(pkg.replace('/', '.'), module);
            }
        }

        assertThat(strangers).as(function + ": packages of modules it does not run").isEmpty();
        assertThat(present).as(function + ": modules it runs").containsExactlyInAnyOrderElementsOf(MODULES.get(function));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void jar_shouldCarryNoTestData(String function) {
        Set<String> testFixtures = classes(ProjectFiles.path("test-fixtures/target/classes"));
        Set<String> inJar = classEntries(jar(function));

        assertThat(testFixtures).as("test-fixtures/target/classes (build first)").isNotEmpty();
        assertThat(inJar).as(function).doesNotContainAnyElementsOf(testFixtures);
        assertThat(inJar).as(function).noneMatch(c -> c.contains("/testing/"));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void jar_shouldCarryTheServiceClientsTheFunctionCalls(String function) {
        Set<String> clients = new TreeSet<>();
        for (String entry : classEntries(jar(function))) {
            if (entry.startsWith("software/amazon/awssdk/services/")) {
                clients.add(entry.split("/")[4]);
            }
        }

        assertThat(clients).as(function).containsExactlyInAnyOrderElementsOf(SERVICE_CLIENTS.get(function));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void jar_shouldCarryTheStatisticsLibrary_onlyWhenItRunsTheStatistics(String function) {
        boolean statistics = classEntries(jar(function)).stream()
                .anyMatch(e -> e.startsWith("org/apache/commons/statistics/"));

        assertThat(statistics).as(function).isEqualTo(MODULES.get(function).contains("stats"));
    }

    /** Package (with slashes) to the shared/ module whose classes hold it, from each module's build output. */
    private static Map<String, String> moduleOfPackage() {
        Map<String, String> owner = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        Set<String> modules;
        try {
            modules = subdirectoriesWithPom(ProjectFiles.path("shared"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String module : modules) {
            Path classes = ProjectFiles.path("shared/" + module + "/target/classes");
            assertThat(classes).as("build first: mvn package -DskipTests").isDirectory();
            for (String entry : classes(classes)) {
                if (!entry.startsWith(SHARED)) {
                    continue;
                }
                String pkg = entry.substring(0, entry.lastIndexOf('/'));
                String before = owner.putIfAbsent(pkg, module);
                if (before != null && !before.equals(module)) {
                    clashes.add(pkg + ": " + before + " and " + module);
                }
            }
        }
        assertThat(clashes).as("a package belongs to one module").isEmpty();
        return owner;
    }

    private static Set<String> sharedPackages(Path jar) {
        Set<String> packages = new TreeSet<>();
        for (String entry : classEntries(jar)) {
            if (entry.startsWith(SHARED)) {
                packages.add(entry.substring(0, entry.lastIndexOf('/')));
            }
        }
        return packages;
    }

    private static Path jar(String function) {
        Path jar = ProjectFiles.path("functions/" + function + "/target/" + function + ".jar");
        assertThat(jar).as("build first: mvn package -DskipTests").isRegularFile();
        return jar;
    }

    private static Set<String> classEntries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> entries = new TreeSet<>();
            zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(entries::add);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> classes(Path root) {
        if (!Files.isDirectory(root)) {
            return Collections.emptySet();
        }
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> entries = new TreeSet<>();
            files.filter(p -> p.toString().endsWith(".class"))
                    .forEach(p -> entries.add(root.relativize(p).toString().replace('\\', '/')));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> subdirectoriesWithPom(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            children.filter(p -> Files.isRegularFile(p.resolve("pom.xml")))
                    .forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }
}
