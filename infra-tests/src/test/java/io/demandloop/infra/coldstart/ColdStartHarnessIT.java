package io.demandloop.infra.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.local.template.FunctionDef;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cold-start harness of docs/PERFORMANCE.md, not a test with a threshold: for each measured function, starts
 * {@code coldstart.runs} fresh JVMs (as Lambda starts one per execution environment) with only the function's
 * deployment jar and {@link ColdStartProbe} on the classpath, the environment template.yaml gives the function and
 * the embedded stack's endpoints, and times process start to the end of the first invocation of the function's
 * sample event. Reports the median per function and mode: {@code plain} (the JVM's default CDS only),
 * {@code appcds} (an archive dumped by one training run) and, with {@code -Dcoldstart.java25=<JDK 25 home>},
 * {@code aot} (JDK 25's AOT cache, one training run). Runs only with {@code -Dcoldstart=true}; writes
 * {@code target/coldstart.md}.
 */
@EnabledIfSystemProperty(named = "coldstart", matches = "true")
class ColdStartHarnessIT {

    private static final String SECRET = "sample-secret";
    private static final Map<String, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("IntakeFunction", "events/IntakeFunction/servicenow-incident.json");
        EVENTS.put("TicketStoreFunction", "events/TicketStoreFunction/ticket-received.json");
    }

    @Test
    void measure() throws Exception {
        int runs = Integer.getInteger("coldstart.runs", 10);
        String only = System.getProperty("coldstart.functions", String.join(",", EVENTS.keySet()));
        List<String> modes = new ArrayList<>(List.of("plain", "appcds"));
        String jdk25 = System.getProperty("coldstart.java25");
        if (jdk25 != null && !jdk25.isBlank()) {
            modes.add("aot");
        }
        String onlyModes = System.getProperty("coldstart.modes", "");
        if (!onlyModes.isBlank()) {
            modes.retainAll(List.of(onlyModes.split(",")));
        }
        Path work = Files.createTempDirectory("coldstart");
        Path probe = probeClasses(work);
        Map<String, String> host = new HashMap<>(System.getenv());
        host.put("DEMANDLOOP_SECRET_SERVICENOW", SECRET);
        StringBuilder report = new StringBuilder("| function | mode | median ms | min | max | init median | first invocation median"
                + " | CPU ms median (user+sys) | main thread CPU ms median | load average (1 min) at start |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(ProjectFiles.root(), Optional.empty(), host, OptionalInt.empty()))) {
            for (String function : only.split(",")) {
                FunctionDef def = stack.template().function(function).orElseThrow();
                Path event = ProjectFiles.path(EVENTS.get(function));
                for (String mode : modes) {
                    String javaBin = "aot".equals(mode) ? Path.of(jdk25, "bin", "java").toString()
                            : Path.of(System.getProperty("java.home"), "bin", "java").toString();
                    List<String> flags = new ArrayList<>();
                    Path archive = work.resolve(function + "." + mode);
                    if ("appcds".equals(mode)) {
                        run(javaBin, List.of("-XX:ArchiveClassesAtExit=" + archive), def, probe, event);
                        requireArchive(archive);
                        flags.add("-XX:SharedArchiveFile=" + archive);
                    } else if ("aot".equals(mode)) {
                        run(javaBin, List.of("-XX:AOTCacheOutput=" + archive), def, probe, event);
                        requireArchive(archive);
                        flags.add("-XX:AOTCache=" + archive);
                    }
                    List<long[]> samples = new ArrayList<>();
                    String load = loadAverage();
                    for (int i = 0; i < runs; i++) {
                        samples.add(run(javaBin, flags, def, probe, event));
                    }
                    report.append(row(function, mode, samples, load));
                    System.out.print(row(function, mode, samples, load));
                }
            }
        }
        Path out = ProjectFiles.path("infra-tests/target/coldstart.md");
        Files.writeString(out, report.toString());
        System.out.println(report);
        assertThat(report.toString().lines().count()).isEqualTo(2 + (long) only.split(",").length * modes.size());
    }

    /**
     * One fresh JVM: [total ms from process start to the end of the first invocation, init ms, invoke ms, CPU ms of the
     * process (user + system) at the end of the first invocation, CPU ms of the main thread alone (the critical path:
     * what a warm-up thread takes off it shows here, not in the process's CPU)].
     */
    private long[] run(String javaBin, List<String> flags, FunctionDef def, Path probe, Path event) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        // As Globals.Function's JAVA_TOOL_OPTIONS on AWS.
        command.addAll(List.of(def.environment().getOrDefault("JAVA_TOOL_OPTIONS", "").split(" ")));
        command.addAll(flags);
        // Extra JVM options for a diagnosis run (-Xlog:class+load, -Xlog:startuptime, JFR), e.g. -Dcoldstart.jvmArgs=...
        command.addAll(List.of(System.getProperty("coldstart.jvmArgs", "").split(" ")));
        for (String property : List.of("aws.endpointUrlDynamoDb", "aws.endpointUrlS3", "aws.endpointUrlEventBridge",
                "aws.endpointUrlSecretsManager", "aws.accessKeyId", "aws.secretAccessKey")) {
            command.add("-D" + property + "=" + System.getProperty(property));
        }
        command.addAll(List.of("-cp", def.codeUri() + java.io.File.pathSeparator + probe,
                ColdStartProbe.class.getName(), className(def.handler()), event.toString()));
        command.removeIf(String::isBlank);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(def.environment());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", def.logicalId());
        builder.environment().put("PATH", System.getenv("PATH"));
        long start = System.nanoTime();
        Process process = builder.start();
        String marker = null;
        StringBuilder all = new StringBuilder();
        long end = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("COLDSTART ") && marker == null) {
                    end = System.nanoTime();
                    marker = line;
                }
                all.append(line).append('\n');
            }
        }
        process.waitFor();
        if (marker == null) {
            throw new IllegalStateException("the probe of " + def.logicalId() + " ended without its line:\n" + all);
        }
        if (!marker.contains("answer=")) {
            throw new IllegalStateException(marker);
        }
        if (Boolean.getBoolean("coldstart.verbose")) {
            System.out.println(all);
        }
        long init = Long.parseLong(marker.replaceAll(".*init=(\\d+).*", "$1"));
        long invoke = Long.parseLong(marker.replaceAll(".*invoke=(\\d+).*", "$1"));
        long cpu = Long.parseLong(marker.replaceAll(".*cpu=(-?\\d+).*", "$1"));
        long mainCpu = Long.parseLong(marker.replaceAll(".*main=(\\d+).*", "$1"));
        return new long[] {(end - start) / 1_000_000, init, invoke, cpu, mainCpu};
    }

    private static String row(String function, String mode, List<long[]> samples, String load) {
        return "| " + function + " | " + mode + " | " + median(samples, 0) + " | " + min(samples) + " | " + max(samples)
                + " | " + median(samples, 1) + " | " + median(samples, 2) + " | " + median(samples, 3) + " | " + median(samples, 4) + " | " + load + " |\n";
    }

    /** A training run that wrote no archive would make the archive's rows measure the plain JVM again. */
    private static void requireArchive(Path archive) throws IOException {
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the training run wrote no archive " + archive);
        }
    }

    /** The 1-minute load average when a function's runs start (other builds share the cores: wall time is noisy). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long median(List<long[]> samples, int index) {
        List<Long> values = new ArrayList<>(samples.stream().map(s -> s[index]).toList());
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static long min(List<long[]> samples) {
        return samples.stream().mapToLong(s -> s[0]).min().orElse(0);
    }

    private static long max(List<long[]> samples) {
        return samples.stream().mapToLong(s -> s[0]).max().orElse(0);
    }

    private static String className(String handler) {
        int colons = handler.indexOf("::");
        return colons < 0 ? handler : handler.substring(0, colons);
    }

    /**
     * The probe's class files alone in a jar, so nothing else of the test classpath reaches the child. A jar, not a
     * directory: a class-data archive refuses a classpath with a non-empty directory (the JVM then starts without it,
     * or not at all), which made the first version's {@code appcds} rows measure no archive.
     */
    private static Path probeClasses(Path work) throws IOException {
        Path source = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String packagePath = ColdStartProbe.class.getPackageName().replace('.', '/');
        Path jar = work.resolve("probe.jar");
        try (Stream<Path> files = Files.list(source.resolve(packagePath));
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ColdStartProbe")).toList()) {
                out.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }
}
