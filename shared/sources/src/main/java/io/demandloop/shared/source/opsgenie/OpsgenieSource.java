package io.demandloop.shared.source.opsgenie;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.LabelPolicy;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opsgenie's outgoing Webhook integration ({@code /hooks/opsgenie}).
 *
 * <p><b>Verification.</b> The integration cannot sign; its custom headers carry a shared secret in
 * {@code Authorization} (bearer, or basic {@code user:password}).
 *
 * <p><b>Normalisation.</b> Each delivery is one action on one alert, with the alert as it stands after it.
 * The payload has no status field, so the status comes from the action: {@code Create}, {@code Acknowledge},
 * {@code UnAcknowledge} are firing, {@code Close} is resolved (both lists configurable). Every other action
 * ({@code AddNote}, {@code AssignOwnership}, {@code Snooze}, {@code AddTags}, {@code UpdatePriority}, …) is
 * ignored and answered 2xx: it changes no status, and because it can also happen on a closed alert, taking it
 * as firing could reopen a closed alert. Tags, details, priority and message are read afresh at each taken
 * action, so the close carries their final values.
 *
 * <p>Identity: {@code alert.alertId} (one Opsgenie alert; a new alert with the same alias after a close is a new
 * alertId); fingerprint: {@code alert.alias}, which Opsgenie deduplicates on. Version: {@code alert.updatedAt},
 * else {@code alert.createdAt}, in epoch <em>microseconds</em>: Opsgenie sends updatedAt in nanoseconds and
 * createdAt in milliseconds (the unit is told by the magnitude), and two automated actions can fall in the same
 * millisecond. The alert's {@code username}, {@code userId}, {@code source}, recipients and responders (people)
 * are never read; details and tags go through the {@link LabelPolicy}.
 */
public final class OpsgenieSource implements WebhookSource {

    /** The source name, intake path segment and configuration section. */
    public static final String SECTION = "opsgenie";

    /** Longest title kept, so that a stored alert stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private final OpsgenieConfig settings;
    private final Set<String> firingActions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> resolvedActions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final LabelPolicy labelPolicy;
    private final DemandloopConfig config;

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public OpsgenieSource(DemandloopConfig config) {
        this.settings = config.section(SECTION, OpsgenieConfig.class).validated();
        this.firingActions.addAll(settings.firingActions());
        this.resolvedActions.addAll(settings.resolvedActions());
        this.labelPolicy = new LabelPolicy(settings.dropLabels(), settings.dropLabelPrefixes());
        this.config = config;
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return SharedSecret.verifyAuthorization(name(), delivery.header("authorization"), secrets);
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRecordException("the body must be an Opsgenie webhook object with action and alert");
        }
        String action = required(body, "action", "body");
        AlertStatus status;
        if (resolvedActions.contains(action)) {
            status = AlertStatus.RESOLVED;
        } else if (firingActions.contains(action)) {
            status = AlertStatus.FIRING;
        } else {
            return NormalisedDelivery.ignored("Opsgenie action '" + action
                    + "' changes nothing demandloop keeps (opsgenie.firingActions, opsgenie.resolvedActions)");
        }
        JsonNode alert = body.get("alert");
        if (alert == null || !alert.isObject()) {
            throw new InvalidRecordException("alert is missing or not an object");
        }
        return NormalisedDelivery.ofAlerts(List.of(event(action, status, alert)));
    }

    private MonitoringEvent event(String action, AlertStatus status, JsonNode alert) {
        String alertId = required(alert, "alertId", "alert");
        Instant createdAt = epoch(alert, "createdAt");
        Instant updatedAt = epoch(alert, "updatedAt");
        if (createdAt == null && updatedAt == null) {
            throw new InvalidRecordException("alert.createdAt is missing (and so is alert.updatedAt); the alert cannot be ordered");
        }
        Instant startsAt = createdAt != null ? createdAt : updatedAt;
        // Truncated to the version's unit, so that endsAt and observedAt say what the version says.
        Instant latest = (updatedAt != null && updatedAt.isAfter(startsAt) ? updatedAt : startsAt).truncatedTo(ChronoUnit.MICROS);
        String priority = priority(alert.get("priority"));
        Map<String, String> labels = labels(alert, action, priority);
        String alias = text(alert, "alias");
        return new MonitoringEvent(
                SECTION,
                alertId,
                alias != null ? alias : alertId,
                service(labels),
                settings.severityOf(priority),
                status,
                startsAt,
                status == AlertStatus.RESOLVED ? latest : null,
                title(text(alert, "message"), alertId),
                labelPolicy.keep(labels),
                microsSinceEpoch(latest),
                latest,
                link(alertId, text(alert, "tinyId")));
    }

    /** The version: microseconds since the epoch; a time too far out for that is not a real alert time. */
    private static long microsSinceEpoch(Instant instant) {
        try {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        } catch (ArithmeticException e) {
            throw new InvalidRecordException("alert.updatedAt/createdAt is not a plausible time: " + instant);
        }
    }

