package io.demandloop.shared.report.testing;

import io.demandloop.shared.report.ReportStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link ReportStore}: keeps each object's bytes and content type. */
public final class InMemoryReportStore implements ReportStore {

    /** One stored object. */
    public record StoredObject(byte[] body, String contentType) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, StoredObject> objects = new TreeMap<>();

    @Override
    public synchronized void put(String key, byte[] body, String contentType) {
        objects.put(key, new StoredObject(body.clone(), contentType));
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        StoredObject object = objects.get(key);
        return object == null ? Optional.empty() : Optional.of(object.body().clone());
    }

    /** The stored objects by key, in key order. */
    public synchronized Map<String, StoredObject> objects() {
        return new TreeMap<>(objects);
    }
}
