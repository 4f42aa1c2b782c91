package io.demandloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.source.alertmanager.AlertmanagerSource;
import io.demandloop.shared.source.cloudevents.CloudEventsSource;
import io.demandloop.shared.source.datadog.DatadogSource;
import io.demandloop.shared.source.grafana.GrafanaSource;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.source.mapped.MappedSources;
import io.demandloop.shared.source.opsgenie.OpsgenieSource;
import io.demandloop.shared.source.pagerduty.PagerDutySource;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import java.io.IOException;
import java.io.PrintStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * {@code ./demandloop config check}: reads the configuration file the local functions read (the file named by
 * {@code DEMANDLOOP_CONFIG_FILE}, else {@code config/demandloop.yaml}), validates it as the functions do at start
 * (every section bound, every source built), and prints the effective configuration, each value with where it came
 * from: the file, or the built-in default. A bad file exits 2 with one line naming the problem.
 */
final class ConfigCheck {

    private static final String DEFAULTS = "demandloop/defaults/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    ConfigCheck(Path root, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.root = root;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    int run() {
        Optional<Path> located = LocalStack.configFile(root, environment);
        boolean named = environment.containsKey(LocalStack.CONFIG_FILE_VARIABLE)
                && !environment.get(LocalStack.CONFIG_FILE_VARIABLE).isBlank();
        if (located.isEmpty()) {
            err.println("demandloop: config: " + root.resolve(LocalStack.CONFIG_FILE) + " does not exist");
            return DemandloopCli.EXIT_USAGE;
        }
        Path file = located.get();
        String origin = named ? "$" + LocalStack.CONFIG_FILE_VARIABLE : LocalStack.CONFIG_FILE;
        DemandloopConfig config;
        try {
            config = DemandloopConfig.fromFile(file);
            validate(config);
        } catch (RuntimeException e) {
            err.println("demandloop: config: " + TerminalText.safe(firstLine(e.getMessage(), file)));
            return DemandloopCli.EXIT_USAGE;
        }
        out.println("Configuration " + file + " (" + origin + ") is valid.");
        out.println("Each local run (serve, demo, run, import) reads it as it is now. On AWS the functions read the copy"
                + " packaged into their jars: `mvn -q package -DskipTests`, then `sam deploy`.");
        out.println(packagedNote(config));
        out.println();
        out.println("Effective configuration (value, then where it came from: " + origin + " or default):");
        ObjectNode written = config.written();
        TreeSet<String> sections = new TreeSet<>(defaultSections());
        written.fieldNames().forEachRemaining(sections::add);
        for (String section : sections) {
            List<String[]> rows = new ArrayList<>();
            flatten(section, config.section(section), written.get(section), rows);
            for (String[] row : rows) {
                out.println("  " + TerminalText.safe(row[0]) + " = " + TerminalText.safe(row[1]) + "    ("
                        + (row[2].equals("file") ? origin : "default") + ")");
            }
        }
        return DemandloopCli.EXIT_OK;
    }

    /** Binds and builds what the functions build from the configuration at start; the first problem throws. */
    static void validate(DemandloopConfig config) {
        Iterator<String> sections = config.written().fieldNames();
        while (sections.hasNext()) {
            String section = sections.next();
            if (!config.isKnownSection(section)) {
                throw new IllegalArgumentException("unknown section '" + section + "' (known: "
                        + String.join(", ", defaultSections()) + ", episodes)");
            }
        }
        // The intake's sources (functions/intake Sources.all), then what the stores and nightly jobs read.
        new ServiceNowSource(config);
        new JiraSource(config);
        new AlertmanagerSource(config);
        new GrafanaSource(config);
        new DatadogSource(config);
        new PagerDutySource(config);
        new OpsgenieSource(config);
        new CloudEventsSource(config);
        MappedSources.all(config);
        EpisodeRules.from(config);
        SlaPolicies.from(config);
        ServiceCatalog.from(config);
        DemandConfig.from(config);
    }

    private String packagedNote(DemandloopConfig config) {
        Optional<DemandloopConfig> packaged;
        try {
            packaged = DemandloopConfig.packaged();
        } catch (RuntimeException e) {
            return "The copy packaged at the last build cannot be read: " + e.getMessage();
        }
        if (packaged.isEmpty()) {
            return "No copy is packaged yet: build before deploying.";
        }
        return packaged.get().written().equals(config.written())
                ? "The copy packaged at the last build matches this file."
                : "The copy packaged at the last build differs from this file: rebuild before deploying it to AWS.";
    }

    /** Leaves of the effective tree, each with "file" when the user's file wrote it, else "default". */
    private static void flatten(String path, JsonNode effective, JsonNode written, List<String[]> rows) {
        if (effective.isObject() && !effective.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = effective.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode child = written != null && written.isObject() ? written.get(field.getKey()) : null;
                flatten(path + "." + field.getKey(), field.getValue(), child, rows);
            }
            return;
        }
        String value;
        try {
            value = effective.isTextual() ? effective.textValue() : JSON.writeValueAsString(effective);
        } catch (IOException e) {
            value = effective.toString();
        }
        rows.add(new String[] {path, value, written != null ? "file" : "default"});
    }

    /** The sections that have built-in defaults, from the classpath (a directory or a jar). */
    static List<String> defaultSections() {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = DemandloopConfig.class.getClassLoader().getResources(DEFAULTS);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                                .forEach(n -> names.add(n.substring(0, n.length() - 5)));
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            String name = entries.nextElement().getName();
                            if (name.startsWith(DEFAULTS) && name.endsWith(".yaml") && name.indexOf('/', DEFAULTS.length()) < 0) {
                                names.add(name.substring(DEFAULTS.length(), name.length() - 5));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the built-in defaults: " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    private static String firstLine(String message, Path file) {
        String text = message == null ? "invalid" : message;
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.contains(file.toString()) ? text : file + ": " + text;
    }
}
