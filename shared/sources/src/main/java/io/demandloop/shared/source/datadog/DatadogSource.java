package io.demandloop.shared.source.datadog;

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
import io.demandloop.shared.source.auth.SharedSecret;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Datadog's Webhooks integration ({@code /hooks/datadog}), with the payload template of
 * {@code docs/sources.md} (fields named below; Datadog substitutes its {@code $VARIABLES} into it).
 *
 * <p><b>Verification.</b> Datadog cannot sign; the webhook's custom headers carry a shared secret in
 * {@code Authorization} (bearer, or basic {@code user:password}).
 *
 * <p><b>Normalisation.</b> One delivery is one monitor notification:
 * <ul>
 *   <li>status from {@code alert_transition} ({@code $ALERT_TRANSITION}) by {@code datadog.transitions}:
 *       Triggered, Re-Triggered, Warn, No Data, Renotify … are firing, Recovered is resolved;</li>
 *   <li>alertId = {@code alert_cycle_key} ({@code $ALERT_CYCLE_KEY}: the same from the trigger to the recovery),
 *       else {@code aggreg_key}; fingerprint = {@code aggreg_key} ({@code $AGGREG_KEY}: the monitor and group,
 *       across cycles), else {@code alert_id} and the scope;</li>
 *   <li>version = {@code last_updated} ({@code $LAST_UPDATED}), else {@code date} ({@code $DATE}), in epoch
 *       milliseconds; {@code date} is also startsAt, because Datadog does not say when a cycle began: a
 *       renotification or recovery carries its own date, later than the trigger's;</li>
 *   <li>service from the {@code service:} tag of {@code tags} ({@code $TAGS}) or {@code alert_scope}
 *       ({@code $ALERT_SCOPE}); severity from {@code alert_priority}, else {@code alert_type};</li>
 *   <li>title from {@code alert_title}, else {@code title} ({@code $EVENT_TITLE}), without the leading
 *       {@code [Triggered]}/{@code [P1]} markers, so that it is the same in every state; link {@code link}.</li>
 * </ul>
 * A variable Datadog left unsubstituted ({@code "$ALERT_CYCLE_KEY"}) counts as absent. {@code $EMAIL},
 * {@code $USER} and {@code $USERNAME} are not in the template and never read.
 */
public final class DatadogSource implements WebhookSource {

    /** The source name, intake path segment and configuration section. */
    public static final String SECTION = "datadog";

