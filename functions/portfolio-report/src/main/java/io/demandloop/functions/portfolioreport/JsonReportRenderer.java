package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.PortfolioReport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.demandloop.shared.json.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code portfolio.json}: the report as documented in {@code docs/reports.md}, indented for people reading it. */
final class JsonReportRenderer implements ReportRenderer {

    // "\n" rather than the platform line separator Jackson uses by default, so that the bytes never depend on the host.
    private static final ObjectWriter WRITER = Json.mapper().writer(new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    @Override
    public String fileName() {
        return "portfolio.json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        try {
            return (WRITER.writeValueAsString(report) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the portfolio report could not be written as JSON", e);
        }
    }
}
