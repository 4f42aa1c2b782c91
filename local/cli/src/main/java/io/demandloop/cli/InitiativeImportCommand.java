package io.demandloop.cli;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.imports.CsvReader;
import io.demandloop.shared.imports.ExportInput;
import io.demandloop.shared.imports.ImportSummary;
import io.demandloop.shared.imports.InitiativeImporter;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./demandloop import initiatives <csv> --mapping <file>}: a roadmap tool's export into the embedded stack's
 * initiatives table, by {@link InitiativeImporter}. Rejected rows go beside the export, {@code <name>.rejected.csv}.
 */
final class InitiativeImportCommand {

    private final CommandLine.Import load;
    private final InitiativeImporter importer;

    /**
     * Checks what can be checked before the stack starts: the files, the mapping, the export's header.
     *
     * @throws UsageException naming the problem
     */
    InitiativeImportCommand(CommandLine.Import load, Path root, Map<String, String> environment) throws UsageException {
        this.load = load;
        if (!Files.isRegularFile(load.file())) {
            throw new UsageException("import: " + load.file() + " is not a readable file");
        }
        if (!Files.isRegularFile(load.mapping())) {
            throw new UsageException("import: the mapping " + load.mapping() + " is not a readable file");
        }
        try {
            this.importer = new InitiativeImporter(config(root, environment, load.mapping()));
        } catch (RuntimeException e) {
            throw new UsageException("import: " + e.getMessage());
        }
        if (rejectedRows().toAbsolutePath().normalize().equals(load.file().toAbsolutePath().normalize())) {
            throw new UsageException("import: the rejected rows would overwrite the export; name another file with --rejected");
        }
        try (Reader text = ExportInput.open(Files.newInputStream(load.file()), load.file().toString());
             CsvReader csv = CsvReader.open(text, importer.requiredColumns(), problem -> { })) {
            csv.columns();
        } catch (IOException | RuntimeException e) {
            throw new UsageException("import: " + load.file() + ": " + e.getMessage());
        }
    }

    private static DemandloopConfig config(Path root, Map<String, String> environment, Path mapping) {
        String named = environment.get(DemandloopConfig.CONFIG_FILE_VARIABLE);
        Path file = named != null && !named.isBlank() ? Path.of(named) : root.resolve("config/demandloop.yaml");
        DemandloopConfig config;
        try {
            config = Files.isRegularFile(file) ? DemandloopConfig.fromYaml(Files.readString(file)) : DemandloopConfig.defaults();
        } catch (IOException e) {
            throw new IllegalArgumentException("the configuration " + file + " cannot be read: " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(mapping)) {
            return config.withOverlay(in, mapping.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("the mapping " + mapping + " cannot be read: " + e.getMessage());
        }
    }

    /** Where rejected rows go: as given, else {@code <file name without extension>.rejected.csv} beside the file. */
    Path rejectedRows() {
        if (load.rejected() != null) {
            return load.rejected();
        }
        String name = load.file().getFileName().toString();
        for (String extension : new String[] {".zip", ".csv"}) {
            if (name.toLowerCase(Locale.ROOT).endsWith(extension) && name.length() > extension.length()) {
                name = name.substring(0, name.length() - extension.length());
            }
        }
        return load.file().resolveSibling(name + ".rejected.csv");
    }

    ImportSummary run(DynamoDbClient dynamoDb, String initiativesTable, String demandTable) throws IOException {
        Files.deleteIfExists(rejectedRows()); // a file left by an earlier import would look like this one's
        DynamoDbDemandRepository demands = new DynamoDbDemandRepository(dynamoDb, demandTable);
        try (Reader text = ExportInput.open(Files.newInputStream(load.file()), load.file().toString())) {
            return importer.run(text, load.file().toString(), rejectedRows(),
                    new DynamoDbInitiativeRepository(dynamoDb, initiativesTable), id -> {
                        try {
                            return demands.find(id).isPresent();
                        } catch (IllegalArgumentException e) {
                            return false;
                        }
                    }, Clock.systemUTC());
        }
    }
}
