package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.source.mapped.MappingSpec.Coded;
import io.demandloop.shared.source.mapped.MappingSpec.DateField;
import io.demandloop.shared.source.mapped.MappingSpec.Effort;
import io.demandloop.shared.source.mapped.MappingSpec.EffortUnit;
import io.demandloop.shared.source.mapped.MappingSpec.Fields;
import io.demandloop.shared.source.mapped.MappingSpec.Version;
import io.demandloop.shared.source.mapped.MappingSpec.VersionType;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one mapping of section {@code mappings} into a {@link MappingSpec}, refusing anything it does not
 * understand: an unknown key, an unparseable location, an unknown canonical value, a missing required key.
 * Each failure names the tool and the dotted key. A key set to null ({@code ~}) counts as absent, so that a
 * user can switch off a field of a preset.
 *
 * <p>The same parser reads the mapping of a CSV import ({@link #forImport}): the tool is key {@code source}
 * instead of the map key, {@code auth} and {@code records} do not apply (an export is not verified, and a row is one
 * record), a location is a column name (or a one-step JSON Pointer, {@code /Component~1s}), and failures name the
 * configuration key ({@code imports.csv.fields.state}).
 */
final class MappingSpecParser {

    /** A tool name is a path segment. */
    static final Pattern TOOL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final List<String> TOP_KEYS = List.of(
            "description", "auth", "records", "kind", "dates", "version", "link", "fields");
    private static final List<String> AUTH_KEYS = List.of("type", "header", "prefix", "encoding");
    private static final List<String> CODED_KEYS = List.of("field", "values", "default");
    private static final List<String> DATES_KEYS = List.of("format", "zone");
    private static final List<String> DATE_FIELD_KEYS = List.of("field", "format", "zone");
    private static final List<String> VERSION_KEYS = List.of("field", "as", "format", "zone");
    private static final List<String> EFFORT_KEYS = List.of("field", "unit");
    private static final List<String> FIELD_KEYS = List.of(
            "id", "number", "title", "service", "configurationItem", "priority", "state", "openedAt", "resolvedAt",
            "closedAt", "updatedAt", "department", "assignmentGroup", "category", "effortMinutes", "reopenCount",
            "problem", "symptom", "slaMet");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    /** The keys of a webhook mapping that an import's mapping does not have. */
    private static final List<String> WEBHOOK_ONLY_KEYS = List.of("auth", "records");

    /** The tool; for an import, read from key {@code source} by {@link #parse}. */
    private String tool;
    /** The configuration key of an import's mapping ({@code imports.csv}); null for a webhook mapping. */
    private final String importKey;
    /** The top keys an import reads itself (e.g. {@code missing}): allowed, and left to it. */
    private final List<String> ownKeys;

    MappingSpecParser(String tool) {
        this.tool = tool;
        this.importKey = null;
        this.ownKeys = List.of();
    }

    private MappingSpecParser(String importKey, List<String> ownKeys) {
        this.tool = null;
        this.importKey = importKey;
        this.ownKeys = List.copyOf(ownKeys);
    }

    /**
     * A parser of the mapping of an import.
     *
     * @param importKey the configuration key of the mapping, for messages ({@code imports.csv})
     * @param ownKeys   top keys the import reads itself, allowed here and otherwise ignored
     */
    static MappingSpecParser forImport(String importKey, List<String> ownKeys) {
        return new MappingSpecParser(importKey, ownKeys);
    }

    MappingSpec parse(JsonNode spec) {
        if (importKey == null && !TOOL_NAME.matcher(tool).matches()) {
            throw new MissingConfigurationException("configuration mappings: tool name '" + tool + "' is not a path"
                    + " segment; use lower-case letters, digits, '-' and '_' (at most 64), e.g. bmc-helix");
        }
        List<String> topKeys = topKeys();
        if (spec == null || !spec.isObject()) {
            throw fail("", "must be a mapping of keys (" + String.join(", ", topKeys) + ")");
        }
        if (importKey != null) {
            for (String key : WEBHOOK_ONLY_KEYS) {
                if (spec.has(key)) {
                    throw fail(key, "does not apply to an import: an export is not verified, and each row is one"
                            + " record");
                }
            }
        }
        checkKeys(spec, "", topKeys, "");
        if (importKey != null) {
            tool = source(spec);
        }
        String description = optionalText(spec, "description", "description");
        MappedAuth auth = importKey == null ? auth(present(spec, "auth")) : null;
        FieldLocation records = importKey == null ? optionalLocation(spec, "records", "records") : null;
        TimestampFormat dates = dates(present(spec, "dates"));
        Coded<TicketKind> kind = kind(required(spec, "kind", "kind",
                "give a constant (incident, request, problem, change) or {field, values}"));
        Version version = version(required(spec, "version", "version",
                "give {field: <location>, as: number|date}; it orders the versions of a record"), dates);
        String link = link(optionalText(spec, "link", "link"));
        Fields fields = fields(required(spec, "fields", "fields", "give at least id, state, priority and openedAt"), dates);
        return new MappingSpec(tool, description, auth, records, kind, version, link, fields);
    }

    private List<String> topKeys() {
        if (importKey == null) {
            return TOP_KEYS;
        }
        List<String> keys = new ArrayList<>(List.of("source"));
        for (String key : TOP_KEYS) {
            if (!WEBHOOK_ONLY_KEYS.contains(key)) {
                keys.add(key);
            }
        }
        keys.addAll(ownKeys);
        return keys;
    }

    /** The tool of an import's mapping: key {@code source}, named like a webhook mapping so that records meet. */
    private String source(JsonNode spec) {
        String source = requiredText(spec, "source", "source", "the tool's name: the name of its webhook mapping"
                + " (mappings.<name>), so that imported and live records of a ticket are one, e.g. acme-desk");
        if (!TOOL_NAME.matcher(source).matches()) {
            throw fail("source", "'" + source + "' is not a source name; use lower-case letters, digits, '-' and '_'"
                    + " (at most 64), e.g. acme-desk");
        }
        return source;
    }

    private MappedAuth auth(JsonNode auth) {
        if (auth == null) {
            return new MappedAuth.Bearer();
        }
        String type;
        if (auth.isTextual()) {
            type = auth.asText();
        } else if (auth.isObject()) {
            checkKeys(auth, "auth", AUTH_KEYS, "");
            type = requiredText(auth, "type", "auth.type", "bearer or hmac-sha256");
        } else {
            throw fail("auth", "must be bearer, hmac-sha256 or a mapping {type, header, prefix, encoding}");
        }
        switch (type) {
            case "bearer":
                if (auth.isObject()) {
                    for (String key : List.of("header", "prefix", "encoding")) {
                        if (present(auth, key) != null) {
                            throw fail("auth." + key, "only applies to type hmac-sha256; bearer reads the Authorization header");
                        }
                    }
                }
                return new MappedAuth.Bearer();
            case "hmac-sha256":
                if (!auth.isObject()) {
                    throw fail("auth", "hmac-sha256 needs a header: {type: hmac-sha256, header: X-Signature, prefix: 'sha256=', encoding: hex}");
                }
                String header = requiredText(auth, "header", "auth.header", "the header that carries the signature");
                if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                    throw fail("auth.header", "'" + header + "' is not an HTTP header name");
                }
                String prefix = optionalText(auth, "prefix", "auth.prefix");
                String encoding = optionalText(auth, "encoding", "auth.encoding");
                MappedAuth.HmacSha256.Encoding parsed = encoding == null ? MappedAuth.HmacSha256.Encoding.HEX
                        : switch (encoding) {
                            case "hex" -> MappedAuth.HmacSha256.Encoding.HEX;
                            case "base64" -> MappedAuth.HmacSha256.Encoding.BASE64;
                            default -> throw fail("auth.encoding", "unknown encoding '" + encoding + "'; use hex or base64");
                        };
                return new MappedAuth.HmacSha256(header, prefix == null ? "" : prefix, parsed);
            default:
                throw fail("auth.type", "unknown type '" + type + "'; use bearer or hmac-sha256");
        }
    }

    private TimestampFormat dates(JsonNode dates) {
        if (dates == null) {
            return TimestampFormat.AUTO_UTC;
        }
        if (!dates.isObject()) {
            throw fail("dates", "must be a mapping {format, zone}");
        }
        checkKeys(dates, "dates", DATES_KEYS, "");
        return format(dates, "dates", TimestampFormat.AUTO_UTC);
    }

    /** Keys {@code format} and {@code zone} of {@code node}, each defaulting to {@code defaults}. */
    private TimestampFormat format(JsonNode node, String key, TimestampFormat defaults) {
        String zoneText = optionalText(node, "zone", key + ".zone");
        ZoneId zone = defaults.zone();
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw fail(key + ".zone", "unknown zone '" + zoneText + "'; use an id such as UTC or Europe/Paris");
            }
        }
        String formatText = optionalText(node, "format", key + ".format");
        try {
            return TimestampFormat.of(formatText == null ? defaults.name() : formatText, zone);
        } catch (IllegalArgumentException e) {
            throw fail(key + ".format", e.getMessage());
        }
    }

    private Coded<TicketKind> kind(JsonNode kind) {
        if (kind.isTextual()) {
            return Coded.constant(ticketKind(kind, "kind"));
        }
        return coded(kind, "kind", this::ticketKind, "a kind (incident, request, problem, change)");
    }

    private Version version(JsonNode version, TimestampFormat dates) {
        if (!version.isObject()) {
            throw fail("version", "must be a mapping {field: <location>, as: number|date}");
        }
        checkKeys(version, "version", VERSION_KEYS, "");
        FieldLocation field = requiredLocation(version, "field", "version.field");
        String as = requiredText(version, "as", "version.as", "number or date");
        VersionType type = switch (as) {
            case "number" -> VersionType.NUMBER;
            case "date" -> VersionType.DATE;
            default -> throw fail("version.as", "unknown '" + as + "'; use number (a counter) or date (epoch milliseconds)");
        };
        if (type == VersionType.NUMBER && (present(version, "format") != null || present(version, "zone") != null)) {
            throw fail("version.format", "only applies when the version is read as a date");
        }
        return new Version(field, type, format(version, "version", dates));
    }

    private String link(String link) {
        if (link == null) {
            return null;
        }
        if (!link.startsWith("https://") && !link.startsWith("http://")) {
            throw fail("link", "'" + link + "' must be an http(s) URL template, e.g. https://example.my.salesforce.com/{id}");
        }
        Matcher placeholders = PLACEHOLDER.matcher(link);
        while (placeholders.find()) {
            String name = placeholders.group(1);
            if (!name.equals("id") && !name.equals("number")) {
                throw fail("link", "unknown placeholder {" + name + "}; use {id} or {number}");
            }
        }
        return link;
    }

    private Fields fields(JsonNode fields, TimestampFormat dates) {
        if (!fields.isObject()) {
            throw fail("fields", "must be a mapping of canonical field to location");
        }
        checkKeys(fields, "fields", FIELD_KEYS, " (there is deliberately no field for people: personal data is never mapped)");
        return new Fields(
                requiredLocation(fields, "id", "fields.id"),
                optionalLocation(fields, "number", "fields.number"),
                optionalLocation(fields, "title", "fields.title"),
                service(present(fields, "service")),
                optionalLocation(fields, "configurationItem", "fields.configurationItem"),
                priority(required(fields, "priority", "fields.priority",
                        "give a location, {field, values}, or {default: 3} when the tool has no priority")),
                state(required(fields, "state", "fields.state", "give a location or {field, values}")),
                requiredDate(fields, "openedAt", dates),
                optionalDate(fields, "resolvedAt", dates),
                optionalDate(fields, "closedAt", dates),
                optionalDate(fields, "updatedAt", dates),
                optionalLocation(fields, "department", "fields.department"),
                optionalLocation(fields, "assignmentGroup", "fields.assignmentGroup"),
                optionalLocation(fields, "category", "fields.category"),
                effort(present(fields, "effortMinutes")),
                optionalLocation(fields, "reopenCount", "fields.reopenCount"),
                optionalLocation(fields, "problem", "fields.problem"),
                optionalLocation(fields, "symptom", "fields.symptom"),
                slaMet(present(fields, "slaMet")));
    }

    /** The tool's SLA verdict: a location of {@code true}/{@code false}, or {field, values}; absent means none. */
    private Coded<Boolean> slaMet(JsonNode slaMet) {
        if (slaMet == null) {
            return null;
        }
        if (slaMet.isObject() && present(slaMet, "default") != null) {
            throw fail("fields.slaMet.default", "does not apply: a ticket whose tool says nothing has no SLA verdict");
        }
        return coded(slaMet, "fields.slaMet", this::booleanValue, "true (the SLA was met) or false (missed)");
    }

    private List<FieldLocation> service(JsonNode service) {
        if (service == null) {
            return List.of();
        }
        if (service.isTextual()) {
            return List.of(location(service.asText(), "fields.service"));
        }
        if (!service.isArray()) {
            throw fail("fields.service", "must be a location or a list of locations (the first non-empty wins)");
        }
        List<FieldLocation> candidates = new ArrayList<>();
        for (int i = 0; i < service.size(); i++) {
            JsonNode candidate = service.get(i);
            if (!candidate.isTextual()) {
                throw fail("fields.service[" + i + "]", "must be a location such as /service/name");
            }
            candidates.add(location(candidate.asText(), "fields.service[" + i + "]"));
        }
        return candidates;
    }

    private Coded<Integer> priority(JsonNode priority) {
        return coded(priority, "fields.priority", this::priorityValue, "a priority from 1 (highest) to 5");
    }

    private Coded<TicketState> state(JsonNode state) {
        Coded<TicketState> coded = coded(state, "fields.state", this::ticketState, "a canonical state");
        if (coded.field() == null) {
            throw fail("fields.state", "needs a field: a ticket's state cannot be a constant");
        }
        return coded;
    }

    private Effort effort(JsonNode effort) {
        if (effort == null) {
            return null;
        }
        if (effort.isTextual()) {
            return new Effort(location(effort.asText(), "fields.effortMinutes"), EffortUnit.MINUTES);
        }
        if (!effort.isObject()) {
            throw fail("fields.effortMinutes", "must be a location or {field, unit}");
        }
        checkKeys(effort, "fields.effortMinutes", EFFORT_KEYS, "");
        FieldLocation field = requiredLocation(effort, "field", "fields.effortMinutes.field");
        String unit = optionalText(effort, "unit", "fields.effortMinutes.unit");
        if (unit == null) {
            return new Effort(field, EffortUnit.MINUTES);
        }
        for (EffortUnit candidate : EffortUnit.values()) {
            if (candidate.configName().equals(unit)) {
                return new Effort(field, candidate);
            }
        }
        throw fail("fields.effortMinutes.unit", "unknown unit '" + unit + "'; use "
                + String.join(", ", Arrays.stream(EffortUnit.values()).map(EffortUnit::configName).toList()));
    }

    private DateField requiredDate(JsonNode fields, String name, TimestampFormat dates) {
        JsonNode node = required(fields, name, "fields." + name, "give the location of the date");
        return date(node, name, dates);
    }

    private DateField optionalDate(JsonNode fields, String name, TimestampFormat dates) {
        JsonNode node = present(fields, name);
        return node == null ? null : date(node, name, dates);
    }

    private DateField date(JsonNode node, String name, TimestampFormat dates) {
        String key = "fields." + name;
        if (node.isTextual()) {
            return new DateField(location(node.asText(), key), dates);
        }
        if (!node.isObject()) {
            throw fail(key, "must be a location or {field, format, zone}");
        }
        checkKeys(node, key, DATE_FIELD_KEYS, "");
        return new DateField(requiredLocation(node, "field", key + ".field"), format(node, key, dates));
    }

    /** A location, or {field, values, default}; a default alone is a constant. */
    private <T> Coded<T> coded(JsonNode node, String key, CanonicalReader<T> reader, String what) {
        if (node.isTextual()) {
            return new Coded<>(location(node.asText(), key), Map.of(), null);
        }
        if (!node.isObject()) {
            throw fail(key, "must be a location or {field, values, default}");
        }
        checkKeys(node, key, CODED_KEYS, "");
        FieldLocation field = optionalLocation(node, "field", key + ".field");
        JsonNode defaultNode = present(node, "default");
        T fallback = defaultNode == null ? null : reader.read(defaultNode, key + ".default");
        if (field == null && fallback == null) {
            throw fail(key + ".field", "is missing; give the location of the tool's value (or a default)");
        }
        Map<String, T> values = new LinkedHashMap<>();
        JsonNode valuesNode = present(node, "values");
        if (valuesNode != null) {
            if (field == null) {
                throw fail(key + ".values", "needs a field to read the tool's values from");
            }
            if (!valuesNode.isObject()) {
                throw fail(key + ".values", "must map each of the tool's values to " + what);
            }
            Map<String, String> spelled = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = valuesNode.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (entry.getValue().isNull()) {
                    continue;
                }
                String entryKey = key + ".values." + entry.getKey();
                T canonical = reader.read(entry.getValue(), entryKey);
                String matchKey = Coded.key(entry.getKey());
                T previous = values.put(matchKey, canonical);
                if (previous != null && !previous.equals(canonical)) {
                    throw fail(entryKey, "'" + spelled.get(matchKey) + "' and '" + entry.getKey()
                            + "' differ only in case but map to different values; matching ignores case");
                }
                spelled.put(matchKey, entry.getKey());
            }
        }
        return new Coded<>(field, values, fallback);
    }

    /** Reads a canonical value of configuration, failing with the key and the values allowed. */
    @FunctionalInterface
    private interface CanonicalReader<T> {
        T read(JsonNode value, String key);
    }

    private TicketKind ticketKind(JsonNode value, String key) {
        String text = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : null;
        for (TicketKind kind : TicketKind.values()) {
            if (kind.wireName().equals(text)) {
                return kind;
            }
        }
        throw fail(key, "unknown ticket kind '" + value.asText() + "'; use one of "
                + String.join(", ", Arrays.stream(TicketKind.values()).map(TicketKind::wireName).toList()));
    }

    private TicketState ticketState(JsonNode value, String key) {
        String text = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : null;
        for (TicketState state : TicketState.values()) {
            if (state.wireName().equals(text)) {
                return state;
            }
        }
        throw fail(key, "unknown canonical state '" + value.asText() + "'; use one of "
                + String.join(", ", Arrays.stream(TicketState.values()).map(TicketState::wireName).toList()));
    }

    private Boolean booleanValue(JsonNode value, String key) {
        String text = value.asText().trim();
        if (value.isBoolean() || value.isTextual() && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        throw fail(key, "must be true (the SLA was met) or false (missed), was '" + text + "'");
    }

    private Integer priorityValue(JsonNode value, String key) {
        String text = value.asText().trim();
        if ((value.isIntegralNumber() || value.isTextual()) && text.matches("[1-5]")) {
            return Integer.valueOf(text);
        }
        throw fail(key, "priority must be a whole number from 1 (highest) to 5, was '" + text + "'");
    }

    private void checkKeys(JsonNode node, String key, List<String> known, String hint) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(key.isEmpty() ? name : key + "." + name,
                        "unknown key; known keys here: " + String.join(", ", known) + hint);
            }
        }
    }

    /** The value of a key, or null when absent or null. */
    private static JsonNode present(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private JsonNode required(JsonNode node, String name, String key, String hint) {
        JsonNode value = present(node, name);
        if (value == null) {
            throw fail(key, "is missing; " + hint);
        }
        return value;
    }

    private String requiredText(JsonNode node, String name, String key, String hint) {
        String value = optionalText(node, name, key);
        if (value == null) {
            throw fail(key, "is missing; give " + hint);
        }
        return value;
    }

    private String optionalText(JsonNode node, String name, String key) {
        JsonNode value = present(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw fail(key, "must be a text value");
        }
        return value.asText();
    }

    private FieldLocation requiredLocation(JsonNode node, String name, String key) {
        FieldLocation location = optionalLocation(node, name, key);
        if (location == null) {
            throw fail(key, "is missing; give " + locationHint());
        }
        return location;
    }

    private FieldLocation optionalLocation(JsonNode node, String name, String key) {
        JsonNode value = present(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw fail(key, "must be " + locationHint() + ", as text");
        }
        return location(value.asText(), key);
    }

    private String locationHint() {
        return importKey == null ? "a JSON Pointer (/a/b) or a JSONPath ($.a.b)"
                : "a column name of the export's header (or a pointer such as /Component~1s)";
    }

    private FieldLocation location(String text, String key) {
        if (importKey != null) {
            return column(text, key);
        }
        try {
            return FieldLocation.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    /** A location in an import's row: a column name, or a JSON Pointer of one step (a row is flat). */
    private FieldLocation column(String text, String key) {
        String name = text.strip();
        if (name.isEmpty()) {
            throw fail(key, "is empty; give " + locationHint());
        }
        if (!name.startsWith("/")) {
            return FieldLocation.column(name);
        }
        FieldLocation pointer;
        try {
            pointer = FieldLocation.parse(name);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
        if (!pointer.pointer().tail().matches()) {
            throw fail(key, "'" + name + "' has more than one step, but a row is flat: give a column name, e.g."
                    + " Component/s (the pointer /Component~1s)");
        }
        return pointer;
    }

    private MissingConfigurationException fail(String key, String problem) {
        if (importKey != null) {
            return new MissingConfigurationException("configuration " + importKey + (key.isEmpty() ? "" : "." + key)
                    + ": " + problem);
        }
        return new MissingConfigurationException("configuration mappings, tool '" + tool + "'"
                + (key.isEmpty() ? "" : ", key '" + key + "'") + ": " + problem);
    }
}
