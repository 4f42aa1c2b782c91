package io.demandloop.local.bus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of the build (skipped unless {@code -Dbench=true}): the event log alone, lines a second appended with and
 * without waiting for the fsync, from 1 and 16 threads: what the fsync costs and what the group commit wins back.
 */
class JsonLinesFileBenchmark {

    @TempDir
    Path dir;

    @Test
    void linesPerSecond_withAndWithoutFsync() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "a benchmark: run with -Dbench=true");
        String line = "{\"version\":\"0\",\"id\":\"" + "x".repeat(36) + "\",\"detail\":{\"text\":\"" + "y".repeat(900) + "\"}}";
        for (boolean durable : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 16}) {
                int perThread = durable && threads == 1 ? 500 : 2000 / threads * 4;
                try (JsonLinesFile file = new JsonLinesFile(dir.resolve(durable + "-" + threads + ".jsonl"))) {
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    long started = System.nanoTime();
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        done.add(pool.submit(() -> {
                            for (int i = 0; i < perThread; i++) {
                                long end = file.append(line);
                                if (durable) {
                                    file.awaitDurable(end);
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> future : done) {
                        future.get();
                    }
                    pool.shutdown();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "BENCH %s, %2d thread(s): %.0f lines/s%n",
                            durable ? "fsync before answering" : "no fsync (page cache)", threads, threads * perThread / seconds);
                }
            }
        }
    }
}
