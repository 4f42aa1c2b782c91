package io.demandloop.shared.report.testing;

import io.demandloop.shared.report.ReportLinker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** In-memory {@link ReportLinker}: {@code https://reports.invalid/<key>?expires=<instant>}, checked like the real one. */
public final class InMemoryReportLinker implements ReportLinker {

    @Override
    public URI link(String key, Duration expiry, Instant now) {
        ReportLinker.checkExpiry(expiry);
        return URI.create("https://reports.invalid/" + key + "?expires=" + now.plus(expiry));
    }
}
