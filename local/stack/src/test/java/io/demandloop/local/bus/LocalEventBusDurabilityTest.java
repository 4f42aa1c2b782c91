package io.demandloop.local.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.bus.RecordingInvoker.Invocation;
import io.demandloop.local.runtime.FunctionInvocationException;
import io.demandloop.local.runtime.FunctionInvoker;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.TemplateFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The local bus is durable as EventBridge is: what it acknowledged is delivered even across a crash or a stop, a
 * delivery that keeps failing ends as a dead letter that can be redriven, and no single event can stop the log.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalEventBusDurabilityTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private static final LocalEventBus.Options FAST = new LocalEventBus.Options(CLOCK, 2, Duration.ofMillis(5), 4);
    private static final String ORDERS_BUS = "demandloop-orders";

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @TempDir
    Path tempDir;

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Blocks as a running function does; an interrupt fails the invocation, as the local runtime reports it. */
    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException("interrupted");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException("interrupted");
        }
    }

    private static SamTemplate chain() {
        return SamTemplate.load(TemplateFiles.resource("bus/chain.yaml"), "demandloop", Map.of());
    }

    private LocalEventBus start(Path dir, FunctionInvoker invoker, LocalEventBus.Options options) {
        LocalEventBus bus = LocalEventBus.start(chain(), invoker, Optional.of(dir.resolve("events.jsonl")),
                Optional.of(dir.resolve("dead-letters.jsonl")), options);
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

    private static PutEventsRequestEntry paid(int total) {
        return PutEventsRequestEntry.builder().eventBusName(ORDERS_BUS).source("payments").detailType("Order Paid")
                .detail("{\"total\": " + total + "}").build();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Copies the bus's files as a crash would leave them: whatever is on disk now, the process gone. */
    private Path crashCopy(Path dir) throws Exception {
        Path copy = Files.createDirectories(tempDir.resolve("after-crash-" + System.nanoTime()));
        for (String name : List.of("events.jsonl", LocalEventBus.JOURNAL_FILE, "dead-letters.jsonl")) {
            if (Files.exists(dir.resolve(name))) {
                Files.copy(dir.resolve(name), copy.resolve(name));
            }
        }
        return copy;
    }

    private static void awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (lines(file).size() < count) {
            assertThat(System.nanoTime() - deadline).as("waiting for %d lines in %s", count, file).isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void start_shouldDeliverWhatWasAcceptedButNotFinished_andNothingThatWasFinished() throws Exception {
        // GIVEN a run that delivered order 1 and was still delivering order 2 when it crashed
        Path dir = tempDir.resolve("run1");
        RecordingInvoker recorder = new RecordingInvoker();
        FunctionInvoker stuckOnOrder2 = (function, event) -> {
            if (new String(event, StandardCharsets.UTF_8).contains("\"total\":2")) {
                waitFor(release);
            }
            return recorder.invoke(function, event);
        };
        LocalEventBus first = start(dir, stuckOnOrder2, FAST);
        PutEventsResponse one = client(first).putEvents(r -> r.entries(paid(1)));
        awaitLines(dir.resolve(LocalEventBus.JOURNAL_FILE), 1);
        PutEventsResponse two = client(first).putEvents(r -> r.entries(paid(2)));
        Path crashed = crashCopy(dir);

        // WHEN a new bus starts on what the crash left
        RecordingInvoker after = new RecordingInvoker();
        LocalEventBus second = start(crashed, after, FAST);
        int replayed = second.replayPending();
        assertThat(second.awaitIdle(GENEROUS)).isTrue();

        // THEN order 2 is delivered, once, with its own id and envelope; order 1 is not delivered again
        assertThat(replayed).isEqualTo(1);
        assertThat(after.invocations()).hasSize(1);
        JsonNode delivered = mapper.readTree(after.invocations().get(0).payload());
        assertThat(delivered.get("id").asText()).isEqualTo(two.entries().get(0).eventId());
        assertThat(delivered.get("id").asText()).isNotEqualTo(one.entries().get(0).eventId());
        assertThat(delivered.has(LocalEventBus.BUS_FIELD)).as("the envelope Lambda gets, without the log's bus field").isFalse();
        assertThat(delivered.get("detail").get("total").asInt()).isEqualTo(2);
        assertThat(after.invocations().get(0).functionLogicalId()).isEqualTo("ShipFunction");
    }

    @Test
    void start_shouldRouteAReplayedEventOnTheBusItWasPutOn() throws Exception {
        // GIVEN an event on the default bus that no delivery finished (the orders bus routes the same event elsewhere)
        Path dir = tempDir.resolve("run1");
        LocalEventBus first = start(dir, (function, event) -> {
            waitFor(release);
            return new byte[0];
        }, FAST);
        client(first).putEvents(r -> r.entries(PutEventsRequestEntry.builder().eventBusName("default")
                .source("shop").detailType("Order Placed").detail("{\"total\": 3}").build()));
        Path crashed = crashCopy(dir);

        // WHEN
        RecordingInvoker after = new RecordingInvoker();
        LocalEventBus second = start(crashed, after, FAST);
        second.replayPending();
        assertThat(second.awaitIdle(GENEROUS)).isTrue();

        // THEN
        assertThat(after.invocations()).extracting(Invocation::functionLogicalId).containsExactly("DefaultBusFunction");
    }

    @Test
    void close_shouldDrainTheDeliveriesInFlight_andLeaveNothingForTheNextStart() throws Exception {
        // GIVEN twenty orders accepted and slow to deliver
        Path dir = tempDir.resolve("state");
        RecordingInvoker recorder = new RecordingInvoker();
        FunctionInvoker slow = (function, event) -> {
            pause(50);
            return recorder.invoke(function, event);
        };
        LocalEventBus bus = LocalEventBus.start(chain(), slow, Optional.of(dir.resolve("events.jsonl")),
                Optional.of(dir.resolve("dead-letters.jsonl")), FAST);
        EventBridgeClient client = client(bus);
        for (int i = 1; i <= 20; i++) {
            int total = i;
            assertThat(client.putEvents(r -> r.entries(paid(total))).failedEntryCount()).isZero();
        }

        // WHEN it stops at once
        bus.close();

        // THEN every order was delivered before it stopped, and the next start has nothing to deliver
        assertThat(recorder.invocationsOf("ShipFunction")).hasSize(20);
        assertThat(lines(dir.resolve(LocalEventBus.CHECKPOINT_FILE))).hasSize(1);
        RecordingInvoker after = new RecordingInvoker();
        LocalEventBus next = start(dir, after, FAST);
        assertThat(next.replayPending()).isZero();
        assertThat(after.invocations()).isEmpty();
    }

    @Test
    void close_shouldLeaveWhatItCannotDrainInTime_toTheNextStart() throws Exception {
        // GIVEN a delivery that outlasts the stop's bound
        Path dir = tempDir.resolve("state");
        LocalEventBus.Options shortDrain = new LocalEventBus.Options(CLOCK, 2, Duration.ofMillis(5), 4, Duration.ofMillis(200));
        LocalEventBus bus = LocalEventBus.start(chain(), (function, event) -> {
            waitFor(release);
            return new byte[0];
        }, Optional.of(dir.resolve("events.jsonl")), Optional.of(dir.resolve("dead-letters.jsonl")), shortDrain);
        PutEventsResponse put = client(bus).putEvents(r -> r.entries(paid(7)));

        // WHEN it stops, and starts again
        bus.close();
        RecordingInvoker after = new RecordingInvoker();
        LocalEventBus next = start(dir, after, FAST);
        int replayed = next.replayPending();
        assertThat(next.awaitIdle(GENEROUS)).isTrue();

        // THEN the stop neither lost it nor dead-lettered it: the next start delivered it
        assertThat(replayed).isEqualTo(1);
        assertThat(mapper.readTree(after.invocations().get(0).payload()).get("id").asText())
                .isEqualTo(put.entries().get(0).eventId());
        assertThat(lines(dir.resolve("dead-letters.jsonl"))).isEmpty();
    }

    @Test
    void redrive_shouldSendTheDeadLettersAgain_andKeepOnlyThoseThatFailAgain() throws Exception {
        // GIVEN two orders dead-lettered by a target that kept failing
        Path dir = tempDir.resolve("state");
        LocalEventBus failing = LocalEventBus.start(chain(), new RecordingInvoker().failing("ShipFunction", 100),
                Optional.of(dir.resolve("events.jsonl")), Optional.of(dir.resolve("dead-letters.jsonl")), FAST);
        PutEventsResponse put = client(failing).putEvents(r -> r.entries(paid(1), paid(2)));
        assertThat(failing.awaitIdle(GENEROUS)).isTrue();
        failing.close();
        assertThat(lines(dir.resolve("dead-letters.jsonl"))).hasSize(2);

        // WHEN the target works again for order 1 only, and the dead letters are redriven
        RecordingInvoker recorder = new RecordingInvoker();
        FunctionInvoker order1Only = (function, event) -> {
            recorder.invoke(function, event);
            if (new String(event, StandardCharsets.UTF_8).contains("\"total\":2")) {
                throw new FunctionInvocationException("still failing");
            }
            return new byte[0];
        };
        LocalEventBus bus = start(dir, order1Only, FAST);
        assertThat(bus.replayPending()).as("dead letters are finished deliveries, not replayed at start").isZero();
        LocalEventBus.Redrive redrive = bus.redriveDeadLetters();
        assertThat(bus.awaitIdle(GENEROUS)).isTrue();
        bus.finishRedrive();

        // THEN both were sent with their original ids; only order 2 is a dead letter again
        assertThat(redrive.sent()).isEqualTo(2);
        assertThat(recorder.invocations()).extracting(i -> mapper.readTree(i.payload()).get("id").asText())
                .contains(put.entries().get(0).eventId(), put.entries().get(1).eventId());
        List<String> deadLetters = lines(dir.resolve("dead-letters.jsonl"));
        assertThat(deadLetters).hasSize(1);
        assertThat(mapper.readTree(deadLetters.get(0)).get("event").get("id").asText()).isEqualTo(put.entries().get(1).eventId());
        assertThat(dir.resolve(LocalEventBus.REDRIVE_FILE)).doesNotExist();

        // AND a redrive where nothing is dead-lettered sends nothing
        LocalEventBus.Redrive nothing = start(tempDir.resolve("empty"), new RecordingInvoker(), FAST).redriveDeadLetters();
        assertThat(nothing.sent()).isZero();
    }

    @Test
    void putEvents_shouldKeepLoggingLaterEvents_whenAnEventHoldsALoneSurrogate() throws Exception {
        // GIVEN
        Path dir = tempDir.resolve("state");
        RecordingInvoker recorder = new RecordingInvoker();
        LocalEventBus bus = start(dir, recorder, FAST);
        HttpClient http = HttpClient.newHttpClient();

        // WHEN an event whose detail holds a lone high surrogate is put (as JSON text allows), then a normal one
        String lone = "{\"Entries\":[{\"EventBusName\":\"demandloop-orders\",\"Source\":\"payments\","
                + "\"DetailType\":\"Order Paid\",\"Detail\":\"{\\\"total\\\": 1, \\\"note\\\": \\\"\\\\ud800x\\\"}\"}]}";
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(bus.endpoint().resolve("/"))
                .header("X-Amz-Target", "AWSEvents.PutEvents").header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(lone)).build(), HttpResponse.BodyHandlers.ofString());
        PutEventsResponse second = client(bus).putEvents(r -> r.entries(paid(2)));
        assertThat(bus.awaitIdle(GENEROUS)).isTrue();

        // THEN both are accepted and logged, each on its own line, the surrogate kept exactly
        assertThat(mapper.readTree(first.body()).get("FailedEntryCount").asInt()).as(first.body()).isZero();
        assertThat(second.failedEntryCount()).isZero();
        List<String> log = lines(dir.resolve("events.jsonl"));
        assertThat(log).hasSize(2);
        assertThat(mapper.readTree(log.get(0)).get("detail").get("note").asText()).isEqualTo("\ud800x");
        assertThat(mapper.readTree(log.get(1)).get("id").asText()).isEqualTo(second.entries().get(0).eventId());
        // and the function got the same text, not a '?'
        assertThat(mapper.readTree(recorder.invocations().get(0).payload()).get("detail").get("note").asText())
                .isEqualTo("\ud800x");
        assertThat(recorder.invocations()).hasSize(2);
    }

    @Test
    void start_shouldNotReplayAnEventLogWrittenBeforeTheDeliveryJournalExisted() throws Exception {
        // GIVEN a state directory of an earlier version: an event log, no journal, no checkpoint
        Path dir = Files.createDirectories(tempDir.resolve("old"));
        Files.writeString(dir.resolve("events.jsonl"), "{\"version\":\"0\",\"id\":\"old-1\",\"detail-type\":\"Order Paid\","
                + "\"source\":\"payments\",\"detail\":{\"total\":1}}\n");

        // WHEN
        RecordingInvoker recorder = new RecordingInvoker();
        LocalEventBus bus = start(dir, recorder, FAST);

        // THEN
        assertThat(bus.replayPending()).isZero();
        assertThat(recorder.invocations()).isEmpty();
    }
}
