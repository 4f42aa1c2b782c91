package io.demandloop.shared.source.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.LabelPolicy;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.time.SourceTimes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Normalises the {@code alerts[]} of an Alertmanager-shaped webhook body (Prometheus Alertmanager's payload
 * version 4, and Grafana's contact point, which sends the same shape) into one {@link MonitoringEvent} per
 * alert, each on its own {@code status}: a group notification may hold firing and resolved alerts together.
 *
 * <h2>Identity and order</h2>
 * <ul>
 *   <li>An <em>occurrence</em> is one firing episode of one alert: {@code alertId = fingerprint + "@" + startsAt}
 *       (startsAt as a UTC instant, so that the same instant written with another offset is the same id).
 *       Prometheus gives an alert that fires again after resolving a new {@code startsAt}, hence a new
 *       occurrence; {@code fingerprint} alone identifies the alert across occurrences.</li>
 *   <li>The payload says nothing about when a notification was sent, and a firing alert is re-sent unchanged.
 *       The version is therefore derived from the state itself: the latest instant it carries
 *       ({@code startsAt} while firing, {@code max(startsAt, endsAt)} once resolved), in epoch milliseconds,
 *       times two, plus one when resolved. So a resolved version always beats a firing version of the same
 *       occurrence, even when they carry the same instant; a later {@code endsAt} beats an earlier one; and
 *       re-sent firing notifications are the same version, i.e. duplicates.</li>
 *   <li>{@code endsAt} of {@code 0001-01-01T00:00:00Z} (Go's zero time) means "not ended"; a firing alert
 *       always has a null {@code endsAt}, whatever the payload says (Alertmanager hides an end it has not
 *       reached yet).</li>
 * </ul>
 *
 * <p>Annotations are not kept (they hold prose and URLs); labels are, through the {@link LabelPolicy}.
 */
public final class AlertmanagerNormaliser {

    /** Longest title kept, so that a stored alert stays a small item. */
    public static final int MAX_TITLE_LENGTH = 200;

    // Anything in year 1 is Go's zero time, whatever offset it was written with.
    private static final Instant END_OF_GO_ZERO_YEAR = Instant.parse("0002-01-01T00:00:00Z");

    private final String source;
    private final AlertLabelMapping mapping;
    private final LabelPolicy labelPolicy;
    private final DemandloopConfig config;

    /**
     * @param source  the source name the events carry, e.g. {@code alertmanager}
     * @param mapping how labels become canonical fields
     * @param config  for the service catalog's aliases
     */
    public AlertmanagerNormaliser(String source, AlertLabelMapping mapping, DemandloopConfig config) {
        this.source = Objects.requireNonNull(source, "source");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.labelPolicy = mapping.labelPolicy();
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * One event per alert of the body, in delivery order.
     *
     * @throws InvalidRecordException naming the first alert and field that cannot be read
     */
    public List<MonitoringEvent> normalise(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRecordException("the body must be a webhook object with an alerts array");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new InvalidRecordException("alerts is missing or not an array");
        }
        if (alerts.isEmpty()) {
            throw new InvalidRecordException("alerts is empty");
        }
        List<MonitoringEvent> events = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            events.add(normaliseAlert(alerts.get(i), "alerts[" + i + "]"));
        }
        return events;
    }

    private MonitoringEvent normaliseAlert(JsonNode alert, String where) {
        if (!alert.isObject()) {
            throw new InvalidRecordException(where + " is not an object");
        }
        AlertStatus status = status(required(alert, "status", where), where);
        String fingerprint = required(alert, "fingerprint", where);
        Instant startsAt = time(required(alert, "startsAt", where), where + ".startsAt");
        if (startsAt == null) {
            throw new InvalidRecordException(where + ".startsAt is the zero time; an alert must say when it started");
        }
        Instant endsAt = null;
        if (status == AlertStatus.RESOLVED) {
            String ends = text(alert, "endsAt");
            endsAt = ends == null ? null : time(ends, where + ".endsAt");
            if (endsAt == null) {
                throw new InvalidRecordException(where + ".endsAt is missing or the zero time; a resolved alert must say when it ended");
            }
        }
        Map<String, String> labels = strings(alert.get("labels"), where + ".labels");
        Map<String, String> annotations = strings(alert.get("annotations"), where + ".annotations");
        Instant observedAt = latest(startsAt, endsAt);
        return new MonitoringEvent(
                source,
                alertId(fingerprint, startsAt),
                fingerprint,
                service(labels),
                mapping.severityOf(labels.get(mapping.severityLabel())),
                status,
                startsAt,
                endsAt,
                title(annotations.get(mapping.titleAnnotation()), labels.get("alertname"), fingerprint),
                labelPolicy.keep(labels),
                version(status, startsAt, endsAt),
                observedAt,
                text(alert, "generatorURL"));
    }

    /** The identity of one occurrence: the fingerprint and the UTC instant it started. */
    public static String alertId(String fingerprint, Instant startsAt) {
        return fingerprint + "@" + startsAt;
    }

    /**
     * The version of a state of one occurrence: the latest instant it carries in epoch milliseconds, times two,
     * plus one when resolved, so that resolved beats firing at the same instant.
     */
    public static long version(AlertStatus status, Instant startsAt, Instant endsAt) {
        long millis = latest(startsAt, endsAt).toEpochMilli();
        return Math.addExact(Math.multiplyExact(millis, 2L), status == AlertStatus.RESOLVED ? 1L : 0L);
    }

    /**
     * An RFC 3339 time as Alertmanager and Grafana write it (any offset, up to nanoseconds); null for Go's zero
     * time {@code 0001-01-01T00:00:00Z}, which means "not set".
     *
     * @param where the field, for the message
     */
    public static Instant time(String value, String where) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(where + " is not an RFC 3339 time: '" + value + "'");
        }
        return instant.isBefore(END_OF_GO_ZERO_YEAR) ? null : SourceTimes.plausible(instant, where);
    }

    private String service(Map<String, String> labels) {
        for (String label : mapping.serviceLabels()) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                return config.serviceFor(value);
            }
        }
        return MonitoringEvent.UNKNOWN_SERVICE;
    }

    private static String title(String annotation, String alertname, String fingerprint) {
        String title = annotation != null && !annotation.isBlank() ? annotation.trim()
                : alertname != null && !alertname.isBlank() ? alertname.trim() : fingerprint;
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH);
    }

    private static Instant latest(Instant startsAt, Instant endsAt) {
        return endsAt != null && endsAt.isAfter(startsAt) ? endsAt : startsAt;
    }

    private static AlertStatus status(String value, String where) {
        return switch (value) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new InvalidRecordException(where + ".status must be firing or resolved, was '" + value + "'");
        };
    }

    private static Map<String, String> strings(JsonNode node, String where) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new InvalidRecordException(where + " is not an object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        return values;
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null) {
            throw new InvalidRecordException(where + "." + field + " is missing or empty");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }
}
