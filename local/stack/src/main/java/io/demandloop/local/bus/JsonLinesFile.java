package io.demandloop.local.bus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An append-only file of one JSON document per line, safe to append to from several threads. */
final class JsonLinesFile implements AutoCloseable {

    private final Path path;
    private final BufferedWriter writer;

    JsonLinesFile(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Appending, so a persisted state directory keeps the history of earlier runs.
            this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Appends one line and flushes it, so a reader (or a crash) never sees half an event. */
    synchronized void append(String json) throws IOException {
        writer.write(json);
        writer.write('\n');
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
