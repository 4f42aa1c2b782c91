package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one run wrote: the handler's response and the detail of the "Portfolio Report Published" event.
 *
 * @param asOf  the instant the report describes
 * @param keys  the object keys written, dated copies first, then {@code reports/latest/}, then the index
 * @param links presigned HTTPS GET links to the dated copies, for sharing with someone who has no access to the
 *              bucket; empty (and left out of the JSON) when the run was asked for none
 */
@JsonPropertyOrder({"asOf", "keys", "links"})
public record PublishedReport(Instant asOf, List<String> keys,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ReportLink> links) {
    public PublishedReport {
        Objects.requireNonNull(asOf, "asOf");
        keys = List.copyOf(keys);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** What was written, without links. */
    public PublishedReport(Instant asOf, List<String> keys) {
        this(asOf, keys, List.of());
    }

    /**
     * A presigned link to one report object.
     *
     * @param key       the object's key
     * @param url       the HTTPS GET URL (anyone holding it can read the object until it expires)
     * @param expiresAt when the signature stops being accepted
     */
    @JsonPropertyOrder({"key", "url", "expiresAt"})
    public record ReportLink(String key, String url, Instant expiresAt) {
        public ReportLink {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
