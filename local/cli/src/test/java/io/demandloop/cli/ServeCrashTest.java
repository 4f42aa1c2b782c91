package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2xx from the local intake means the record is safe: {@code serve} runs as a real child process, takes a stream of
 * distinct ServiceNow deliveries from several clients, and is killed ({@code kill -9}) or stopped (SIGTERM) mid-stream.
 * After a restart and a resend of what got no 2xx, every delivery is stored exactly once; after a SIGTERM, every
 * acknowledged one is stored before anything is resent (the stop drained). Bounded: 300 deliveries, 8 clients, and
 * every wait has a deadline.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ServeCrashTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));
    private static final String SECRET = "crash-test";
    private static final int DELIVERIES = 300;
    private static final int CLIENTS = 8;
    /** The stop comes after this many 2xx answers, while the rest of the stream is still being sent. */
    private static final int ACKED_BEFORE_STOP = 100;
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path state;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void kill9_midStream_shouldLoseNoAcknowledgedDelivery_andStoreEachExactlyOnceAfterResend() throws Exception {
        // GIVEN serve, taking 300 distinct deliveries from 8 clients
        int port = freePort();
        Process serve = startServe(port, "run1");
        Stream stream = new Stream(port);
        Future<?> sending = stream.sendAll();

        // WHEN it is killed after 100 answers, mid-stream
        stream.awaitAcked(ACKED_BEFORE_STOP);
        serve.destroyForcibly();
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        sending.get(2, TimeUnit.MINUTES);
        Set<Integer> ackedBeforeCrash = Set.copyOf(stream.acked);
        assertThat(ackedBeforeCrash.size()).isBetween(ACKED_BEFORE_STOP, DELIVERIES - 1);

        // AND it starts again and gets what got no 2xx
        Process again = startServe(port, "run2");
        Stream resend = new Stream(port);
        resend.sendAll(stream.unacknowledged()).get(2, TimeUnit.MINUTES);
        assertThat(resend.failed).as("every resend answered 2xx").isEmpty();
        stopGracefully(again);

        // THEN every delivery is stored, exactly once, and nothing was dead-lettered
        Map<String, Integer> stored = storedTickets();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(allNumbers());
        assertThat(stored.values()).allMatch(count -> count == 1);
        assertThat(lines("dead-letters.jsonl")).as(firstFailure()).isEmpty();
        System.out.printf("kill -9: %d of %d acknowledged before the kill, %d resent; %d stored, each once%n",
                ackedBeforeCrash.size(), DELIVERIES, DELIVERIES - ackedBeforeCrash.size(), stored.size());
    }

    @Test
    void sigterm_midStream_shouldDrainSoEveryAcknowledgedDeliveryIsStoredBeforeAnyResend() throws Exception {
        // GIVEN
        int port = freePort();
        Process serve = startServe(port, "run1");
        Stream stream = new Stream(port);
        Future<?> sending = stream.sendAll();

        // WHEN it gets SIGTERM after 100 answers, mid-stream
        stream.awaitAcked(ACKED_BEFORE_STOP);
        serve.destroy();
        assertThat(serve.waitFor(2, TimeUnit.MINUTES)).as("the stop is bounded").isTrue();
        sending.get(2, TimeUnit.MINUTES);
        Set<Integer> acked = Set.copyOf(stream.acked);

        // THEN every acknowledged delivery is stored already: the stop drained the bus into the table
        Map<String, Integer> stored = storedTickets();
        List<String> ackedNumbers = acked.stream().map(ServeCrashTest::number).toList();
        assertThat(stored.keySet()).containsAll(ackedNumbers);
        assertThat(stored.values()).allMatch(count -> count == 1);
        assertThat(lines("dead-letters.jsonl")).as(firstFailure()).isEmpty();
        System.out.printf("SIGTERM: %d of %d acknowledged before the stop; %d stored after it, each once%n",
                acked.size(), DELIVERIES, stored.size());

        // AND after a restart and a resend of the rest, all are stored exactly once
        Process again = startServe(port, "run2");
        Stream resend = new Stream(port);
        resend.sendAll(stream.unacknowledged()).get(2, TimeUnit.MINUTES);
        assertThat(resend.failed).isEmpty();
        stopGracefully(again);
        Map<String, Integer> finalStored = storedTickets();
        assertThat(finalStored.keySet()).containsExactlyInAnyOrderElementsOf(allNumbers());
        assertThat(finalStored.values()).allMatch(count -> count == 1);
    }

    // ---- the stream of deliveries ----------------------------------------------------------------------------------

    /** Sends deliveries from several clients and records which got a 2xx. */
    private final class Stream {
        private final URI hooks;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        final Set<Integer> failed = ConcurrentHashMap.newKeySet();
        private final AtomicInteger ackCount = new AtomicInteger();

        Stream(int port) {
            this.hooks = URI.create("http://127.0.0.1:" + port + "/hooks/servicenow");
        }

        Future<?> sendAll() {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                all.add(i);
            }
            return sendAll(all);
        }

        Future<?> sendAll(List<Integer> deliveries) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < deliveries.size(); i = next.getAndIncrement()) {
                        int delivery = deliveries.get(i);
                        if (send(delivery)) {
                            acked.add(delivery);
                            ackCount.incrementAndGet();
                        } else {
                            failed.add(delivery);
                        }
                    }
                    return null;
                }));
            }
            clients.shutdown();
            return Executors.newSingleThreadExecutor().submit(() -> {
                for (Future<?> worker : workers) {
                    worker.get();
                }
                return null;
            });
        }

        private boolean send(int delivery) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(hooks)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(delivery))).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() / 100 == 2;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void awaitAcked(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (ackCount.get() < count) {
                assertThat(System.nanoTime() - deadline).as("waiting for %d answers", count).isNegative();
                Thread.sleep(5);
            }
        }

        List<Integer> unacknowledged() {
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                if (!acked.contains(i)) {
                    rest.add(i);
                }
            }
            return rest;
        }
    }

    private static String number(int delivery) {
        return String.format(Locale.ROOT, "INC9%06d", delivery);
    }

    private static List<String> allNumbers() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            numbers.add(number(i));
        }
        return numbers;
    }

    private static String body(int delivery) {
        return "{\"sys_id\":\"" + String.format(Locale.ROOT, "c4a5%028d", delivery) + "\",\"sys_class_name\":\"incident\","
                + "\"number\":\"" + number(delivery) + "\",\"short_description\":\"Crash test delivery " + delivery + "\","
                + "\"business_service\":\"Crash Test\",\"priority\":\"3\",\"state\":\"1\","
                + "\"opened_at\":\"2026-11-16 08:02:11\",\"sys_updated_on\":\"2026-11-16 08:02:11\",\"sys_mod_count\":\"0\"}";
    }

    // ---- the serve process -------------------------------------------------------------------------------------------

    private Process startServe(int port, String name) throws Exception {
        Path out = state.getParent().resolve(state.getFileName() + "-" + name + ".out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddemandloop.home=" + ROOT, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", String.valueOf(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> environment = builder.environment();
        environment.put(DemandloopCli.STATE_DIR_VARIABLE, state.toString());
        environment.put(DemandloopCli.SERVICENOW_SECRET, SECRET);
        Process process = builder.start();
        processes.add(process);
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.readString(out).contains("demandloop serve: ready")) {
            assertThat(process.isAlive()).as("serve exited: " + Files.readString(out)).isTrue();
            assertThat(System.nanoTime() - deadline).as("serve did not start: " + Files.readString(out)).isNegative();
            Thread.sleep(100);
        }
        return process;
    }

    private static void stopGracefully(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("serve stops within its drain bound").isTrue();
    }

    /** Ticket numbers of this test's tickets in the stored state, each with how many items carry it. */
    private Map<String, Integer> storedTickets() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            code = new DemandloopCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of(DemandloopCli.STATE_DIR_VARIABLE, state.toString()), ROOT)
                    .run(new String[] {"query", "tickets", "--service", "Crash Test", "--json"});
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Integer> counts = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode ticket = MAPPER.readTree(line);
                assertThat(ticket.path("sourceVersion").asInt()).isZero();
                String pk = ticket.path("pk").asText();
                counts.merge(pk.substring(pk.lastIndexOf('#') + 1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The first failure the functions logged, to explain a dead letter. */
    private String firstFailure() throws IOException {
        Path log = state.resolve("logs/functions.log");
        if (!Files.exists(log)) {
            return "no function log";
        }
        String text = Files.readString(log);
        int at = Math.max(text.indexOf("Exception"), 0);
        return text.substring(Math.max(0, at - 500), Math.min(text.length(), at + 3000));
    }

    private List<String> lines(String file) throws IOException {
        Path path = state.resolve(file);
        return Files.exists(path) ? Files.readAllLines(path) : List.of();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
