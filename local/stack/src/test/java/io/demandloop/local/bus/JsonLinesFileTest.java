package io.demandloop.local.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The append-only JSON lines file under the bus: one line cannot harm another, and a torn line is cut at reopen. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonLinesFileTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void append_shouldRefuseALoneSurrogate_andStillAppendTheNextLines() throws Exception {
        // GIVEN
        Path path = dir.resolve("log.jsonl");
        try (JsonLinesFile file = new JsonLinesFile(path)) {
            file.appendDurably("{\"n\":1}");

            // WHEN
            assertThatThrownBy(() -> file.append("{\"t\":\"\ud800\"}")).isInstanceOf(CharacterCodingException.class);
            file.appendDurably("{\"n\":2}");
        }

        // THEN
        assertThat(Files.readAllLines(path)).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void line_shouldEscapeTextUtf8CannotCarry_soThatItReadsBackExactly() throws Exception {
        // GIVEN
        ObjectNode document = mapper.createObjectNode().put("t", "caf\u00e9 \ud83d\ude00 \udc00 end");

        // WHEN
        String line = JsonLinesFile.line(mapper, document);

        // THEN
        assertThat(JsonLinesFile.encodable(line)).isTrue();
        assertThat(mapper.readTree(line).get("t").asText()).isEqualTo("caf\u00e9 \ud83d\ude00 \udc00 end");
        // and text that needs no escape is written as it is
        assertThat(JsonLinesFile.line(mapper, mapper.createObjectNode().put("t", "caf\u00e9"))).isEqualTo("{\"t\":\"caf\u00e9\"}");
    }

    @Test
    void open_shouldCutALineACrashLeftHalfWritten_soTheNextLineStandsAlone() throws Exception {
        // GIVEN a file whose last line has no newline
        Path path = dir.resolve("log.jsonl");
        Files.writeString(path, "{\"n\":1}\n{\"n\":", StandardCharsets.UTF_8);

        // WHEN
        try (JsonLinesFile file = new JsonLinesFile(path)) {
            file.appendDurably("{\"n\":3}");
        }

        // THEN
        assertThat(Files.readAllLines(path)).containsExactly("{\"n\":1}", "{\"n\":3}");
    }

    @Test
    void appendDurably_shouldKeepEveryLineWhole_whenManyThreadsAppend() throws Exception {
        // GIVEN
        Path path = dir.resolve("log.jsonl");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (JsonLinesFile file = new JsonLinesFile(path)) {
            // WHEN
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        file.appendDurably("{\"thread\":" + thread + ",\"i\":" + i + "}");
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(file.size()).isEqualTo(Files.size(path));
        } finally {
            threads.shutdownNow();
        }

        // THEN
        List<String> lines = Files.readAllLines(path);
        Set<String> distinct = new HashSet<>();
        for (String line : lines) {
            assertThat(mapper.readTree(line).size()).isEqualTo(2);
            distinct.add(line);
        }
        assertThat(lines).hasSize(400);
        assertThat(distinct).hasSize(400);
    }

    @Test
    void moveAllTo_shouldEmptyTheFile_andReturnItsLinesWithThoseAnEarlierMoveLeft() throws Exception {
        // GIVEN a pending file an interrupted move left, and two new lines
        Path path = dir.resolve("dead.jsonl");
        Path pending = dir.resolve("pending.jsonl");
        Files.writeString(pending, "{\"n\":0}\n");
        try (JsonLinesFile file = new JsonLinesFile(path)) {
            file.appendDurably("{\"n\":1}");
            file.appendDurably("{\"n\":2}");

            // WHEN
            List<String> moved = file.moveAllTo(pending);
            file.appendDurably("{\"n\":3}");

            // THEN
            assertThat(moved).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
        }
        assertThat(Files.readAllLines(path)).containsExactly("{\"n\":3}");
    }
}
