package io.demandloop.shared.source.cloudevents;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.LabelPolicy;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import io.demandloop.shared.time.SourceTimes;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Any CloudEvents 1.0 producer over HTTP ({@code /hooks/cloudevents}), in JSON: structured mode
 * ({@code application/cloudevents+json}, one event), batch mode ({@code application/cloudevents-batch+json}, an
 * array of events) and binary mode ({@code application/json} with the attributes in {@code ce-*} headers); a plain
 * {@code application/json} body without {@code ce-specversion} is read as structured (object) or batch (array).
 *
 * <p><b>Verification.</b> A shared secret in {@code Authorization} (bearer or basic): CloudEvents defines no
 * signature.
 *
 * <p><b>Normalisation.</b> {@code specversion} must be {@code 1.0}; {@code id}, {@code source} and {@code type}
 * are required (a missing one is refused by name). The event's own identity is {@code source} + {@code id},
 * unique per event, so a redelivered event is a duplicate. The <em>alert</em> it describes is
 * {@code source} + the alert key ({@code cloudevents.alertKey}: {@code subject} by default, falling back to
 * {@code id}), joined by a space, which a URI-reference cannot contain: successive events about one alert (firing,
 * then resolved) carry new ids but the same subject. The version is {@code time} (or the value at
 * {@code cloudevents.versionPointer}) in epoch milliseconds, times two, plus one when resolved, so that at the same
 * instant resolved beats firing. The other fields are read from {@code data} through the configured JSON Pointers;
 * the status from the status field, else from the last segment of {@code type}.
 */
public final class CloudEventsSource implements WebhookSource {

    /** The source name, intake path segment and configuration section. */
    public static final String SECTION = "cloudevents";
    /** Structured mode: one event. */
    public static final String STRUCTURED = "application/cloudevents+json";
    /** Batch mode: an array of events. */
    public static final String BATCH = "application/cloudevents-batch+json";
    /** Binary mode (attributes in {@code ce-} headers), or a structured or batch body sent as plain JSON. */
    public static final String JSON = "application/json";

    /** Longest title kept, so that a stored alert stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private static final String SPEC_VERSION = "1.0";
    private static final Set<String> CONTENT_TYPES = Set.of(STRUCTURED, BATCH, JSON);

    private final CloudEventsConfig settings;
    private final JsonPointer alertKeyPointer;
    private final JsonPointer versionPointer;
    private final JsonPointer statusPointer;
    private final JsonPointer fingerprintPointer;
    private final JsonPointer servicePointer;
    private final JsonPointer severityPointer;
    private final JsonPointer titlePointer;
    private final JsonPointer startsAtPointer;
    private final JsonPointer endsAtPointer;
    private final JsonPointer linkPointer;
    private final JsonPointer labelsPointer;
    private final Set<String> firingValues = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> resolvedValues = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final LabelPolicy labelPolicy;
    private final DemandloopConfig config;

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public CloudEventsSource(DemandloopConfig config) {
        this.settings = config.section(SECTION, CloudEventsConfig.class).validated();
        String key = settings.alertKey();
        this.alertKeyPointer = key.startsWith("/") ? CloudEventsConfig.pointer("alertKey", key) : null;
        this.versionPointer = CloudEventsConfig.pointer("versionPointer", settings.versionPointer());
        this.statusPointer = CloudEventsConfig.pointer("statusPointer", settings.statusPointer());
        CloudEventsConfig.Fields fields = settings.fields();
        this.fingerprintPointer = CloudEventsConfig.pointer("fields.fingerprint", fields.fingerprint());
        this.servicePointer = CloudEventsConfig.pointer("fields.service", fields.service());
        this.severityPointer = CloudEventsConfig.pointer("fields.severity", fields.severity());
        this.titlePointer = CloudEventsConfig.pointer("fields.title", fields.title());
        this.startsAtPointer = CloudEventsConfig.pointer("fields.startsAt", fields.startsAt());
        this.endsAtPointer = CloudEventsConfig.pointer("fields.endsAt", fields.endsAt());
        this.linkPointer = CloudEventsConfig.pointer("fields.link", fields.link());
        this.labelsPointer = CloudEventsConfig.pointer("fields.labels", fields.labels());
        this.firingValues.addAll(settings.firingValues());
        this.resolvedValues.addAll(settings.resolvedValues());
        this.labelPolicy = new LabelPolicy(settings.dropLabels(), settings.dropLabelPrefixes());
        this.config = config;
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        return contentType != null && CONTENT_TYPES.contains(contentType);
    }

    /**
     * Binary mode ({@code ce-specversion} header) whose data is not {@code application/json}: the intake does not
     * parse it; the event is taken by its attributes, its data read only when it is JSON.
     */
    @Override
    public boolean readsRawBody(Delivery delivery) {
        String contentType = mediaType(delivery.header("content-type"));
        return isBinary(delivery) && (contentType == null || !CONTENT_TYPES.contains(contentType));
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return SharedSecret.verifyAuthorization(name(), delivery.header("authorization"), secrets);
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        String contentType = mediaType(delivery.header("content-type"));
        List<MonitoringEvent> events = new ArrayList<>();
        if (BATCH.equals(contentType) || (!STRUCTURED.equals(contentType) && !isBinary(delivery) && body.isArray())) {
            if (!body.isArray()) {
                throw new InvalidRecordException("a " + BATCH + " body must be a JSON array of events");
            }
            if (body.isEmpty()) {
                return NormalisedDelivery.ignored("empty CloudEvents batch");
            }
            for (int i = 0; i < body.size(); i++) {
                events.add(structured(body.get(i), "events[" + i + "]"));
            }
        } else if (isBinary(delivery) && !STRUCTURED.equals(contentType)) {
            events.add(binary(delivery, readsRawBody(delivery) ? jsonOrEmpty(delivery.body()) : body));
        } else {
            events.add(structured(body, "event"));
        }
        return NormalisedDelivery.ofAlerts(events);
    }

