package io.demandloop.shared.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Port: where exports to import are put, and where an import's results go (an S3 bucket on AWS). */
public interface ImportStore {

    /** The object's bytes, streamed: an export may be far larger than memory. */
    InputStream open(String key) throws IOException;

    /** The object's size in bytes, for the progress estimate. */
    long size(String key);

    /** A small object's bytes (a mapping file), or empty when there is no such object. */
    Optional<byte[]> readSmall(String key);

    /** Writes an object from bytes. */
    void put(String key, byte[] content, String contentType);

    /** Writes an object from a file, which may be large. */
    void put(String key, Path file, String contentType);
}
