package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SLA escalation end to end on the embedded stack: the ServiceNow samples posted over HTTP reach the SLA tracker
 * through the template's {@code Ticket Received} rule; then the template's escalation schedule is fired, and the
 * SLA events are read back from what the local bus accepted ({@code events.jsonl}). A second firing publishes
 * nothing. Its own stack, persisting to a temporary directory so that the bus keeps its event log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaEscalationIT {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Instant AS_OF = Instant.parse("2026-11-20T08:05:00Z");

    @TempDir
    static Path stateDir;

    private LocalStack stack;
    private DynamoDbClient dynamoDb;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startStack() throws Exception {
        stack = EmbeddedStack.startPrivate(stateDir);
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        try (Stream<Path> files = Files.list(ProjectFiles.path("events/webhooks/servicenow"))) {
            for (Path sample : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.webhookUrl().orElseThrow().resolve("hooks/servicenow"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + EmbeddedStack.SERVICENOW_SECRET)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(sample))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(sample.toString()).isEqualTo(202);
            }
        }
        assertThat(stack.awaitIdle(IDLE)).isTrue();
    }

    @AfterAll
    void stopStack() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The key of the ticket with this number, from the "Ticket Received" events the bus accepted. */
    private String ticketKey(String number) throws IOException {
        for (JsonNode event : busEvents(EventNames.INTAKE_SOURCE)) {
            JsonNode ticket = event.get("detail");
            if (number.equals(ticket.path("number").asText())) {
                return ticket.get("source").asText() + "#" + ticket.get("kind").asText() + "#" + ticket.get("sourceId").asText();
            }
        }
        throw new AssertionError("no Ticket Received event for " + number);
    }

    private List<JsonNode> slaEvents() throws IOException {
        return busEvents(EventNames.SLA_SOURCE);
    }

    private List<JsonNode> busEvents(String source) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        Path log = stateDir.resolve("events.jsonl");
        if (!Files.exists(log)) {
            return events;
        }
        for (String line : Files.readAllLines(log)) {
            JsonNode event = Json.mapper().readTree(line);
            if (source.equals(event.path("source").asText())) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    @Order(1)
    void tracker_shouldKeepHistoryAndState_forEveryDeliveredVersion() throws IOException {
        String emailOutage = ticketKey("INC0010001");
        String table = stack.template().physicalName("SlaTable");
        List<Map<String, AttributeValue>> items = dynamoDb.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(emailOutage)))).items();

        // versions 0, 4 and the late 2 are all kept as history; one state under policy version 1; and the response
        // breach, recorded by the tracker from the history alone (the P1 opened at 08:02:11 was answered after 68 min,
        // target 15 min), before any escalation run
        assertThat(items).extracting(i -> i.get("sk").s()).containsExactly("breach#response#0",
                "state#1", "v#00000000000000000000", "v#00000000000000000002", "v#00000000000000000004");
        assertThat(items.get(0)).containsEntry("breachService", AttributeValue.fromS("Email"))
                .containsEntry("breachedAt", AttributeValue.fromS("2026-11-16T08:17:11.000Z"));
    }

    @Test
    @Order(2)
    void schedule_shouldPublishTheDueEventsOnce_andASecondRunNone() throws Exception {
        // WHEN the template's escalation schedule fires as of the newest sample update
        stack.scheduler().fire("sla-escalation", AS_OF);
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN the bus accepted SLA events, no two for the same ticket, cycle and threshold
        String emailOutage = ticketKey("INC0010001");
        String secondOutage = ticketKey("INC0010006");
        List<JsonNode> events = slaEvents();
        List<String> ids = events.stream().map(e -> e.at("/detail/id").asText()).toList();
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        // the P1 email outage: responded after 68 min (target 15 min), resolved within 4 h: response breached;
        // its resolution warnings came after it was resolved (at 11:47) and are not sent
        assertThat(ids).contains(emailOutage + "#response#0#100")
                .doesNotContain(emailOutage + "#resolution#0#50", emailOutage + "#response#0#50");
        // the P2 second outage, opened 07:30, responded 08:05 (target 30 min): response breached at 08:00
        JsonNode breach = events.stream()
                .filter(e -> e.at("/detail/id").asText().equals(secondOutage + "#response#0#100")).findFirst().orElseThrow();
        assertThat(breach.get("detail-type").asText()).isEqualTo(EventNames.SLA_BREACHED);
        assertThat(breach.at("/detail/number").asText()).isEqualTo("INC0010006");
        assertThat(breach.at("/detail/service").asText()).isEqualTo("Email");
        assertThat(breach.at("/detail/policy").asText()).isEqualTo("incident-p2");
        assertThat(breach.at("/detail/dueAt").asText()).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(breach.at("/detail/elapsed").asText()).isEqualTo("PT35M");

        // WHEN it fires again for the same instant, and five minutes later
        stack.scheduler().fire("sla-escalation", AS_OF);
        stack.scheduler().fire("sla-escalation", AS_OF.plus(Duration.ofMinutes(5)));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN nothing more was published
        assertThat(slaEvents()).hasSize(events.size());
    }
}
