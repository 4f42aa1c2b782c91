package io.demandloop.shared.source.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.LabelPolicy;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.HmacSignature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * PagerDuty webhooks v3 ({@code /hooks/pagerduty}).
 *
 * <p><b>Verification.</b> {@code X-PagerDuty-Signature} carries one or more {@code v1=<hex>} values separated by
 * commas (several while a subscription's secret is rotated): HMAC-SHA256 of the raw body. The delivery is
 * authentic when any value matches any configured secret, compared in constant time.
 *
 * <p><b>Normalisation.</b> An incident event of a configured type ({@code incident.triggered},
 * {@code .acknowledged}, {@code .resolved}, {@code .reopened}, {@code .escalated}, {@code .priority_updated}, …)
 * becomes one event describing the incident as {@code event.data} states it: alertId = the incident id,
 * version = {@code occurred_at} in epoch milliseconds, status from {@code data.status} (triggered and
 * acknowledged are firing, resolved is resolved), service from {@code data.service.summary}. Other event types
 * are ignored and answered 2xx, because PagerDuty disables a subscription after repeated 4xx. Assignees and
 * agents (people) are never read.
 */
public final class PagerDutySource implements WebhookSource {

    /** The source name, intake path segment and configuration section. */
    public static final String SECTION = "pagerduty";
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-PagerDuty-Signature";

    /** Longest title kept, so that a stored alert stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private static final String SIGNATURE_VERSION = "v1=";

    private final PagerDutyConfig settings;
    private final Set<String> eventTypes;
    private final DemandloopConfig config;
    // PagerDuty's own fields are chosen below; this only applies the email rule and the bounds.
    private final LabelPolicy labelPolicy = new LabelPolicy(List.of(), List.of());

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public PagerDutySource(DemandloopConfig config) {
        this.settings = config.section(SECTION, PagerDutyConfig.class).validated();
        this.eventTypes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        this.eventTypes.addAll(settings.eventTypes());
        this.config = config;
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        String header = delivery.header(SIGNATURE_HEADER);
        if (header == null || header.isBlank()) {
            return VerificationResult.rejected("missing " + SIGNATURE_HEADER + " header");
        }
        List<String> presented = new ArrayList<>();
        for (String part : header.split(",")) {
            String value = part.trim();
            if (value.startsWith(SIGNATURE_VERSION) && value.length() > SIGNATURE_VERSION.length()) {
                presented.add(value.substring(SIGNATURE_VERSION.length()));
            }
        }
        if (presented.isEmpty()) {
            return VerificationResult.rejected(SIGNATURE_HEADER + " carries no v1=<hex> signature");
        }
        return HmacSignature.matchesAnyHex(presented, secrets, delivery.body())
                ? VerificationResult.accepted()
                : VerificationResult.rejected("no " + SIGNATURE_HEADER + " value matches the body for source '" + SECTION + "'");
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRecordException("the body must be a PagerDuty webhook v3 object with an event");
        }
        JsonNode event = body.get("event");
        if (event == null || !event.isObject()) {
            throw new InvalidRecordException("event is missing or not an object (is this a webhook v3 subscription?)");
        }
        String eventType = required(event, "event_type", "event");
        if (!eventTypes.contains(eventType)) {
            return NormalisedDelivery.ignored("PagerDuty event type '" + eventType + "' is not taken (pagerduty.eventTypes)");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidRecordException("event.data is missing or not an object");
        }
        String dataType = text(data, "type");
        if (dataType != null && !"incident".equals(dataType)) {
            // A type added to pagerduty.eventTypes whose data is a note, a responder, …: nothing to take, and a 4xx
            // would count towards PagerDuty disabling the subscription.
            return NormalisedDelivery.ignored("PagerDuty event type '" + eventType + "' carries " + dataType + ", not an incident");
        }
        return NormalisedDelivery.ofAlerts(List.of(incident(eventType, event, data)));
    }

    private MonitoringEvent incident(String eventType, JsonNode event, JsonNode data) {
        String id = required(data, "id", "event.data");
        Instant occurredAt = time(required(event, "occurred_at", "event"), "event.occurred_at");
        String statusText = required(data, "status", "event.data");
        AlertStatus status = switch (statusText) {
            case "triggered", "acknowledged" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new InvalidRecordException("event.data.status must be triggered, acknowledged or resolved, was '"
                    + statusText + "'");
        };
        String created = text(data, "created_at");
        Instant startsAt = created == null ? occurredAt : time(created, "event.data.created_at");
        String serviceName = text(data.path("service"), "summary");
        String priority = text(data.path("priority"), "summary");
        String urgency = text(data, "urgency");
        String incidentKey = text(data, "incident_key");

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("event_type", eventType);
        labels.put("status", statusText);
        putIfPresent(labels, "urgency", urgency);
        putIfPresent(labels, "priority", priority);
        putIfPresent(labels, "incident_number", text(data, "number"));
        putIfPresent(labels, "service_id", text(data.path("service"), "id"));
        putIfPresent(labels, "escalation_policy", text(data.path("escalation_policy"), "summary"));

        return new MonitoringEvent(
                SECTION,
                id,
                incidentKey != null ? incidentKey : id,
                serviceName == null ? MonitoringEvent.UNKNOWN_SERVICE : config.serviceFor(serviceName),
                severity(priority, urgency),
                status,
                startsAt,
                status == AlertStatus.RESOLVED ? occurredAt : null,
                title(text(data, "title"), id),
                labelPolicy.keep(labels),
                occurredAt.toEpochMilli(),
                occurredAt,
                text(data, "html_url"));
    }

    private Severity severity(String priority, String urgency) {
        Severity byPriority = settings.severityOf(priority);
        if (byPriority != null) {
            return byPriority;
        }
        Severity byUrgency = settings.severityOf(urgency);
        return byUrgency != null ? byUrgency : settings.defaultSeverity();
    }

    private static String title(String title, String id) {
        String value = title == null ? "PagerDuty incident " + id : title;
        return value.length() <= MAX_TITLE_LENGTH ? value : value.substring(0, MAX_TITLE_LENGTH);
    }

    private static Instant time(String value, String where) {
        try {
            return io.demandloop.shared.time.SourceTimes.plausible(OffsetDateTime.parse(value).toInstant(), where);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(where + " is not an ISO-8601 time: '" + value + "'");
        }
    }

    private static void putIfPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null) {
            throw new InvalidRecordException(where + "." + field + " is missing or empty");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }
}
