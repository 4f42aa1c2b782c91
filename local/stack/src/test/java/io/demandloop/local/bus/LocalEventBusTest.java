package io.demandloop.local.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.bus.RecordingInvoker.Invocation;
import io.demandloop.local.runtime.FunctionInvoker;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.TemplateException;
import io.demandloop.local.template.TemplateFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** The local bus driven by the real SDK client, over its real wire protocol. */
class LocalEventBusTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final String DEMAND_BUS = "demandloop-demand";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private static final LocalEventBus.Options FAST = new LocalEventBus.Options(CLOCK, 2, Duration.ofMillis(5), 4);

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path tempDir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private LocalEventBus start(SamTemplate template, FunctionInvoker invoker) {
        LocalEventBus bus = LocalEventBus.start(template, invoker, Optional.of(tempDir.resolve("logs/events.jsonl")),
                Optional.of(tempDir.resolve("logs/dead-letters.jsonl")), FAST);
        toClose.add(bus);
        return bus;
    }

    private EventBridgeClient client(LocalEventBus bus) {
        EventBridgeClient client = EventBridgeClient.builder()
                .endpointOverride(bus.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        toClose.add(client);
        return client;
    }

    private static SamTemplate chainTemplate() {
        return SamTemplate.load(TemplateFiles.resource("bus/chain.yaml"), "demandloop", Map.of());
    }

    private String ticketDetail() throws Exception {
        JsonNode fixture = mapper.readTree(
                TemplateFiles.projectRoot().resolve("events/TicketStoreFunction/ticket-received.json").toFile());
        return mapper.writeValueAsString(fixture.get("detail"));
    }

    private PutEventsRequestEntry ticketReceived(String detail) {
        return PutEventsRequestEntry.builder()
                .eventBusName(DEMAND_BUS)
                .source("demandloop.intake")
                .detailType("Ticket Received")
                .detail(detail)
                .build();
    }

    private List<String> lines(String file) throws Exception {
        Path path = tempDir.resolve("logs").resolve(file);
        return Files.exists(path) ? Files.readAllLines(path) : List.of();
    }

    @Test
    void putEvents_shouldDeliverTheLambdaEnvelope_toTheMatchingFunction() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);
        String detail = ticketDetail();

        // WHEN
        PutEventsResponse response = client(bus).putEvents(r -> r.entries(ticketReceived(detail).toBuilder()
                .time(Instant.parse("2026-11-16T08:02:12.345Z"))
                .resources("arn:aws:servicenow:incident/INC0010001")
                .build()));
        boolean idle = bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(response.failedEntryCount()).isZero();
        String eventId = response.entries().get(0).eventId();
        assertThat(eventId).isNotBlank();
        assertThat(idle).isTrue();
        // the ticket store and the SLA tracker both take "Ticket Received"
        assertThat(invoker.invocations()).extracting(Invocation::functionLogicalId)
                .containsExactlyInAnyOrder("TicketStoreFunction", "SlaTrackerFunction");
        JsonNode envelope = mapper.readTree(invoker.invocations().get(0).payload());
        assertThat(fieldNames(envelope)).containsExactly(
                "version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail");
        assertThat(envelope.get("version").asText()).isEqualTo("0");
        assertThat(envelope.get("id").asText()).isEqualTo(eventId);
        assertThat(envelope.get("detail-type").asText()).isEqualTo("Ticket Received");
        assertThat(envelope.get("source").asText()).isEqualTo("demandloop.intake");
        assertThat(envelope.get("account").asText()).isEqualTo("000000000000");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-16T08:02:12Z");
        assertThat(envelope.get("region").asText()).isEqualTo("us-east-1");
        assertThat(envelope.get("resources")).containsExactly(mapper.getNodeFactory().textNode("arn:aws:servicenow:incident/INC0010001"));
        assertThat(envelope.get("detail")).isEqualTo(mapper.readTree(detail));
    }

    @Test
    void putEvents_shouldStampTheBusClock_whenEntryHasNoTime() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);

        // WHEN
        client(bus).putEvents(r -> r.entries(ticketReceived("{\"n\": 1}")));
        bus.awaitIdle(GENEROUS);

        // THEN
        JsonNode envelope = mapper.readTree(invoker.invocations().get(0).payload());
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-22T08:00:00Z");
        assertThat(envelope.get("resources")).isEmpty();
    }

    @Test
    void putEvents_shouldAcceptButNotInvoke_whenNoRuleMatches() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);

        // WHEN: another detail-type on the demand bus, and the right one on the default bus
        PutEventsResponse response = client(bus).putEvents(r -> r.entries(
                ticketReceived("{}").toBuilder().detailType("Ticket Closed").build(),
                ticketReceived("{}").toBuilder().eventBusName(null).build()));
        bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(response.failedEntryCount()).isZero();
        assertThat(invoker.invocations()).isEmpty();
        assertThat(lines("events.jsonl")).hasSize(2);
    }

    @Test
    void putEvents_shouldAcceptTheBusArn() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);

        // WHEN
        PutEventsResponse response = client(bus).putEvents(r -> r.entries(ticketReceived("{}").toBuilder()
                .eventBusName("arn:aws:events:us-east-1:000000000000:event-bus/demandloop-demand").build()));
        bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(response.failedEntryCount()).isZero();
        assertThat(invoker.invocationsOf("TicketStoreFunction")).hasSize(1);
    }

    @Test
    void putEvents_shouldReportPartialFailure_whenSomeEntriesAreInvalid() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);
        PutEventsRequestEntry good = ticketReceived("{\"ok\": true}");

        // WHEN
        PutEventsResponse response = client(bus).putEvents(r -> r.entries(
                good,
                good.toBuilder().source(null).build(),
                good.toBuilder().detailType(null).build(),
                good.toBuilder().detail(null).build(),
                good.toBuilder().detail("not json").build(),
                good.toBuilder().detail("[1, 2]").build(),
                good.toBuilder().eventBusName("no-such-bus").build(),
                good));
        bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(response.failedEntryCount()).isEqualTo(6);
        List<PutEventsResultEntry> results = response.entries();
        assertThat(results).hasSize(8);
        assertThat(results.get(0).eventId()).isNotBlank();
        assertThat(results.get(0).errorCode()).isNull();
        assertThat(results.get(1).errorCode()).isEqualTo("InvalidArgument");
        assertThat(results.get(1).errorMessage()).contains("Source");
        assertThat(results.get(1).eventId()).isNull();
        assertThat(results.get(2).errorMessage()).contains("DetailType");
        assertThat(results.get(3).errorMessage()).contains("Detail");
        assertThat(results.get(4).errorCode()).isEqualTo("MalformedDetail");
        assertThat(results.get(5).errorCode()).isEqualTo("MalformedDetail");
        assertThat(results.get(6).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(results.get(6).errorMessage()).contains("no-such-bus");
        assertThat(results.get(7).eventId()).isNotBlank().isNotEqualTo(results.get(0).eventId());
        assertThat(invoker.invocationsOf("TicketStoreFunction")).hasSize(2);
    }

    @Test
    void putEvents_shouldFailWithValidationException_whenMoreThanTenEntries() {
        // GIVEN
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), new RecordingInvoker());
        List<PutEventsRequestEntry> eleven = IntStream.range(0, 11).mapToObj(i -> ticketReceived("{}")).toList();

        // WHEN / THEN
        assertThatThrownBy(() -> client(bus).putEvents(r -> r.entries(eleven)))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("10");
                });
    }

    @Test
    void putEvents_shouldFailWithValidationException_whenNoEntries() {
        // GIVEN
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), new RecordingInvoker());

        // WHEN / THEN
        assertThatThrownBy(() -> client(bus).putEvents(r -> r.entries(List.of())))
                .isInstanceOfSatisfying(EventBridgeException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void putEvents_shouldFailWithValidationException_whenEntriesExceed256Kb() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);
        String big = mapper.writeValueAsString(Map.of("text", "x".repeat(256 * 1024)));

        // WHEN / THEN
        assertThatThrownBy(() -> client(bus).putEvents(r -> r.entries(ticketReceived(big))))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("over the limit");
                });
        assertThat(lines("events.jsonl")).isEmpty();
    }

    @Test
    void putEvents_shouldFailInjectedEntriesOnly_soPublishersCanRetryTheFailedOnes() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker();
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);
        EventBridgeClient client = client(bus);
        bus.failNextEntries(1, "InternalFailure");

        // WHEN
        PutEventsResponse first = client.putEvents(r -> r.entries(
                ticketReceived("{\"n\": 1}"), ticketReceived("{\"n\": 2}"), ticketReceived("{\"n\": 3}")));
        PutEventsResponse retry = client.putEvents(r -> r.entries(ticketReceived("{\"n\": 1}")));
        bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(first.failedEntryCount()).isEqualTo(1);
        assertThat(first.entries().get(0).errorCode()).isEqualTo("InternalFailure");
        assertThat(first.entries().get(1).eventId()).isNotBlank();
        assertThat(first.entries().get(2).eventId()).isNotBlank();
        assertThat(retry.failedEntryCount()).isZero();
        assertThat(invoker.invocationsOf("TicketStoreFunction")).hasSize(3);
    }

    @Test
    void putEvents_shouldAppendOneLinePerAcceptedEvent_toTheEventLog() throws Exception {
        // GIVEN
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), new RecordingInvoker());

        // WHEN
        PutEventsResponse response = client(bus).putEvents(r -> r.entries(
                ticketReceived("{\"n\": 1}"), ticketReceived("{\"n\": 1}").toBuilder().source(null).build(),
                ticketReceived("{\"n\": 2.50}")));
        bus.awaitIdle(GENEROUS);

        // THEN
        List<String> lines = lines("events.jsonl");
        assertThat(lines).hasSize(2);
        assertThat(mapper.readTree(lines.get(0)).get("id").asText()).isEqualTo(response.entries().get(0).eventId());
        assertThat(mapper.readTree(lines.get(1)).get("id").asText()).isEqualTo(response.entries().get(2).eventId());
        assertThat(lines.get(1)).as("numbers as sent").contains("\"detail\":{\"n\":2.50}");
    }

    @Test
    void putEvents_shouldFailWithUnknownOperation_whenTargetIsNotPutEvents() throws Exception {
        // GIVEN
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), new RecordingInvoker());
        HttpRequest request = HttpRequest.newBuilder(bus.endpoint().resolve("/"))
                .header("X-Amz-Target", "AWSEvents.ListRules")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        // WHEN
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(response.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void delivery_shouldRetryThenDeadLetter_whenTheFunctionKeepsFailing() throws Exception {
        // GIVEN TicketReceived allows 185 retries; the local default bounds them to 2
        RecordingInvoker invoker = new RecordingInvoker().failing("TicketStoreFunction", 100);
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);

        // WHEN
        PutEventsResponse response = client(bus).putEvents(r -> r.entries(ticketReceived("{\"n\": 1}")));
        boolean idle = bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(idle).isTrue();
        assertThat(invoker.invocationsOf("TicketStoreFunction")).hasSize(3);
        List<String> deadLetters = lines("dead-letters.jsonl");
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = mapper.readTree(deadLetters.get(0));
        assertThat(deadLetter.get("rule").asText()).isEqualTo("TicketStoreFunctionTicketReceived");
        assertThat(deadLetter.get("function").asText()).isEqualTo("TicketStoreFunction");
        assertThat(deadLetter.get("error").asText()).contains("failed on purpose");
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.get("event").get("id").asText()).isEqualTo(response.entries().get(0).eventId());
    }

    @Test
    void delivery_shouldNotDeadLetter_whenARetrySucceeds() throws Exception {
        // GIVEN
        RecordingInvoker invoker = new RecordingInvoker().failing("TicketStoreFunction", 1);
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), invoker);

        // WHEN
        client(bus).putEvents(r -> r.entries(ticketReceived("{\"n\": 1}")));
        bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(invoker.invocationsOf("TicketStoreFunction")).hasSize(2);
        assertThat(invoker.invocations().get(0).payload()).isEqualTo(invoker.invocations().get(1).payload());
        assertThat(lines("dead-letters.jsonl")).isEmpty();
    }

    @Test
    void delivery_shouldHonourTheRulesRetryPolicy_whenItAllowsFewerRetries() throws Exception {
        // GIVEN ShipFunction's rule allows no retry
        RecordingInvoker invoker = new RecordingInvoker().failing("ShipFunction", 100);
        LocalEventBus bus = start(chainTemplate(), invoker);

        // WHEN
        client(bus).putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName("demandloop-orders")
                .source("payments").detailType("Order Paid").detail("{\"total\": 12}").build()));
        bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(invoker.invocationsOf("ShipFunction")).hasSize(1);
        assertThat(lines("dead-letters.jsonl")).hasSize(1);
    }

    @Test
    void awaitIdle_shouldWaitForEventsPublishedByInvokedFunctions() throws Exception {
        // GIVEN PlaceFunction publishes "Order Paid" while it runs, as a real function would through the SDK
        RecordingInvoker recorder = new RecordingInvoker();
        AtomicReference<EventBridgeClient> client = new AtomicReference<>();
        FunctionInvoker invoker = (function, event) -> {
            byte[] response = recorder.invoke(function, event);
            if (function.equals("PlaceFunction")) {
                client.get().putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName("demandloop-orders")
                        .source("shop").detailType("Order Paid").detail("{\"total\": 12}").build()));
            }
            return response;
        };
        LocalEventBus bus = start(chainTemplate(), invoker);
        client.set(client(bus));

        // WHEN
        client.get().putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName("demandloop-orders")
                .source("shop").detailType("Order Placed").detail("{\"total\": 12}").build()));
        boolean idle = bus.awaitIdle(GENEROUS);

        // THEN
        assertThat(idle).isTrue();
        assertThat(recorder.invocations()).extracting(Invocation::functionLogicalId)
                .containsExactlyInAnyOrder("PlaceFunction", "AuditFunction", "ShipFunction", "AuditFunction");
    }

    @Test
    void matchingFunctions_shouldRouteDemandStatusChanges_butNotTheEvaluationsOwnEscalations() throws Exception {
        // GIVEN
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), new RecordingInvoker());
        String status = Files.readString(
                TemplateFiles.projectRoot().resolve("events/DemandStatusFunction/demand-rejected.json"));
        JsonNode escalated = mapper.readTree(status);
        ((com.fasterxml.jackson.databind.node.ObjectNode) escalated).put("detail-type", "Demand Escalated");

        // WHEN / THEN
        assertThat(bus.matchingFunctions(DEMAND_BUS, status)).containsExactly("DemandStatusFunction");
        assertThat(bus.matchingFunctions(DEMAND_BUS, mapper.writeValueAsString(escalated))).isEmpty();
    }

    @Test
    void matchingFunctions_shouldMatchTheSharedFixture_andNotItsCounterExamples() throws Exception {
        // GIVEN
        LocalEventBus bus = start(TemplateFiles.projectTemplate(), new RecordingInvoker());
        String fixture = Files.readString(
                TemplateFiles.projectRoot().resolve("events/TicketStoreFunction/ticket-received.json"));
        JsonNode otherSource = mapper.readTree(fixture);
        ((com.fasterxml.jackson.databind.node.ObjectNode) otherSource).put("source", "demandloop.other");

        // WHEN / THEN
        assertThat(bus.matchingFunctions(DEMAND_BUS, fixture)).containsExactly("TicketStoreFunction", "SlaTrackerFunction");
        assertThat(bus.matchingFunctions("default", fixture)).isEmpty();
        assertThat(bus.matchingFunctions(DEMAND_BUS, mapper.writeValueAsString(otherSource))).isEmpty();
        assertThatThrownBy(() -> bus.matchingFunctions("nope", fixture)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchingFunctions_shouldRouteByBus_andMatchNumericPatterns() {
        // GIVEN
        LocalEventBus bus = start(chainTemplate(), new RecordingInvoker());
        String paid = "{\"source\":\"shop\",\"detail-type\":\"Order Paid\",\"detail\":{\"total\":12}}";
        String free = "{\"source\":\"shop\",\"detail-type\":\"Order Paid\",\"detail\":{\"total\":0}}";

        // WHEN / THEN
        assertThat(bus.matchingFunctions("demandloop-orders", paid)).containsExactly("ShipFunction", "AuditFunction");
        assertThat(bus.matchingFunctions("demandloop-orders", free)).containsExactly("AuditFunction");
        assertThat(bus.matchingFunctions("default", paid)).containsExactly("DefaultBusFunction");
    }

    @Test
    void start_shouldNameTheRule_whenPatternIsInvalid() {
        // GIVEN
        SamTemplate template = SamTemplate.load(TemplateFiles.resource("bus/bad-pattern.yaml"), "demandloop", Map.of());

        // WHEN / THEN
        assertThatThrownBy(() -> start(template, new RecordingInvoker()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContainingAll("BrokenFunction", "Broken", "Pattern");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
