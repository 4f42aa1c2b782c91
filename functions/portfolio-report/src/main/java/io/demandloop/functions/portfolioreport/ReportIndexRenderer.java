package io.demandloop.functions.portfolioreport;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.demandloop.functions.portfolioreport.html.HtmlReport;
import io.demandloop.functions.portfolioreport.model.ReportIndex;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The history's two files: {@code reports/index.json} (the manifest, read back by the next run) and
 * {@code reports/index.html} (every report with its headline, and the demand count per tier across reports, rendered
 * by the jte templates).
 */
final class ReportIndexRenderer {

    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private ReportIndexRenderer() {
    }

    static byte[] json(ReportIndex index) {
        try {
            return (WRITER.writeValueAsString(index).replace("\r\n", "\n") + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the report index could not be written as JSON", e);
        }
    }

    /** The manifest; fails naming the key when it is not readable (a broken manifest is not silently replaced). */
    static ReportIndex parse(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, ReportIndex.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reports/index.json is not a readable report index: " + e.getMessage(), e);
        }
    }

    /** {@code reports/index.html}, rendered by the jte templates ({@link HtmlReport#index}). */
    static byte[] html(ReportIndex index) {
        return HtmlReport.index(index);
    }
}
