package io.demandloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The XSS corpus of the browser tier, {@code xss/owasp-filter-evasion.json} (its origin in {@code xss/README.md}):
 * vectors from OWASP's XSS Filter Evasion Cheat Sheet whose payload sets {@code window.__xss} or changes
 * {@code document.title} if it runs, each with what the pipeline is expected to do with it.
 */
final class XssCorpus {

    static final String RESOURCE = "/xss/owasp-filter-evasion.json";

    /** What the intake and the report do with a vector. */
    enum Expect {
        /** taken by every source, and shown verbatim as text in the report */
        CARRIED,
        /**
         * taken by every source and stored exactly, but shown with its control characters replaced (U+FFFD) or
         * dropped: a page has no place for them
         */
        ALTERED,
        /** refused by every source with a 4xx whose error names {@link Vector#refusal()} */
        REFUSED
    }

    /**
     * @param index        its position in the corpus, from 0 (ids and dates are derived from it)
     * @param name         the cheat sheet's name for it
     * @param vector       the text placed in the fields
     * @param expect       what should happen to it
     * @param refusal      for {@link Expect#REFUSED}, a part of the intake's error message
     * @param liveWhenRaw  whether this Chromium runs it on load when it is injected unescaped (the probe's own check)
     */
    record Vector(int index, String name, String vector, Expect expect, String refusal, boolean liveWhenRaw) {
    }

    private XssCorpus() {
    }

    static List<Vector> load() {
        try (InputStream in = XssCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the test classpath");
            }
            JsonNode root = Json.mapper().readTree(in);
            List<Vector> vectors = new ArrayList<>();
            for (JsonNode entry : root.get("vectors")) {
                vectors.add(new Vector(vectors.size(), entry.get("name").asText(), entry.get("vector").asText(),
                        Expect.valueOf(entry.get("expect").asText().toUpperCase(java.util.Locale.ROOT)),
                        entry.path("refusal").asText(null), entry.path("liveWhenRaw").asBoolean(false)));
            }
            return List.copyOf(vectors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