    /** Longest title kept, so that a stored alert stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    private static final Pattern UNSUBSTITUTED = Pattern.compile("\\$[A-Z][A-Z0-9_]*(\\[[^\\]]*\\])?");
    private static final Pattern STATE_MARKERS = Pattern.compile(
            "^\\s*(\\[\\s*(P[1-5]|Triggered|Re-Triggered|Recovered|Warn|Re-Warn|No Data|Re-No Data|Renotify|Test)\\b[^\\]]*\\]\\s*)+",
            Pattern.CASE_INSENSITIVE);

    private final DatadogConfig settings;
    private final LabelPolicy labelPolicy;
    private final DemandloopConfig config;

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public DatadogSource(DemandloopConfig config) {
        this.settings = config.section(SECTION, DatadogConfig.class).validated();
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
            throw new InvalidRecordException("the body must be the JSON object of the demandloop Datadog payload template");
        }
        String transition = required(body, "alert_transition");
        String outcome = settings.transitions().get(transition);
        if (outcome == null) {
            throw new InvalidRecordException("alert_transition '" + transition + "' is not mapped; map it to firing, resolved or ignore in datadog.transitions");
        }
        if (DatadogConfig.IGNORE.equals(outcome)) {
            return NormalisedDelivery.ignored("Datadog transition '" + transition + "' is ignored (datadog.transitions)");
        }
        AlertStatus status = DatadogConfig.RESOLVED.equals(outcome) ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        return NormalisedDelivery.ofAlerts(List.of(event(body, transition, status)));
    }

    private MonitoringEvent event(JsonNode body, String transition, AlertStatus status) {
        String cycleKey = text(body, "alert_cycle_key");
        String aggregationKey = text(body, "aggreg_key");
        String monitorId = text(body, "alert_id");
        String scope = text(body, "alert_scope");
        if (cycleKey == null && aggregationKey == null) {
            throw new InvalidRecordException("alert_cycle_key and aggreg_key are both missing; the template must send $ALERT_CYCLE_KEY");
        }
        String dateField = text(body, "last_updated") != null ? "last_updated" : "date";
        String dateText = text(body, dateField);
        if (dateText == null) {
            throw new InvalidRecordException("date is missing (and so is last_updated); the template must send $DATE");
        }
        Instant at = time(dateText, dateField);
        String eventDate = text(body, "date");
        Instant startsAt = eventDate == null ? at : time(eventDate, "date");

        Map<String, String> labels = new LinkedHashMap<>();
        addTags(labels, text(body, "tags"));
        addTags(labels, scope);
        putIfPresent(labels, "monitor_id", monitorId);
        putIfPresent(labels, "transition", transition);
        putIfPresent(labels, "alert_type", text(body, "alert_type"));
        putIfPresent(labels, "alert_priority", text(body, "alert_priority"));
        putIfPresent(labels, "event_priority", text(body, "priority"));
        putIfPresent(labels, "host", text(body, "hostname"));

        String fingerprint = aggregationKey != null ? aggregationKey
                : monitorId != null ? monitorId + (scope == null ? "" : "|" + scope) : cycleKey;
        return new MonitoringEvent(
                SECTION,
                cycleKey != null ? cycleKey : aggregationKey,
                fingerprint,
                service(labels),
                severity(text(body, "alert_priority"), text(body, "alert_type")),
                status,
                startsAt.isAfter(at) ? at : startsAt,
                status == AlertStatus.RESOLVED ? at : null,
                title(text(body, "alert_title"), text(body, "title"), fingerprint),
                labelPolicy.keep(labels),
                at.toEpochMilli(),
                at,
                text(body, "link"));
    }

    private Severity severity(String priority, String alertType) {
        Severity byPriority = settings.severityOf(priority);
        if (byPriority != null) {
            return byPriority;
        }
        Severity byType = settings.severityOf(alertType);
        return byType != null ? byType : settings.defaultSeverity();
    }

    private String service(Map<String, String> labels) {
        for (String tag : settings.serviceTags()) {
            String value = labels.get(tag);
            if (value != null && !value.isBlank() && !LabelPolicy.looksLikeEmail(value)) {
                return config.serviceFor(value);
            }
        }
        return MonitoringEvent.UNKNOWN_SERVICE;
    }

    /** Datadog tags, comma-separated {@code key:value} (or bare) items; bare tags are kept together in {@code tags}. */
    private static void addTags(Map<String, String> labels, String tags) {
        if (tags == null) {
            return;
        }
        List<String> bare = new ArrayList<>();
        for (String item : tags.split(",")) {
            String tag = item.trim();
            int colon = tag.indexOf(':');
            if (colon > 0 && colon < tag.length() - 1) {
                labels.putIfAbsent(tag.substring(0, colon).trim(), tag.substring(colon + 1).trim());
            } else if (!tag.isEmpty() && !LabelPolicy.looksLikeEmail(tag)) {
                bare.add(tag);
            }
        }
        if (!bare.isEmpty()) {
            labels.merge("tags", String.join(",", bare), (a, b) -> a + "," + b);
        }
    }

    private static String title(String alertTitle, String eventTitle, String fingerprint) {
        String raw = alertTitle != null ? alertTitle : eventTitle != null ? eventTitle : "Datadog monitor " + fingerprint;
        String title = STATE_MARKERS.matcher(raw).replaceFirst("").trim();
        if (title.isEmpty()) {
            title = raw.trim();
        }
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH);
    }

    /** An epoch time as Datadog substitutes it (digits; unit told by magnitude), or an ISO-8601 time. */
    static Instant time(String value, String field) {
        if (value.chars().allMatch(Character::isDigit)) {
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidRecordException(field + " is not an epoch time: '" + value + "'");
            }
            if (number < 100_000_000_000L) {
                return Instant.ofEpochSecond(number);
            }
            if (number < 100_000_000_000_000L) {
                return Instant.ofEpochMilli(number);
            }
            try {
                return Instant.ofEpochSecond(0, Math.multiplyExact(number, number < 100_000_000_000_000_000L ? 1_000L : 1L));
            } catch (ArithmeticException | java.time.DateTimeException e) {
                throw new InvalidRecordException(field + " is not a plausible epoch time: '" + value + "'");
            }
        }
        try {
            return io.demandloop.shared.time.SourceTimes.plausible(OffsetDateTime.parse(value).toInstant(), field);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field + " is neither an epoch time nor an ISO-8601 time: '" + value + "'");
        }
    }

    private static void putIfPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new InvalidRecordException(field + " is missing or empty");
        }
        return value;
    }

    /** A field as trimmed text; empty, or a variable Datadog left unsubstituted, is null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() || UNSUBSTITUTED.matcher(text).matches() ? null : text;
    }
}
