package io.demandloop.shared.report;

/** Port: where rendered reports are written for stakeholders. */
public interface ReportStore {

    /** Writes (or overwrites) one object. */
    void put(String key, byte[] body, String contentType);
}