    private static boolean isBinary(Delivery delivery) {
        return delivery.header("ce-specversion") != null;
    }

    private MonitoringEvent structured(JsonNode event, String where) {
        if (event == null || !event.isObject()) {
            throw new InvalidRecordException(where + " is not a JSON object");
        }
        Attributes attributes = new Attributes(
                attribute(event, "specversion"), attribute(event, "id"), attribute(event, "source"),
                attribute(event, "type"), attribute(event, "time"), attribute(event, "subject"));
        return toEvent(attributes, data(event, where), where);
    }

    private MonitoringEvent binary(Delivery delivery, JsonNode body) {
        Attributes attributes = new Attributes(
                header(delivery, "ce-specversion"), header(delivery, "ce-id"), header(delivery, "ce-source"),
                header(delivery, "ce-type"), header(delivery, "ce-time"), header(delivery, "ce-subject"));
        return toEvent(attributes, body, "event (binary mode, ce-* headers)");
    }

    private MonitoringEvent toEvent(Attributes event, JsonNode data, String where) {
        if (event.specversion() == null) {
            throw new InvalidRecordException(where + ": required attribute specversion is missing");
        }
        if (!SPEC_VERSION.equals(event.specversion())) {
            throw new InvalidRecordException(where + ": specversion '" + event.specversion() + "' is not supported; only 1.0 is");
        }
        for (String[] required : new String[][] {{"id", event.id()}, {"source", event.source()}, {"type", event.type()}}) {
            if (required[1] == null) {
                throw new InvalidRecordException(where + ": required attribute " + required[0] + " is missing or empty");
            }
        }
        Instant time = event.time() == null ? null : time(event.time(), where + ": time");

        AlertStatus status = status(event.type(), data, where);
        // No lifecycle (no status, a type ending in neither a firing nor a resolved word): a one-shot occurrence,
        // its own alert, that opens and ends at its time.
        boolean oneShot = status == null;
        if (oneShot) {
            status = AlertStatus.RESOLVED;
        }
        String alertKey = oneShot ? event.id() : alertKey(event, data);
        String alertId = event.source() + " " + alertKey;
        Instant startsAt = instantAt(data, startsAtPointer, where, settings.fields().startsAt());
        if (startsAt == null) {
            startsAt = time;
        }
        if (startsAt == null) {
            throw new InvalidRecordException(where + ": neither data" + settings.fields().startsAt()
                    + " nor the time attribute says when the alert started");
        }
        Instant endsAt = null;
        if (status == AlertStatus.RESOLVED) {
            endsAt = instantAt(data, endsAtPointer, where, settings.fields().endsAt());
            endsAt = endsAt != null ? endsAt : time != null ? time : startsAt;
        }
        Instant observedAt = time != null ? time : endsAt != null ? endsAt : startsAt;
        long order = order(data, time, where);

        Map<String, String> labels = labels(data);
        labels.putIfAbsent("type", event.type());
        String fingerprint = textAt(data, fingerprintPointer);
        String service = textAt(data, servicePointer);
        String title = textAt(data, titlePointer);
        return new MonitoringEvent(
                SECTION,
                alertId,
                fingerprint != null ? fingerprint : event.subject() != null ? event.source() + " " + event.subject() : alertId,
                service == null ? MonitoringEvent.UNKNOWN_SERVICE : config.serviceFor(service),
                settings.severityOf(textAt(data, severityPointer)),
                status,
                startsAt,
                endsAt,
                bounded(title != null ? title : event.subject() != null ? event.type() + " " + event.subject() : event.type()),
                labelPolicy.keep(labels),
                version(order, status, where),
                observedAt,
                textAt(data, linkPointer));
    }

