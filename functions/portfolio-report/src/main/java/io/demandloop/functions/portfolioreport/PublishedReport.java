package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one run wrote: the handler's response and the detail of the "Portfolio Report Published" event.
 *
 * @param asOf the instant the report describes
 * @param keys the object keys written, dated copies first, then {@code reports/latest/}
 */
@JsonPropertyOrder({"asOf", "keys"})
public record PublishedReport(Instant asOf, List<String> keys) {
    public PublishedReport {
        Objects.requireNonNull(asOf, "asOf");
        keys = List.copyOf(keys);
    }
}
