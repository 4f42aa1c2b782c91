package io.demandloop.cli;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.imports.ExportFormat;
import io.demandloop.shared.imports.ExportFormats;
import io.demandloop.shared.imports.ExportInput;
import io.demandloop.shared.imports.ImportProgress;
import io.demandloop.shared.imports.ImportSummary;
import io.demandloop.shared.imports.TicketExportReader;
import io.demandloop.shared.imports.TicketImporter;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./demandloop import}: the import function's code path ({@link TicketImporter}) on a local file, into the
 * embedded stack's tickets table.
 */
final class ImportCommand {

    private final CommandLine.Import load;
    private final DemandloopConfig config;
    private final ExportFormat format;

    /**
     * Checks everything that can be checked before the stack starts: the files, the configuration and mapping, and
     * the export's header.
     *
     * @throws UsageException naming the problem
     */
    ImportCommand(CommandLine.Import load, Path root, Map<String, String> environment) throws UsageException {
        this.load = load;
        if (!Files.isRegularFile(load.file())) {
            throw new UsageException("import: " + load.file() + " is not a readable file");
        }
        if (load.mapping() != null && !Files.isRegularFile(load.mapping())) {
            throw new UsageException("import: the mapping " + load.mapping() + " is not a readable file");
        }
        try {
            this.config = config(root, environment, load.mapping());
            this.format = ExportFormats.create(load.format(), config);
        } catch (RuntimeException e) {
            throw new UsageException("import: " + e.getMessage());
        }
        if (rejectedRows().toAbsolutePath().normalize().equals(load.file().toAbsolutePath().normalize())) {
            throw new UsageException("import: the rejected rows would overwrite the export; name another file with --rejected");
        }
        try (Reader text = ExportInput.open(Files.newInputStream(load.file()), load.file().toString());
             TicketExportReader reader = format.open(text)) {
            reader.columns();
        } catch (IOException | RuntimeException e) {
            throw new UsageException("import: " + load.file() + ": " + e.getMessage());
        }
    }

    /** The user's configuration file (or {@code DEMANDLOOP_CONFIG_FILE}), with the mapping laid over it. */
    static DemandloopConfig config(Path root, Map<String, String> environment, Path mapping) {
        String named = environment.get(DemandloopConfig.CONFIG_FILE_VARIABLE);
        Path file = named != null && !named.isBlank() ? Path.of(named) : root.resolve("config/demandloop.yaml");
        DemandloopConfig config;
        try {
            config = Files.isRegularFile(file) ? DemandloopConfig.fromYaml(Files.readString(file)) : DemandloopConfig.defaults();
        } catch (IOException e) {
            throw new IllegalArgumentException("the configuration " + file + " cannot be read: " + e.getMessage());
        }
        if (mapping == null) {
            return config;
        }
        try (InputStream in = Files.newInputStream(mapping)) {
            return config.withOverlay(in, mapping.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("the mapping " + mapping + " cannot be read: " + e.getMessage());
        }
    }

    /** Where rejected rows go: as given, else {@code <file name without extension>.rejected.csv} beside the export. */
    Path rejectedRows() {
        if (load.rejected() != null) {
            return load.rejected();
        }
        String name = load.file().getFileName().toString();
        for (String extension : new String[] {".zip", ".csv"}) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(extension) && name.length() > extension.length()) {
                name = name.substring(0, name.length() - extension.length());
            }
        }
        return load.file().resolveSibling(name + ".rejected.csv");
    }

    ImportSummary run(DynamoDbClient dynamoDb, String table, ImportProgress progress)
            throws IOException, InterruptedException {
        TicketImporter importer = new TicketImporter(new DynamoDbTicketRepository(dynamoDb, table));
        Files.deleteIfExists(rejectedRows()); // a file left by an earlier import would look like this one's
        return importer.run(format, Files.newInputStream(load.file()), load.file().toString(), Files.size(load.file()),
                rejectedRows(), progress);
    }
}
