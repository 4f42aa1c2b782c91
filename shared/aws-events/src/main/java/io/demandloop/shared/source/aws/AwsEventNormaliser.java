package io.demandloop.shared.source.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.LabelPolicy;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises the AWS events the template's rules take from the default event bus (no webhook): CloudWatch
 * {@value #ALARM_STATE_CHANGE} and {@value #HEALTH_EVENT}. The alert store function calls it with the envelope
 * EventBridge hands its target. Settings come from configuration section {@value #SECTION}.
 *
 * <h2>CloudWatch alarms</h2>
 * An occurrence is one continuous period in a firing state (ALARM, and INSUFFICIENT_DATA when
 * {@code aws.cloudwatch.insufficientData} is {@code firing}):
 * {@code alertId = alarm ARN + "@" + the instant that state was entered}. The event into a firing state gives
 * that instant in {@code detail.state.timestamp}; the event out of it repeats it in
 * {@code detail.previousState.timestamp}. So an ALARM→OK pair is one occurrence without any stored state.
 * Per event:
 * <ul>
 *   <li>not firing → firing: the occurrence starting at {@code state.timestamp}, firing;</li>
 *   <li>firing → not firing: the occurrence starting at {@code previousState.timestamp}, resolved at
 *       {@code state.timestamp};</li>
 *   <li>firing → firing (ALARM ↔ INSUFFICIENT_DATA when that fires): both, the old occurrence resolved and a new
 *       one firing, so that every occurrence still closes;</li>
 *   <li>not firing → not firing: nothing.</li>
 * </ul>
 * fingerprint = the alarm ARN (from {@code resources}, else built from region, account and name); version =
 * {@code state.timestamp} in epoch milliseconds (a resolution is always later than its start). The service comes
 * from {@code aws.cloudwatch.services} (alarm-name prefixes), else the namespace of the alarm's first metric, as
 * alarm tags are not in the event.
 *
 * <h2>AWS Health</h2>
 * alertId = {@code detail.eventArn} + "#" + the affected account (status is per account when an organisation
 * forwards several accounts' events); fingerprint = the event ARN; status from {@code detail.statusCode}: open is
 * firing, closed is resolved, upcoming per {@code aws.health.upcoming}; version =
 * {@code detail.lastUpdatedTime} in epoch milliseconds (else the envelope's time); severity from
 * {@code detail.eventTypeCategory}.
 */
public final class AwsEventNormaliser {

    /** The configuration section. */
    public static final String SECTION = "aws";
    /** EventBridge source of CloudWatch alarm state changes; also the events' source. */
    public static final String CLOUDWATCH_SOURCE = "aws.cloudwatch";
    /** EventBridge detail-type of an alarm state change. */
    public static final String ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";
    /** EventBridge source of AWS Health events; also the events' source. */
    public static final String HEALTH_SOURCE = "aws.health";
    /** EventBridge detail-type of an AWS Health event. */
    public static final String HEALTH_EVENT = "AWS Health Event";

    /** Longest title kept, so that a stored alert stays a small item. */
    static final int MAX_TITLE_LENGTH = 200;

    // CloudWatch writes 2019-10-02T17:20:48.551+0000: an offset without a colon, which ISO parsing refuses.
    private static final DateTimeFormatter CLOUDWATCH_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final AwsEventsConfig settings;
    private final DemandloopConfig config;
    private final LabelPolicy labelPolicy = new LabelPolicy(List.of(), List.of());

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public AwsEventNormaliser(DemandloopConfig config) {
        this.settings = config.section(SECTION, AwsEventsConfig.class).validated();
        this.config = config;
    }

    /**
     * The monitoring events one EventBridge event stands for: none, one, or (a CloudWatch alarm moving between
     * two firing states) two.
     *
     * @throws InvalidRecordException when the event is of another kind, or a field it needs is missing or malformed
     */
    public List<MonitoringEvent> normalise(EventEnvelope envelope) {
        if (envelope == null) {
            throw new InvalidRecordException("no event");
        }
        if (CLOUDWATCH_SOURCE.equals(envelope.source()) && ALARM_STATE_CHANGE.equals(envelope.detailType())) {
            return alarm(envelope, object(envelope.detail(), "detail"));
        }
        if (HEALTH_SOURCE.equals(envelope.source()) && HEALTH_EVENT.equals(envelope.detailType())) {
            return health(envelope, object(envelope.detail(), "detail"));
        }
        throw new InvalidRecordException("not a CloudWatch alarm state change nor an AWS Health event: source '"
                + envelope.source() + "', detail-type '" + envelope.detailType() + "'");
    }

    // ---- CloudWatch ------------------------------------------------------------------------------------------

    private List<MonitoringEvent> alarm(EventEnvelope envelope, JsonNode detail) {
        String alarmName = required(detail, "alarmName", "detail");
        JsonNode state = object(detail.get("state"), "detail.state");
        String stateValue = required(state, "value", "detail.state");
        Instant stateAt = cloudWatchTime(required(state, "timestamp", "detail.state"), "detail.state.timestamp");
        boolean nowFiring = fires(stateValue, "detail.state.value");

        JsonNode previous = detail.get("previousState");
        String previousValue = previous == null || !previous.isObject() ? null : text(previous, "value");
        boolean wasFiring = previousValue != null && fires(previousValue, "detail.previousState.value");
        if (previousValue != null && previousValue.equals(stateValue)) {
            // Not a change of state (CloudWatch does not send these for alarms, but a replayed or hand-made one
            // must not split an occurrence).
            return List.of();
        }

        String arn = alarmArn(envelope, alarmName);
        String namespace = namespace(detail);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alarmName", alarmName);
        putIfPresent(labels, "namespace", namespace);
        putIfPresent(labels, "metricName", metricName(detail));
        putIfPresent(labels, "account", envelope.account());
        putIfPresent(labels, "region", envelope.region());
        labels.put("state", stateValue);
        Map<String, String> kept = labelPolicy.keep(labels);

        String service = service(alarmName, namespace);
        Severity severity = longestPrefix(settings.cloudwatch().severities(), alarmName, settings.cloudwatch().defaultSeverity());
        String title = bounded(alarmName);
        String link = "https://console.aws.amazon.com/cloudwatch/home"
                + (envelope.region() == null ? "" : "?region=" + envelope.region())
                + "#alarmsV2:alarm/" + URLEncoder.encode(alarmName, StandardCharsets.UTF_8).replace("+", "%20");

        List<MonitoringEvent> events = new ArrayList<>(2);
        if (wasFiring) {
            Instant startedAt = cloudWatchTime(required(previous, "timestamp", "detail.previousState"),
                    "detail.previousState.timestamp");
            events.add(new MonitoringEvent(CLOUDWATCH_SOURCE, occurrence(arn, startedAt), arn, service, severity,
                    AlertStatus.RESOLVED, startedAt, stateAt, title, kept, stateAt.toEpochMilli(), stateAt, link));
        }
        if (nowFiring) {
            events.add(new MonitoringEvent(CLOUDWATCH_SOURCE, occurrence(arn, stateAt), arn, service, severity,
                    AlertStatus.FIRING, stateAt, null, title, kept, stateAt.toEpochMilli(), stateAt, link));
        }
        return events;
    }

    /** The identity of one occurrence of an alarm: its ARN and the instant it entered the firing state. */
    public static String occurrence(String alarmArn, Instant firingSince) {
        return alarmArn + "@" + firingSince;
    }

    private boolean fires(String value, String where) {
        return switch (value) {
            case "ALARM" -> true;
            case "OK" -> false;
            case "INSUFFICIENT_DATA" -> settings.cloudwatch().insufficientDataFires();
            default -> throw new InvalidRecordException(where + " must be ALARM, OK or INSUFFICIENT_DATA, was '" + value + "'");
        };
    }

    private static String alarmArn(EventEnvelope envelope, String alarmName) {
        if (envelope.resources() != null) {
            for (String resource : envelope.resources()) {
                if (resource != null && resource.startsWith("arn:") && resource.contains(":alarm:")) {
                    return resource;
                }
            }
        }
        if (envelope.region() == null || envelope.account() == null) {
            throw new InvalidRecordException("resources holds no alarm ARN, and region or account is missing to build one");
        }
        return "arn:aws:cloudwatch:" + envelope.region() + ":" + envelope.account() + ":alarm:" + alarmName;
    }

    private String service(String alarmName, String namespace) {
        String byPrefix = longestPrefix(settings.cloudwatch().services(), alarmName, null);
        if (byPrefix != null) {
            return config.serviceFor(byPrefix);
        }
        return namespace == null ? MonitoringEvent.UNKNOWN_SERVICE : config.serviceFor(namespace);
    }

    private static <T> T longestPrefix(Map<String, T> byPrefix, String name, T otherwise) {
        String lowerName = name.toLowerCase(Locale.ROOT);
        String best = null;
        for (String prefix : byPrefix.keySet()) {
            if (lowerName.startsWith(prefix.toLowerCase(Locale.ROOT)) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? otherwise : byPrefix.get(best);
    }

    /** The namespace of the alarm's first metric ({@code AWS/EC2}); null for a composite alarm. */
    private static String namespace(JsonNode detail) {
        for (JsonNode metric : detail.path("configuration").path("metrics")) {
            String namespace = text(metric.path("metricStat").path("metric"), "namespace");
            if (namespace != null) {
                return namespace;
            }
        }
        return null;
    }

    private static String metricName(JsonNode detail) {
        for (JsonNode metric : detail.path("configuration").path("metrics")) {
            String name = text(metric.path("metricStat").path("metric"), "name");
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** A CloudWatch time: {@code 2019-10-02T17:20:48.551+0000}, or any ISO-8601 date-time with an offset. */
    static Instant cloudWatchTime(String value, String where) {
        try {
            return io.demandloop.shared.time.SourceTimes.plausible(OffsetDateTime.parse(value, CLOUDWATCH_TIME).toInstant(), where);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(where + " is not a time like 2019-10-02T17:20:48.551+0000: '" + value + "'");
        }
    }

    // ---- AWS Health ------------------------------------------------------------------------------------------

    private List<MonitoringEvent> health(EventEnvelope envelope, JsonNode detail) {
        String eventArn = required(detail, "eventArn", "detail");
        String statusCode = required(detail, "statusCode", "detail");
        AlertStatus status;
        switch (statusCode) {
            case "open" -> status = AlertStatus.FIRING;
            case "closed" -> status = AlertStatus.RESOLVED;
            case "upcoming" -> {
                if (!settings.health().upcomingFires()) {
                    return List.of();
                }
                status = AlertStatus.FIRING;
            }
            default -> throw new InvalidRecordException("detail.statusCode must be open, closed or upcoming, was '" + statusCode + "'");
        }
        Instant envelopeTime = envelope.time();
        Instant lastUpdated = healthTime(detail, "lastUpdatedTime", envelopeTime);
        Instant startsAt = healthTime(detail, "startTime", envelopeTime);
        if (lastUpdated == null || startsAt == null) {
            throw new InvalidRecordException("detail.lastUpdatedTime and the event's time are both missing; the event cannot be ordered");
        }
        Instant endsAt = null;
        if (status == AlertStatus.RESOLVED) {
            endsAt = healthTime(detail, "endTime", lastUpdated);
        }
        String account = text(detail, "affectedAccount");
        if (account == null) {
            account = envelope.account();
        }
        String category = text(detail, "eventTypeCategory");
        String awsService = text(detail, "service");
        String eventTypeCode = text(detail, "eventTypeCode");

        Map<String, String> labels = new LinkedHashMap<>();
        putIfPresent(labels, "awsService", awsService);
        putIfPresent(labels, "eventTypeCode", eventTypeCode);
        putIfPresent(labels, "eventTypeCategory", category);
        putIfPresent(labels, "eventScopeCode", text(detail, "eventScopeCode"));
        putIfPresent(labels, "region", text(detail, "eventRegion") != null ? text(detail, "eventRegion") : envelope.region());
        putIfPresent(labels, "account", account);
        labels.put("statusCode", statusCode);
        int affected = detail.path("affectedEntities").size();
        if (affected > 0) {
            labels.put("affectedEntities", Integer.toString(affected));
        }

        Severity severity = category == null ? settings.health().defaultSeverity()
                : settings.health().severities().getOrDefault(category, settings.health().defaultSeverity());
        String service = healthService(detail, awsService);
        return List.of(new MonitoringEvent(
                HEALTH_SOURCE,
                account == null ? eventArn : eventArn + "#" + account,
                eventArn,
                service,
                severity,
                status,
                startsAt,
                endsAt,
                bounded(eventTypeCode != null ? eventTypeCode : eventArn),
                labelPolicy.keep(labels),
                lastUpdated.toEpochMilli(),
                lastUpdated,
                "https://health.aws.amazon.com/health/home#/account/event-log?eventID="
                        + URLEncoder.encode(eventArn, StandardCharsets.UTF_8)));
    }

    private String healthService(JsonNode detail, String awsService) {
        String tag = settings.health().serviceTag();
        if (!tag.isEmpty()) {
            for (JsonNode entity : detail.path("affectedEntities")) {
                String value = text(entity.path("tags"), tag);
                if (value != null) {
                    return config.serviceFor(value);
                }
            }
        }
        return awsService == null ? MonitoringEvent.UNKNOWN_SERVICE : config.serviceFor(awsService);
    }

    /** A Health time: RFC 1123 ({@code Fri, 27 Jan 2023 06:02:51 GMT}) or ISO-8601; the fallback when absent. */
    private static Instant healthTime(JsonNode detail, String field, Instant fallback) {
        String value = text(detail, field);
        if (value == null) {
            return fallback;
        }
        try {
            return io.demandloop.shared.time.SourceTimes.plausible(
                    OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), "detail." + field);
        } catch (DateTimeParseException rfc1123) {
            try {
                return io.demandloop.shared.time.SourceTimes.plausible(OffsetDateTime.parse(value).toInstant(), "detail." + field);
            } catch (DateTimeParseException iso) {
                throw new InvalidRecordException("detail." + field + " is not a time like 'Fri, 27 Jan 2023 06:02:51 GMT': '" + value + "'");
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(where + " is missing or not an object");
        }
        return node;
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

    private static void putIfPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }

    private static String bounded(String title) {
        return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH);
    }
}
