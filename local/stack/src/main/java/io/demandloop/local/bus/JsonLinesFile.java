package io.demandloop.local.bus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An append-only file of one JSON document per line, safe to append to from several threads, with durable appends.
 *
 * <p>Each line is encoded on its own, strictly: a line that cannot be encoded is refused before a byte is written,
 * and a write that fails half-way is cut back, so no single line can stop or corrupt the lines after it.
 * {@link #awaitDurable(long)} returns once the file is forced to disk ({@link FileChannel#force}) up to a position;
 * concurrent callers share one force (group commit), so many small appends cost few syncs. A line that a crash cut
 * short (no newline at the end) is cut off when the file is opened again: it was never acknowledged.
 */
final class JsonLinesFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final Object writeLock = new Object();
    /** Bytes appended so far (the file's size); written under {@link #writeLock}. */
    private volatile long written;

    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition syncDone = syncLock.newCondition();
    private long forced;
    private boolean forcing;

    JsonLinesFile(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean created = !Files.exists(path);
            // Appending, so a persisted state directory keeps the history of earlier runs.
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = completeLinesEnd(channel);
            if (size < channel.size()) {
                channel.truncate(size);
                channel.force(false);
            }
            channel.position(size);
            this.written = size;
            this.forced = size;
            if (created) {
                forceDirectory(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * Appends one line, not yet forced to disk.
     *
     * @return the file position after the line, for {@link #awaitDurable(long)}
     * @throws CharacterCodingException when the text holds a lone UTF-16 surrogate (nothing is written)
     * @throws IOException              when the write fails (the file is cut back to where it was)
     */
    long append(String json) throws IOException {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a JSON line must not hold a line break");
        }
        ByteBuffer bytes = encode(json + "\n");
        synchronized (writeLock) {
            long start = written;
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                try {
                    channel.truncate(start);
                    channel.position(start);
                } catch (IOException cutBack) {
                    e.addSuppressed(cutBack);
                }
                throw e;
            }
            written = start + bytes.limit();
            return written;
        }
    }

    /** Appends one line and waits until it is on disk. */
    void appendDurably(String json) throws IOException {
        awaitDurable(append(json));
    }

    /**
     * Waits until everything up to {@code position} is forced to disk. One caller forces at a time, for every line
     * appended so far; the others wait for it and return at once if it covered them.
     */
    void awaitDurable(long position) throws IOException {
        syncLock.lock();
        try {
            while (forced < position) {
                if (forcing) {
                    syncDone.awaitUninterruptibly();
                    continue;
                }
                forcing = true;
                long target = written;
                syncLock.unlock();
                IOException failure = null;
                try {
                    channel.force(false);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    syncLock.lock();
                    forcing = false;
                    if (failure == null) {
                        forced = Math.max(forced, target);
                    }
                    syncDone.signalAll();
                }
                if (failure != null) {
                    throw failure;
                }
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** The size of the file: the end of its last line. */
    long size() {
        return written;
    }

    /**
     * Moves every line of this file to the end of {@code pending} (durably), empties this file, and returns all the
     * lines {@code pending} then holds (also those an earlier, interrupted move left there).
     */
    List<String> moveAllTo(Path pending) throws IOException {
        synchronized (writeLock) {
            try (JsonLinesFile target = new JsonLinesFile(pending)) {
                for (Line line : readLines(path, 0, written)) {
                    target.append(line.text());
                }
                target.awaitDurable(target.size());
            }
            truncate();
            return readLines(pending, 0, Long.MAX_VALUE).stream().map(Line::text).toList();
        }
    }

    /** Empties the file durably. */
    void truncate() throws IOException {
        synchronized (writeLock) {
            channel.truncate(0);
            channel.position(0);
            channel.force(false);
            written = 0;
            syncLock.lock();
            try {
                forced = 0;
            } finally {
                syncLock.unlock();
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        }
    }

    // ---- reading and helpers ---------------------------------------------------------------------------------------

    /** One complete line and the file position just after it. */
    record Line(String text, long end) {
    }

    /**
     * The complete lines of a file between two positions (a line cut short at the end is left out); empty when the
     * file does not exist.
     */
    static List<Line> readLines(Path file, long from, long to) throws IOException {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = Math.min(to, in.size());
            if (from >= end) {
                return lines;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, end - from));
            while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
                // reads until the range is in memory
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < buffer.position(); i++) {
                if (bytes[i] == '\n') {
                    lines.add(new Line(new String(bytes, start, i - start, StandardCharsets.UTF_8), from + i + 1));
                    start = i + 1;
                }
            }
        }
        return lines;
    }

    /**
     * One JSON line for a document: as the mapper writes it, unless some text in it cannot be encoded in UTF-8 (a
     * lone UTF-16 surrogate); then every character outside ASCII is written as a {@code \\uXXXX} escape, which any
     * JSON reader turns back into exactly the text that was sent.
     */
    static String line(ObjectMapper mapper, JsonNode document) throws JsonProcessingException {
        String json = mapper.writeValueAsString(document);
        if (encodable(json)) {
            return json;
        }
        return mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(document);
    }

    /** Whether every surrogate in the text is part of a pair. */
    static boolean encodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer encode(String text) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(java.nio.CharBuffer.wrap(text));
    }

    /** The position after the last newline: where the complete lines end. */
    private static long completeLinesEnd(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long at = size - 1; at >= 0; at--) {
            one.clear();
            channel.read(one, at);
            if (one.get(0) == '\n') {
                return at + 1;
            }
        }
        return 0;
    }

    /** Makes a new file's name durable: its directory is forced too (a no-op where the platform cannot). */
    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; its file system makes the entry durable with the file.
        }
    }

    /** Replaces a small file atomically and durably with the given text. */
    static void replaceDurably(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = encode(text);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file.toAbsolutePath().getParent());
    }
}
