package io.demandloop.shared.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON documents against a JSON Schema (draft 2020-12) of the repository, e.g.
 * {@code docs/report.schema.json}, with networknt's validator, formats asserted ({@code date-time}, {@code date}).
 * For any test that produces a report: {@code JsonSchemaCheck.assertValid(REPORT_SCHEMA, json)}.
 */
public final class JsonSchemaCheck {

    /** The portfolio report's schema. */
    public static final String REPORT_SCHEMA = "docs/report.schema.json";
    /** The report history's manifest's schema ({@code reports/index.json}). */
    public static final String INDEX_SCHEMA = "docs/report-index.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private JsonSchemaCheck() {
    }

    /** The schema's problems with the document, one line each ({@code $.path: message}); empty when it is valid. */
    public static List<String> problems(String schemaPath, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(schemaPath, path -> REGISTRY.getSchema(
                new String(ProjectFiles.read(path), StandardCharsets.UTF_8), InputFormat.JSON));
        List<Error> errors = schema.validate(json, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    /** Fails, listing every problem, unless the document is valid against the schema. */
    public static void assertValid(String schemaPath, String json) {
        List<String> problems = problems(schemaPath, json);
        if (!problems.isEmpty()) {
            throw new AssertionError("not valid against " + schemaPath + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** As {@link #assertValid(String, String)} for UTF-8 bytes. */
    public static void assertValid(String schemaPath, byte[] json) {
        assertValid(schemaPath, new String(json, StandardCharsets.UTF_8));
    }
}
