package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.source.aws.AwsEventNormaliser;
import io.demandloop.shared.ticket.OpenTicket;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Monitoring events through the deployed shape of the pipeline: put on the local bus with the unmodified SDK
 * EventBridge client, routed by the template's rules to the alert store function (hosted from its jar), and
 * found in DynamoDB Local as an alert and an alert episode linked to the open incident of the service. Both
 * entries: {@code Monitoring Event Received} on the demand bus, and a CloudWatch alarm state change on the default
 * bus. Services, ids and dates (2033) are this run's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertPipelineIT {

    private static final Duration IDLE = Duration.ofSeconds(60);

    private LocalStack stack;
    private EventBridgeClient events;
    private DynamoDbTicketRepository tickets;
    private DynamoDbAlertRepository alerts;
    private String demandBus;

    @BeforeAll
    void connect() {
        stack = EmbeddedStack.shared();
        events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        tickets = DynamoDbTicketRepository.create(stack.template().physicalName("TicketsTable"));
        alerts = DynamoDbAlertRepository.create(stack.template().physicalName("AlertsTable"));
        demandBus = stack.template().physicalName("DemandBus");
    }

    @AfterAll
    void close() {
        if (events != null) {
            events.close();
        }
    }

    private void put(String bus, String source, String detailType, String detail, List<String> resources) {
        PutEventsResponse response = events.putEvents(p -> p.entries(PutEventsRequestEntry.builder()
                .eventBusName(bus).source(source).detailType(detailType).detail(detail).resources(resources).build()));
        assertThat(response.failedEntryCount()).isZero();
        assertThat(stack.awaitIdle(IDLE)).isTrue();
    }

    private Ticket openIncident(String service, Instant opened) throws Exception {
        Ticket incident = Ticket.builder().source("servicenow").sourceId(UUID.randomUUID().toString().replace("-", ""))
                .kind(TicketKind.INCIDENT).number("INC0077001").service(service).priority(1)
                .state(TicketState.IN_PROGRESS).openedAt(opened).department("Sales").assignmentGroup("Messaging")
                .category("network").title("Mail not delivered").sourceVersion(2)
                .sourceUpdatedAt(opened.plusSeconds(120)).build();
        put(demandBus, EventNames.INTAKE_SOURCE, EventNames.TICKET_RECEIVED, Json.mapper().writeValueAsString(incident), List.of());
        awaitOpen(service, incident.key());
        return incident;
    }

    // The open-by-service index follows the table eventually.
    private void awaitOpen(String service, String key) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (tickets.findOpen(service, TicketKind.INCIDENT).stream().map(OpenTicket::key).noneMatch(key::equals)) {
            assertThat(Instant.now()).as("incident %s in the open index", key).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private List<AlertEpisode> episodes(String service, Instant around) {
        return alerts.episodesStartingBetween(service, around.minus(Duration.ofHours(2)), around.plus(Duration.ofHours(2)));
    }

    @Test
    void monitoringEventReceived_shouldEndAsAnAlertAndAnEpisode_linkedToTheOpenIncident() throws Exception {
        // GIVEN an open incident of the service, stored through the ticket store
        String service = "pipeline-" + UUID.randomUUID();
        Instant opened = Instant.parse("2033-06-01T09:55:00Z");
        Ticket incident = openIncident(service, opened);

        // WHEN a monitoring event of the service is put on the demand bus, twice (a redelivery)
        Instant start = opened.plus(Duration.ofMinutes(7));
        MonitoringEvent event = new MonitoringEvent("alertmanager", "9a1b@" + start, "9a1b", service, Severity.CRITICAL,
                AlertStatus.FIRING, start, null, "Queue above 5000", Map.of("alertname", "QueueHigh"), start.toEpochMilli() * 2,
                start, null);
        String detail = Json.mapper().writeValueAsString(event);
        put(demandBus, EventNames.INTAKE_SOURCE, EventNames.MONITORING_EVENT_RECEIVED, detail, List.of());
        put(demandBus, EventNames.INTAKE_SOURCE, EventNames.MONITORING_EVENT_RECEIVED, detail, List.of());

        // THEN one alert, one episode, linked to the incident
        assertThat(alerts.find(service, event.key())).contains(event);
        assertThat(episodes(service, start)).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(start);
            assertThat(e.alertCount()).isEqualTo(1);
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.maxSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(e.linkedIncident()).isEqualTo(incident.key());
        });
    }

    @Test
    void cloudWatchAlarm_onTheDefaultBus_shouldEndAsAnAlertAndAnEpisode_resolvedWhenTheAlarmIsOk() throws Exception {
        // GIVEN an alarm whose metric namespace is this test's service, and an open incident of it
        String service = "IT/" + UUID.randomUUID();
        String alarmName = "it-queue-" + UUID.randomUUID();
        String arn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + alarmName;
        Instant alarmAt = Instant.parse("2033-06-02T10:00:00.250Z");
        Instant okAt = alarmAt.plus(Duration.ofMinutes(12));
        Ticket incident = openIncident(service, alarmAt.minus(Duration.ofMinutes(30)));

        // WHEN it goes to ALARM, then back to OK, on the default bus
        put("default", AwsEventNormaliser.CLOUDWATCH_SOURCE, AwsEventNormaliser.ALARM_STATE_CHANGE,
                alarmDetail(alarmName, service, "ALARM", alarmAt, "OK", alarmAt.minus(Duration.ofDays(1))), List.of(arn));
        String key = AwsEventNormaliser.CLOUDWATCH_SOURCE + "#" + AwsEventNormaliser.occurrence(arn, alarmAt);
        assertThat(alerts.find(service, key)).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AlertStatus.FIRING));
        assertThat(episodes(service, alarmAt)).singleElement()
                .satisfies(e -> assertThat(e.linkedIncident()).isEqualTo(incident.key()));
        put("default", AwsEventNormaliser.CLOUDWATCH_SOURCE, AwsEventNormaliser.ALARM_STATE_CHANGE,
                alarmDetail(alarmName, service, "OK", okAt, "ALARM", alarmAt), List.of(arn));

        // THEN the one occurrence is resolved, and so is its episode, still linked
        assertThat(alerts.find(service, key)).hasValueSatisfying(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.endsAt()).isEqualTo(okAt);
        });
        assertThat(episodes(service, alarmAt)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(e.end()).isEqualTo(okAt);
            assertThat(e.linkedIncident()).isEqualTo(incident.key());
        });
    }

    private static String alarmDetail(String alarmName, String namespace, String state, Instant at, String previous,
                                      Instant previousAt) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("alarmName", alarmName);
        detail.putObject("state").put("value", state).put("reason", "test").put("timestamp", cloudWatchTime(at));
        detail.putObject("previousState").put("value", previous).put("reason", "test").put("timestamp", cloudWatchTime(previousAt));
        ArrayNode metrics = detail.putObject("configuration").putArray("metrics");
        ObjectNode metric = metrics.addObject().put("id", "m1");
        metric.putObject("metricStat").putObject("metric").put("namespace", namespace).put("name", "QueueLength");
        return detail.toString();
    }

    /** As CloudWatch writes it: {@code 2033-06-02T10:00:00.250+0000}. */
    private static String cloudWatchTime(Instant at) {
        return io.demandloop.shared.time.SortableInstant.format(at).replace("Z", "+0000");
    }
}
