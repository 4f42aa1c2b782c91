package io.demandloop.functions.importer;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.imports.CsvFormatException;
import io.demandloop.shared.imports.ExportFormat;
import io.demandloop.shared.imports.ExportFormats;
import io.demandloop.shared.imports.ImportStore;
import io.demandloop.shared.imports.ImportSummary;
import io.demandloop.shared.imports.PlainProgress;
import io.demandloop.shared.imports.TicketImporter;
import io.demandloop.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an export put under {@code imports/<format>/} with the importer {@code ./demandloop import} runs: the
 * format is the key's second segment; an optional {@code imports/<format>/mapping.yaml}, put before the export, is
 * laid over the configuration as {@code --mapping} is. The summary and the rejected rows go under
 * {@code import-results/<format>/<name>.summary.json} and {@code .rejected.csv} (outside {@code imports/}, so writing
 * them triggers nothing).
 */
public final class ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);

    /** Where exports are put. */
    public static final String IMPORTS_PREFIX = "imports/";
    /** Where results are written. */
    public static final String RESULTS_PREFIX = "import-results/";
    /** The mapping file of a format's folder. */
    public static final String MAPPING_FILE = "mapping.yaml";

    private final ImportStore store;
    private final TicketImporter importer;
    private final DemandloopConfig config;
    private final Path workDirectory;

    /**
     * @param workDirectory where the rejected rows are gathered before they are uploaded ({@code /tmp} on Lambda)
     */
    public ImportService(ImportStore store, TicketImporter importer, DemandloopConfig config, Path workDirectory) {
        this.store = Objects.requireNonNull(store, "store");
        this.importer = Objects.requireNonNull(importer, "importer");
        this.config = Objects.requireNonNull(config, "config");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    }

    /**
     * Imports the object.
     *
     * @throws IOException when the object cannot be read; the trigger's retry then runs the import again, which by
     *                     the version rules continues where this one stopped
     */
    public ImportResult importObject(String key) throws IOException, InterruptedException {
        if (!key.startsWith(IMPORTS_PREFIX)) {
            return ImportResult.ignored(key, "not under " + IMPORTS_PREFIX);
        }
        String rest = key.substring(IMPORTS_PREFIX.length());
        int slash = rest.indexOf('/');
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return ImportResult.ignored(key, "a mapping file, read when an export of its folder is imported");
        }
        if (slash <= 0 || slash == rest.length() - 1 || rest.endsWith("/")) {
            return failed(key, RESULTS_PREFIX + rest, "an export goes under " + IMPORTS_PREFIX + "<format>/<file>, where"
                    + " <format> is one of " + String.join(", ", ExportFormats.NAMES));
        }
        String formatName = rest.substring(0, slash);
        String results = RESULTS_PREFIX + rest;
        ExportFormat format;
        try {
            format = ExportFormats.create(formatName, configFor(formatName));
        } catch (IllegalArgumentException | MissingConfigurationException e) {
            return failed(key, results, e.getMessage());
        }
        Files.createDirectories(workDirectory);
        Path rejected = Files.createTempFile(workDirectory, "rejected-", ".csv");
        Files.delete(rejected); // the importer creates it only when a row is rejected
        try {
            ImportSummary summary = importer.run(format, store.open(key), key, store.size(key), rejected,
                    new PlainProgress(LOG::info, Duration.ofSeconds(10)));
            List<String> written = new ArrayList<>();
            if (Files.exists(rejected)) {
                store.put(results + ".rejected.csv", rejected, "text/csv; charset=utf-8");
                written.add(results + ".rejected.csv");
            }
            written.add(results + ".summary.json");
            boolean broken = summary.broken() != null;
            ImportResult result = new ImportResult(broken ? "incomplete" : "imported", key, summary.broken(), summary, written);
            store.put(results + ".summary.json", Json.mapper().writeValueAsBytes(result), "application/json");
            if (broken) {
                // The trigger's retry reads the object again: a read that broke on the way completes then, and a
                // truncated object ends in the dead-letter queue with this summary saying why.
                throw new IOException(key + ": " + summary.broken());
            }
            return result;
        } catch (CsvFormatException e) {
            return failed(key, results, e.getMessage());
        } finally {
            Files.deleteIfExists(rejected);
        }
    }

    /** The configuration with the folder's mapping file laid over it, if there is one. */
    private DemandloopConfig configFor(String format) {
        String mappingKey = IMPORTS_PREFIX + format + "/" + MAPPING_FILE;
        Optional<byte[]> mapping = store.readSmall(mappingKey);
        return mapping.isEmpty() ? config
                : config.withOverlay(new ByteArrayInputStream(mapping.get()), "s3 object " + mappingKey);
    }

    private ImportResult failed(String key, String results, String message) throws IOException {
        LOG.error("import of {} failed: {}", key, message);
        ImportResult result = new ImportResult("failed", key, message, null, List.of(results + ".summary.json"));
        store.put(results + ".summary.json", Json.mapper().writeValueAsBytes(result), "application/json");
        return result;
    }
}
