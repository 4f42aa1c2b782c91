package io.demandloop.shared.fuzz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Turns a fuzzer's raw bytes into what the code under test receives. Inputs are plain bytes (not a
 * {@code FuzzedDataProvider}) so that the committed seeds stay readable files: JSON bodies as they are, and
 * line-separated parts for the verifiers.
 */
final class FuzzInput {

    /** The intake's own reader: the one mapper, trailing tokens refused. */
    private static final ObjectReader INTAKE_READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FuzzInput() {
    }

    /**
     * The sample bodies of {@code events/webhooks/<source>/}, one argument each, named by file: seeds read from
     * the one fixture folder rather than copied (Jazzer replays them like its inputs directory, and mutates them
     * when fuzzing).
     */
    static Stream<Arguments> webhookSamples(String source) {
        return webhookSamples(source, UnaryOperator.identity());
    }

    /** As {@link #webhookSamples(String)}, each body framed as the fuzz test's input wants it. */
    static Stream<Arguments> webhookSamples(String source, UnaryOperator<byte[]> framing) {
        return samples("events/webhooks/" + source, framing);
    }

    /** The JSON files of a folder of the repository ({@code events/…}), as {@link #webhookSamples(String)}. */
    static Stream<Arguments> samples(String folderPath, UnaryOperator<byte[]> framing) {
        Path folder = ProjectFiles.path(folderPath);
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().map(file -> Arguments.of(Named.of(file.getFileName().toString(), framing.apply(read(file)))));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body parsed as the intake parses it; null when the intake would have answered 400 before any
     * normaliser ran (not JSON, empty, too deep, trailing garbage).
     */
    static JsonNode parsedLikeTheIntake(byte[] body) {
        try {
            JsonNode parsed = INTAKE_READER.readTree(body);
            return parsed == null || parsed.isMissingNode() ? null : parsed;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The first {@code count - 1} lines of {@code data} and the rest (which may hold further line breaks), as
     * raw bytes; missing parts are empty.
     */
    static byte[][] parts(byte[] data, int count) {
        byte[][] parts = new byte[count][];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int end = start;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            parts[i] = Arrays.copyOfRange(data, start, end);
            start = Math.min(end + 1, data.length);
        }
        parts[count - 1] = Arrays.copyOfRange(data, start, data.length);
        return parts;
    }

    /** Bytes as text, invalid UTF-8 replaced, as a servlet or Lambda would hand over a header. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
