package io.demandloop.shared.source.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsEventNormaliserTest {

    private static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-alb-5xx";

    private final AwsEventNormaliser normaliser = new AwsEventNormaliser(DemandloopConfig.defaults());

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/AlertStoreFunction/" + name));
    }

    private static EventEnvelope envelope(ObjectNode event) throws IOException {
        return Json.mapper().treeToValue(event, EventEnvelope.class);
    }

    /** The alarm sample moved to {@code to} at {@code at}, coming from {@code from} entered at {@code since}. */
    private static ObjectNode alarm(String from, String since, String to, String at) throws IOException {
        ObjectNode event = sample("cloudwatch-alarm-state-change.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        ((ObjectNode) detail.get("previousState")).put("value", from).put("timestamp", since);
        ((ObjectNode) detail.get("state")).put("value", to).put("timestamp", at);
        return event;
    }

    // ---- CloudWatch alarms ----------------------------------------------------------------------------------

    @Test
    void normalise_shouldOpenAnOccurrence_whenTheAlarmEntersAlarm() throws IOException {
        // GIVEN the sample exactly as EventBridge delivers it: OK -> ALARM
        EventEnvelope event = envelope(sample("cloudwatch-alarm-state-change.json"));

        // WHEN
        List<MonitoringEvent> events = normaliser.normalise(event);

        // THEN
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("aws.cloudwatch");
            assertThat(e.alertId()).isEqualTo(ALARM_ARN + "@2026-11-16T11:20:48.551Z");
            assertThat(e.fingerprint()).isEqualTo(ALARM_ARN);
            assertThat(e.service()).isEqualTo("AWS/ApplicationELB");
            assertThat(e.severity()).isEqualTo(Severity.HIGH);
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.startsAt()).isEqualTo(Instant.parse("2026-11-16T11:20:48.551Z"));
            assertThat(e.endsAt()).isNull();
            assertThat(e.title()).isEqualTo("checkout-alb-5xx");
            assertThat(e.sourceVersion()).isEqualTo(Instant.parse("2026-11-16T11:20:48.551Z").toEpochMilli());
            assertThat(e.link()).isEqualTo("https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/checkout-alb-5xx");
            assertThat(e.labels()).containsEntry("namespace", "AWS/ApplicationELB")
                    .containsEntry("metricName", "HTTPCode_Target_5XX_Count").containsEntry("state", "ALARM")
                    .containsEntry("account", "123456789012").containsEntry("region", "eu-west-1");
        });
    }

    @Test
    void normalise_shouldCloseTheSameOccurrence_whenTheAlarmReturnsToOk() throws IOException {
        // GIVEN the ALARM event, then the ALARM -> OK event that follows it
        MonitoringEvent fired = normaliser.normalise(envelope(sample("cloudwatch-alarm-state-change.json"))).get(0);
        ObjectNode ok = alarm("ALARM", "2026-11-16T11:20:48.551+0000", "OK", "2026-11-16T11:45:48.112+0000");

        // WHEN
        List<MonitoringEvent> events = normaliser.normalise(envelope(ok));

        // THEN one occurrence, resolved with a higher version, without any stored state
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(e.alertId()).isEqualTo(fired.alertId());
            assertThat(e.startsAt()).isEqualTo(fired.startsAt());
            assertThat(e.endsAt()).isEqualTo(Instant.parse("2026-11-16T11:45:48.112Z"));
            assertThat(e.sourceVersion()).isGreaterThan(fired.sourceVersion());
        });
    }

    @Test
    void normalise_shouldTreatInsufficientDataAsNotAlarming_byDefault() throws IOException {
        List<MonitoringEvent> fromAlarm = normaliser.normalise(envelope(
                alarm("ALARM", "2026-11-16T11:20:48.551+0000", "INSUFFICIENT_DATA", "2026-11-16T12:00:00.000+0000")));
        List<MonitoringEvent> fromOk = normaliser.normalise(envelope(
                alarm("OK", "2026-11-16T11:20:48.551+0000", "INSUFFICIENT_DATA", "2026-11-16T12:00:00.000+0000")));

        assertThat(fromAlarm).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(fromOk).isEmpty();
    }

    @Test
    void normalise_shouldCloseOneOccurrenceAndOpenTheNext_whenInsufficientDataFiresAndTheAlarmMovesBetweenFiringStates()
            throws IOException {
        // GIVEN an instance where missing data is an alert of its own
        AwsEventNormaliser firing = new AwsEventNormaliser(DemandloopConfig.fromYaml("aws: {cloudwatch: {insufficientData: firing}}"));
        ObjectNode event = alarm("ALARM", "2026-11-16T11:20:48.551+0000", "INSUFFICIENT_DATA", "2026-11-16T12:00:00.000+0000");

        // WHEN
        List<MonitoringEvent> events = firing.normalise(envelope(event));

        // THEN the ALARM occurrence still closes, and the INSUFFICIENT_DATA one opens
        assertThat(events).extracting(MonitoringEvent::status).containsExactly(AlertStatus.RESOLVED, AlertStatus.FIRING);
        assertThat(events.get(0).alertId()).isEqualTo(ALARM_ARN + "@2026-11-16T11:20:48.551Z");
        assertThat(events.get(1).alertId()).isEqualTo(ALARM_ARN + "@2026-11-16T12:00:00Z");
        assertThat(events.get(1).labels()).containsEntry("state", "INSUFFICIENT_DATA");
    }

    @Test
    void normalise_shouldTakeServiceAndSeverityFromTheLongestNamePrefix_whenConfigured() throws IOException {
        AwsEventNormaliser configured = new AwsEventNormaliser(DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    Checkout: [checkout-web]
                aws:
                  cloudwatch:
                    services:
                      checkout-: checkout-web
                      checkout-alb-: Checkout edge
                      billing-: Billing
                    severities:
                      CHECKOUT-: critical
                """));

        MonitoringEvent event = configured.normalise(envelope(sample("cloudwatch-alarm-state-change.json"))).get(0);

        assertThat(event.service()).isEqualTo("Checkout edge");
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void normalise_shouldBuildTheAlarmArn_whenResourcesAreEmpty() throws IOException {
        ObjectNode event = sample("cloudwatch-alarm-state-change.json");
        event.putArray("resources");

        assertThat(normaliser.normalise(envelope(event)).get(0).fingerprint()).isEqualTo(ALARM_ARN);
    }

    @Test
    void normalise_shouldNameTheField_whenTheAlarmEventIsMalformed() throws IOException {
        ObjectNode badValue = alarm("OK", "2026-11-16T11:20:48.551+0000", "PANIC", "2026-11-16T12:00:00.000+0000");
        ObjectNode badTime = alarm("OK", "2026-11-16T11:20:48.551+0000", "ALARM", "16/11/2026 12:00");
        ObjectNode noName = sample("cloudwatch-alarm-state-change.json");
        ((ObjectNode) noName.get("detail")).remove("alarmName");

        assertThatThrownBy(() -> normaliser.normalise(envelope(badValue)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("detail.state.value must be ALARM, OK or INSUFFICIENT_DATA");
        assertThatThrownBy(() -> normaliser.normalise(envelope(badTime))).hasMessageContaining("detail.state.timestamp is not a time");
        assertThatThrownBy(() -> normaliser.normalise(envelope(noName))).hasMessageContaining("detail.alarmName is missing");
    }

    // ---- AWS Health -----------------------------------------------------------------------------------------

    @Test
    void normalise_shouldFireAHealthIssue_whenItIsOpen() throws IOException {
        // GIVEN the sample exactly as EventBridge delivers it
        EventEnvelope event = envelope(sample("aws-health-event.json"));

        // WHEN
        List<MonitoringEvent> events = normaliser.normalise(event);

        // THEN
        String arn = "arn:aws:health:eu-west-1::event/RDS/AWS_RDS_OPERATIONAL_ISSUE/AWS_RDS_OPERATIONAL_ISSUE_3f6a1c9e-4b2d-5e8f-a0c7-1d9b3e5f7a20";
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("aws.health");
            assertThat(e.alertId()).isEqualTo(arn + "#123456789012");
            assertThat(e.fingerprint()).isEqualTo(arn);
            assertThat(e.service()).isEqualTo("sap");
            assertThat(e.severity()).isEqualTo(Severity.HIGH);
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.startsAt()).isEqualTo(Instant.parse("2026-11-16T11:48:00Z"));
            assertThat(e.endsAt()).isNull();
            assertThat(e.title()).isEqualTo("AWS_RDS_OPERATIONAL_ISSUE");
            assertThat(e.sourceVersion()).isEqualTo(Instant.parse("2026-11-16T12:05:31Z").toEpochMilli());
            assertThat(e.link()).startsWith("https://health.aws.amazon.com/health/home#/account/event-log?eventID=arn%3Aaws%3Ahealth");
            assertThat(e.labels()).containsEntry("awsService", "RDS").containsEntry("eventTypeCategory", "issue")
                    .containsEntry("statusCode", "open").containsEntry("affectedEntities", "1");
        });
    }

    @Test
    void normalise_shouldResolveTheSameHealthEvent_whenItIsClosed() throws IOException {
        MonitoringEvent open = normaliser.normalise(envelope(sample("aws-health-event.json"))).get(0);
        ObjectNode closed = sample("aws-health-event.json");
        ((ObjectNode) closed.get("detail")).put("statusCode", "closed")
                .put("endTime", "Mon, 16 Nov 2026 13:10:00 GMT").put("lastUpdatedTime", "Mon, 16 Nov 2026 13:12:45 GMT");

        MonitoringEvent resolved = normaliser.normalise(envelope(closed)).get(0);

        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-16T13:10:00Z"));
        assertThat(resolved.sourceVersion()).isGreaterThan(open.sourceVersion());
    }

    @Test
    void normalise_shouldIgnoreUpcomingChanges_unlessConfiguredToFire() throws IOException {
        ObjectNode upcoming = sample("aws-health-event.json");
        ((ObjectNode) upcoming.get("detail")).put("statusCode", "upcoming").put("eventTypeCategory", "scheduledChange");
        AwsEventNormaliser firing = new AwsEventNormaliser(DemandloopConfig.fromYaml("aws: {health: {upcoming: firing}}"));

        assertThat(normaliser.normalise(envelope(upcoming))).isEmpty();
        assertThat(firing.normalise(envelope(upcoming))).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void normalise_shouldTakeTheAwsServiceThroughAliases_whenNoEntityIsTagged() throws IOException {
        AwsEventNormaliser aliased = new AwsEventNormaliser(DemandloopConfig.fromYaml("""
                services:
                  aliases:
                    Databases: [RDS]
                """));
        ObjectNode event = sample("aws-health-event.json");
        ((ObjectNode) event.get("detail")).remove("affectedEntities");

        assertThat(aliased.normalise(envelope(event)).get(0).service()).isEqualTo("Databases");
    }

    @Test
    void normalise_shouldNameTheField_whenTheHealthEventIsMalformed() throws IOException {
        ObjectNode noArn = sample("aws-health-event.json");
        ((ObjectNode) noArn.get("detail")).remove("eventArn");
        ObjectNode badStatus = sample("aws-health-event.json");
        ((ObjectNode) badStatus.get("detail")).put("statusCode", "pending");
        ObjectNode badTime = sample("aws-health-event.json");
        ((ObjectNode) badTime.get("detail")).put("startTime", "soon");

        assertThatThrownBy(() -> normaliser.normalise(envelope(noArn))).hasMessageContaining("detail.eventArn is missing");
        assertThatThrownBy(() -> normaliser.normalise(envelope(badStatus))).hasMessageContaining("detail.statusCode must be open, closed or upcoming");
        assertThatThrownBy(() -> normaliser.normalise(envelope(badTime))).hasMessageContaining("detail.startTime is not a time");
    }

    // ---- anything else --------------------------------------------------------------------------------------

    @Test
    void normalise_shouldRefuse_whenTheEventIsOfAnotherKind() throws IOException {
        ObjectNode other = sample("cloudwatch-alarm-state-change.json");
        other.put("detail-type", "CloudWatch Alarm Configuration Change");

        assertThatThrownBy(() -> normaliser.normalise(envelope(other)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("detail-type 'CloudWatch Alarm Configuration Change'");
    }

    @Test
    void constructor_shouldFail_whenInsufficientDataHasAnUnknownMeaning() {
        DemandloopConfig config = DemandloopConfig.fromYaml("aws: {cloudwatch: {insufficientData: ignore}}");

        assertThatThrownBy(() -> new AwsEventNormaliser(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("aws.cloudwatch.insufficientData must be resolved or firing");
    }
}
