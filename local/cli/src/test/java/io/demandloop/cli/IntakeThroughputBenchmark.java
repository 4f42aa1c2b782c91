package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of the build (skipped unless {@code -Dbench=true}): deliveries a second through the local intake
 * (HTTP, intake function, PutEvents with its fsync, 202) on a stack persisting to disk, with 1 and with 16 clients.
 * docs/PERFORMANCE.md has the command and the figures.
 */
class IntakeThroughputBenchmark {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    Path state;

    @Test
    void deliveriesPerSecond_with1And16Clients() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "a benchmark: run with -Dbench=true");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DEMANDLOOP_SECRET_SERVICENOW", "bench");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), environment, OptionalInt.of(0)))) {
            URI hooks = stack.webhookUrl().orElseThrow().resolve("hooks/servicenow");
            run(hooks, 4, 100);
            assertThat(stack.awaitIdle(Duration.ofMinutes(2))).isTrue();
            for (int clients : new int[] {1, 16}) {
                int deliveries = clients == 1 ? 300 : 800;
                long started = System.nanoTime();
                run(hooks, clients, deliveries);
                double seconds = (System.nanoTime() - started) / 1e9;
                long drainStart = System.nanoTime();
                assertThat(stack.awaitIdle(Duration.ofMinutes(5))).isTrue();
                System.out.printf(Locale.ROOT, "BENCH %2d client(s): %d deliveries answered 202 in %.1f s = %.0f/s"
                                + " (bus drained %.1f s later)%n", clients, deliveries, seconds, deliveries / seconds,
                        (System.nanoTime() - drainStart) / 1e9);
            }
        }
    }

    private static void run(URI hooks, int clients, int deliveries) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger left = new AtomicInteger(deliveries);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    int n = NEXT.getAndIncrement();
                    String body = "{\"sys_id\":\"" + String.format(Locale.ROOT, "be0c%028d", n) + "\",\"sys_class_name\":\"incident\","
                            + "\"number\":\"" + String.format(Locale.ROOT, "INC8%06d", n) + "\",\"short_description\":\"Bench\","
                            + "\"business_service\":\"Bench\",\"priority\":\"3\",\"state\":\"1\",\"opened_at\":\"2026-11-16 08:02:11\","
                            + "\"sys_updated_on\":\"2026-11-16 08:02:11\",\"sys_mod_count\":\"0\"}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(hooks)
                            .header("Authorization", "Bearer bench").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }
}