    /** Twice the order, plus one when resolved; an order too large for that is refused, naming where it came from. */
    private long version(long order, AlertStatus status, String where) {
        try {
            return Math.addExact(Math.multiplyExact(order, 2L), status == AlertStatus.RESOLVED ? 1L : 0L);
        } catch (ArithmeticException e) {
            throw new InvalidRecordException(where + ": " + (versionPointer == null ? "time" : "data" + settings.versionPointer())
                    + " is " + order + ", too large to order the alert's versions");
        }
    }

    private String alertKey(Attributes event, JsonNode data) {
        if ("id".equals(settings.alertKey())) {
            return event.id();
        }
        String fromData = textAt(data, alertKeyPointer);
        if (fromData != null) {
            return fromData;
        }
        return event.subject() != null ? event.subject() : event.id();
    }

    private AlertStatus status(String type, JsonNode data, String where) {
        String value = textAt(data, statusPointer);
        if (value != null) {
            AlertStatus status = statusOf(value);
            if (status == null) {
                throw new InvalidRecordException(where + ": data" + settings.statusPointer() + " '" + value
                        + "' is neither a firing nor a resolved value (cloudevents.firingValues, cloudevents.resolvedValues)");
            }
            return status;
        }
        // Null: the type ends in neither word, so the event has no lifecycle (a one-shot occurrence).
        return statusOf(type.substring(type.lastIndexOf('.') + 1));
    }

    private AlertStatus statusOf(String value) {
        if (resolvedValues.contains(value)) {
            return AlertStatus.RESOLVED;
        }
        return firingValues.contains(value) ? AlertStatus.FIRING : null;
    }

    /** The order of versions: the value at the version pointer (a number, or a time in ms), else time in ms. */
    private long order(JsonNode data, Instant time, String where) {
        if (versionPointer != null) {
            JsonNode value = data.at(versionPointer);
            if (value.isIntegralNumber()) {
                return value.asLong();
            }
            if (value.isTextual() && !value.asText().isBlank()) {
                String text = value.asText().trim();
                if (text.chars().allMatch(Character::isDigit)) {
                    return Long.parseLong(text);
                }
                return time(text, where + ": data" + settings.versionPointer()).toEpochMilli();
            }
            throw new InvalidRecordException(where + ": data" + settings.versionPointer()
                    + " (cloudevents.versionPointer) is missing or neither a whole number nor a time");
        }
        if (time == null) {
            throw new InvalidRecordException(where + ": attribute time is missing, and no cloudevents.versionPointer is set, "
                    + "so the versions of the alert cannot be ordered");
        }
        return time.toEpochMilli();
    }

    private Map<String, String> labels(JsonNode data) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (labelsPointer == null) {
            return labels;
        }
        JsonNode node = data.at(labelsPointer);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    labels.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        return labels;
    }

    /**
     * The event's data as JSON: {@code data}, or {@code data_base64} holding JSON; an empty object otherwise. Binary
     * data that is not JSON (an image, a protobuf, plain text: the spec allows any) is accepted and not read: the
     * event is taken by its attributes alone.
     */
    private static JsonNode data(JsonNode event, String where) {
        JsonNode data = event.get("data");
        if (data != null && !data.isNull()) {
            return data;
        }
        JsonNode base64 = event.get("data_base64");
        if (base64 != null && !base64.isNull()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(where + ": data_base64 is not base64");
            }
            return jsonOrEmpty(bytes);
        }
        return Json.mapper().createObjectNode();
    }

    /** The bytes as a JSON document when they are one; an empty object when they are other binary data. */
    private static JsonNode jsonOrEmpty(byte[] bytes) {
        try {
            JsonNode parsed = Json.strictReader().readTree(bytes);
            return parsed == null || parsed.isMissingNode() ? Json.mapper().createObjectNode() : parsed;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static Instant instantAt(JsonNode data, JsonPointer pointer, String where, String path) {
        if (pointer == null) {
            return null;
        }
        JsonNode value = data.at(pointer);
        if (value.isIntegralNumber()) {
            return epoch(value.asLong());
        }
        String text = value.isValueNode() && !value.isNull() ? value.asText().trim() : "";
        if (text.isEmpty()) {
            return null;
        }
        return text.chars().allMatch(Character::isDigit) ? epoch(Long.parseLong(text)) : time(text, where + ": data" + path);
    }

    private static Instant epoch(long value) {
        return value < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
    }

    private static Instant time(String value, String where) {
        try {
            return SourceTimes.plausible(OffsetDateTime.parse(value.trim()).toInstant(), where);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(where + " is not an RFC 3339 time: '" + value + "'");
        }
    }

    private static String textAt(JsonNode data, JsonPointer pointer) {
        if (pointer == null) {
            return null;
        }
        JsonNode value = data.at(pointer);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static String attribute(JsonNode event, String name) {
        JsonNode value = event.get(name);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static String header(Delivery delivery, String name) {
        String value = delivery.header(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String bounded(String title) {
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH);
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The context attributes read, from the body (structured) or the {@code ce-} headers (binary). */
    private record Attributes(String specversion, String id, String source, String type, String time, String subject) {
    }
}
