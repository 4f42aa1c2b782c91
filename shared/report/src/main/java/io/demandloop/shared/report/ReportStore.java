package io.demandloop.shared.report;

import java.util.Optional;

/** Port: where rendered reports are written for stakeholders, and read back (the history's manifest). */
public interface ReportStore {

    /** Writes (or overwrites) one object. */
    void put(String key, byte[] body, String contentType);

    /** The object's bytes; empty when there is no such object (one GET, never a listing). */
    Optional<byte[]> get(String key);
}
