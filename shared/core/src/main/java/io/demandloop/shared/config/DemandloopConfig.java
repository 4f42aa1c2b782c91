package io.demandloop.shared.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pipeline's configuration: what every instance customises (which field gives the service, state codes,
 * service aliases, mappings of other tools, alert grouping), in one YAML file.
 *
 * <p>Each section has built-in defaults in the classpath resource {@code demandloop/defaults/<section>.yaml};
 * the user's file ({@code config/demandloop.yaml} in the repository, packaged into every function as
 * {@code demandloop/demandloop.yaml}, or the file named by {@code DEMANDLOOP_CONFIG_FILE}) overrides them:
 * objects merge key by key, anything else replaces. Unknown keys in a section fail binding with their name.
 */
public final class DemandloopConfig {

    /** Environment variable naming a configuration file to use instead of the packaged one. */
    public static final String CONFIG_FILE_VARIABLE = "DEMANDLOOP_CONFIG_FILE";

    private static final String USER_RESOURCE = "demandloop/demandloop.yaml";
    private static final String DEFAULTS_PREFIX = "demandloop/defaults/";
    /** Sections that are valid without a defaults file of their own. */
    private static final java.util.Set<String> SECTIONS_WITHOUT_DEFAULTS = java.util.Set.of("episodes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ObjectNode user;
    private final ClassLoader loader;
    private final Map<String, String> serviceAliases;

    private DemandloopConfig(ObjectNode user, ClassLoader loader) {
        this.user = user;
        this.loader = loader;
        this.serviceAliases = readAliases(section("services"));
    }

    /** Loads the user's file (packaged, or from {@code DEMANDLOOP_CONFIG_FILE}). */
    public static DemandloopConfig load() {
        ClassLoader loader = DemandloopConfig.class.getClassLoader();
        String file = FunctionEnvironment.optional(CONFIG_FILE_VARIABLE).orElse(null);
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                return new DemandloopConfig(readObject(in, file), loader);
            } catch (IOException e) {
                throw new MissingConfigurationException(CONFIG_FILE_VARIABLE + " names " + file + ", which cannot be read: " + e.getMessage());
            }
        }
        try (InputStream in = loader.getResourceAsStream(USER_RESOURCE)) {
            return new DemandloopConfig(in == null ? JsonNodeFactory.instance.objectNode() : readObject(in, USER_RESOURCE), loader);
        } catch (IOException e) {
            throw new MissingConfigurationException("the packaged configuration cannot be read: " + e.getMessage());
        }
    }

    /**
     * The configuration in a file, over the built-in defaults; fails with the file named when it cannot be read or is
     * not a YAML mapping.
     */
    public static DemandloopConfig fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new DemandloopConfig(readObject(in, file.toString()), DemandloopConfig.class.getClassLoader());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MissingConfigurationException(file + " does not exist");
        } catch (MissingConfigurationException e) {
            throw e;
        } catch (IOException e) {
            throw new MissingConfigurationException(file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    /** The copy of the user's file packaged at build time (what a deployed function reads), or empty when none is. */
    public static java.util.Optional<DemandloopConfig> packaged() {
        ClassLoader loader = DemandloopConfig.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(USER_RESOURCE)) {
            return in == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new DemandloopConfig(readObject(in, USER_RESOURCE), loader));
        } catch (IOException e) {
            throw new MissingConfigurationException("the packaged configuration cannot be read: " + e.getMessage());
        }
    }

    /** The sections as the user's file writes them (no defaults), as a copy. */
    public ObjectNode written() {
        return user.deepCopy();
    }

    /** The built-in defaults of a section; an empty object when it has none. */
    public JsonNode defaultsOf(String name) {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        try (InputStream in = loader.getResourceAsStream(DEFAULTS_PREFIX + name + ".yaml")) {
            if (in != null) {
                merge(defaults, readObject(in, DEFAULTS_PREFIX + name + ".yaml"));
            }
        } catch (IOException e) {
            throw new MissingConfigurationException("the defaults of section '" + name + "' cannot be read: " + e.getMessage());
        }
        return defaults;
    }

    /** Whether a section name is one the pipeline reads (it has built-in defaults, or needs none). */
    public boolean isKnownSection(String name) {
        return SECTIONS_WITHOUT_DEFAULTS.contains(name) || loader.getResource(DEFAULTS_PREFIX + name + ".yaml") != null;
    }

    /** A configuration from YAML text, over the built-in defaults; for tests and tools. */
    public static DemandloopConfig fromYaml(String yaml) {
        try {
            return new DemandloopConfig(readObject(new java.io.ByteArrayInputStream(
                    yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "the given YAML"),
                    DemandloopConfig.class.getClassLoader());
        } catch (IOException e) {
            throw new MissingConfigurationException("configuration is not valid YAML: " + e.getMessage());
        }
    }

    /** Only the built-in defaults. */
    public static DemandloopConfig defaults() {
        return new DemandloopConfig(JsonNodeFactory.instance.objectNode(), DemandloopConfig.class.getClassLoader());
    }

    /** A section: its built-in defaults with the user's overrides merged in; an empty object when neither has it. */
    public JsonNode section(String name) {
        Objects.requireNonNull(name, "name");
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        try (InputStream in = loader.getResourceAsStream(DEFAULTS_PREFIX + name + ".yaml")) {
            if (in != null) {
                merge(merged, readObject(in, DEFAULTS_PREFIX + name + ".yaml"));
            }
        } catch (IOException e) {
            throw new MissingConfigurationException("the defaults of section '" + name + "' cannot be read: " + e.getMessage());
        }
        JsonNode override = user.get(name);
        if (override != null && override.isObject()) {
            merge(merged, (ObjectNode) override);
        } else if (override != null && !override.isNull()) {
            throw new MissingConfigurationException("configuration section '" + name + "' must be a mapping");
        }
        return merged;
    }

    /** A section bound to a type; an unknown or malformed key fails with the section and key named. */
    public <T> T section(String name, Class<T> type) {
        try {
            return YAML.treeToValue(section(name), type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new MissingConfigurationException("configuration section '" + name + "' at " + path(e) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MissingConfigurationException("configuration section '" + name + "': " + firstLine(e.getMessage()));
        }
    }

    /**
     * One key of a section bound to a type (e.g. {@code imports.servicenow}); an absent key binds an empty object.
     * An unknown or malformed key fails with the section, key and path named.
     */
    public <T> T section(String name, String key, Class<T> type) {
        JsonNode node = section(name).get(key);
        if (node == null || node.isNull()) {
            node = JsonNodeFactory.instance.objectNode();
        }
        try {
            return YAML.treeToValue(node, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String at = path(e);
            throw new MissingConfigurationException("configuration section '" + name + "' at " + key
                    + ("(top)".equals(at) ? "" : "." + at) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MissingConfigurationException("configuration section '" + name + "' at " + key + ": "
                    + firstLine(e.getMessage()));
        }
    }

    /**
     * This configuration with a YAML file of the same format laid over it (objects merge key by key, anything else
     * replaces): an import's {@code --mapping} file.
     *
     * @param where names the file in error messages
     * @throws MissingConfigurationException when the text is not a YAML mapping
     */
    public DemandloopConfig withOverlay(InputStream yaml, String where) {
        ObjectNode merged = user.deepCopy();
        try {
            ObjectNode overlay = readObject(yaml, where);
            Iterator<String> sections = overlay.fieldNames();
            while (sections.hasNext()) {
                String section = sections.next();
                // A misspelt section would otherwise be ignored in silence, and the import read by the defaults.
                if (!SECTIONS_WITHOUT_DEFAULTS.contains(section)
                        && loader.getResource(DEFAULTS_PREFIX + section + ".yaml") == null) {
                    throw new MissingConfigurationException(where + ": unknown section '" + section
                            + "' (sections: services, servicenow, jira, mappings, imports, and the other sections of"
                            + " config/demandloop.yaml)");
                }
            }
            merge(merged, overlay);
        } catch (IOException e) {
            throw new MissingConfigurationException(where + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        return new DemandloopConfig(merged, loader);
    }

    /**
     * The catalog name for a name a source uses (a CI, a Jira component, an alert label value), by the aliases
     * of section {@code services}; the name itself when no alias matches. Case-insensitive.
     */
    public String serviceFor(String sourceName) {
        if (sourceName == null) {
            return null;
        }
        return serviceAliases.getOrDefault(sourceName.trim().toLowerCase(Locale.ROOT), sourceName.trim());
    }

    private static Map<String, String> readAliases(JsonNode services) {
        Map<String, String> aliases = new TreeMap<>();
        JsonNode catalog = services.path("aliases");
        Iterator<Map.Entry<String, JsonNode>> entries = catalog.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            // service: [alias, alias, ...]
            aliases.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getKey());
            for (JsonNode alias : entry.getValue()) {
                aliases.put(alias.asText().toLowerCase(Locale.ROOT), entry.getKey());
            }
        }
        return aliases;
    }

    private static ObjectNode readObject(InputStream in, String where) throws IOException {
        JsonNode node = YAML.readTree(in);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new MissingConfigurationException(where + " must be a YAML mapping at the top");
        }
        return (ObjectNode) node;
    }

    private static void merge(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode override) {
                merge(existingObject, override);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    /** The dotted path of the key a binding error is about, e.g. {@code tables.incident.stats}. */
    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top)" : path.toString();
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