    private Map<String, String> labels(JsonNode alert, String action, String priority) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode details = alert.get("details");
        if (details != null && details.isObject()) {
            for (Map.Entry<String, JsonNode> field : details.properties()) {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    labels.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        List<String> plainTags = new ArrayList<>();
        JsonNode tags = alert.get("tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode tag : tags) {
                String value = tag.asText().trim();
                int colon = value.indexOf(':');
                if (colon > 0 && colon < value.length() - 1) {
                    labels.putIfAbsent(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
                } else if (!value.isEmpty() && !LabelPolicy.looksLikeEmail(value)) {
                    plainTags.add(value);
                }
            }
        }
        if (!plainTags.isEmpty()) {
            labels.put("tags", String.join(",", plainTags));
        }
        String entity = text(alert, "entity");
        if (entity != null) {
            labels.putIfAbsent("entity", entity);
        }
        if (priority != null) {
            labels.put("priority", priority);
        }
        labels.put("action", action);
        return labels;
    }

    private String service(Map<String, String> labels) {
        for (String label : settings.serviceLabels()) {
            String value = labels.get(label);
            if (value != null && !value.isBlank() && !LabelPolicy.looksLikeEmail(value)) {
                return config.serviceFor(value);
            }
        }
        return MonitoringEvent.UNKNOWN_SERVICE;
    }

    private String link(String alertId, String tinyId) {
        if (settings.alertUrlTemplate().isEmpty()) {
            return null;
        }
        return settings.alertUrlTemplate()
                .replace("{alertId}", URLEncoder.encode(alertId, StandardCharsets.UTF_8))
                .replace("{tinyId}", tinyId == null ? "" : URLEncoder.encode(tinyId, StandardCharsets.UTF_8));
    }

    /** Opsgenie writes the priority as {@code "P3"}, and in older payloads as the number 3. */
    private static String priority(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return "P" + node.asInt();
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        return text.chars().allMatch(Character::isDigit) ? "P" + text : text;
    }

    /** An epoch time whose unit is told by its magnitude: seconds, milliseconds, microseconds or nanoseconds. */
    static Instant epoch(JsonNode alert, String field) {
        JsonNode node = alert.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        long value;
        if (node.isIntegralNumber()) {
            value = node.asLong();
        } else {
            try {
                value = Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new InvalidRecordException("alert." + field + " must be an epoch time, was '" + node.asText() + "'");
            }
        }
        if (value <= 0) {
            throw new InvalidRecordException("alert." + field + " must be a positive epoch time, was " + value);
        }
        if (value < 100_000_000_000L) {
            return Instant.ofEpochSecond(value);
        }
        if (value < 100_000_000_000_000L) {
            return Instant.ofEpochMilli(value);
        }
        if (value < 100_000_000_000_000_000L) {
            return Instant.EPOCH.plus(value, ChronoUnit.MICROS);
        }
        return Instant.ofEpochSecond(0, value);
    }

    private static String title(String message, String alertId) {
        String value = message == null ? "Opsgenie alert " + alertId : message;
        return value.length() <= MAX_TITLE_LENGTH ? value : value.substring(0, MAX_TITLE_LENGTH);
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
