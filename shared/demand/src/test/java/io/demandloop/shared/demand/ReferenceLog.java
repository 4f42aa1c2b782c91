package io.demandloop.shared.demand;

import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.imports.ExportFormat;
import io.demandloop.shared.imports.ExportFormats;
import io.demandloop.shared.imports.ImportProgress;
import io.demandloop.shared.imports.TicketImporter;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real ServiceNow incident log (beside the repository, {@value #RELATIVE}) imported with the example mapping
 * into in-memory stores, once per test JVM: what {@code ./demandloop import servicenow … --mapping
 * examples/servicenow-incident-log/mapping.yaml} puts into the tables, without the tables.
 */
final class ReferenceLog {

    static final String RELATIVE = "../shared/datasets/servicenow-incident-log/incident_event_log.csv.zip";
    static final String MAPPING = "examples/servicenow-incident-log/mapping.yaml";

    private static ReferenceLog loaded;

    final DemandloopConfig config;
    final InMemoryTicketRepository tickets = new InMemoryTicketRepository();

    private ReferenceLog(DemandloopConfig config) {
        this.config = config;
    }

    /** The log, imported on first use; fails loudly, naming the place looked at, when the file is missing. */
    static synchronized ReferenceLog get() {
        if (loaded == null) {
            Path file = ProjectFiles.root().resolve(RELATIVE).normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the reference ServiceNow incident log is missing: looked for " + file);
            }
            try (InputStream mapping = Files.newInputStream(ProjectFiles.path(MAPPING))) {
                DemandloopConfig config = DemandloopConfig.defaults().withOverlay(mapping, MAPPING);
                ReferenceLog log = new ReferenceLog(config);
                ExportFormat format = ExportFormats.create("servicenow", config);
                Path rejected = Files.createTempFile("reference-log", ".rejected.csv");
                new TicketImporter(log.tickets).run(format, Files.newInputStream(file), file.toString(), Files.size(file),
                        rejected, ImportProgress.NONE);
                Files.deleteIfExists(rejected);
                loaded = log;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while importing the reference log", e);
            }
        }
        return loaded;
    }

    /** The nightly reader over the imported tickets (no alerts, no SLA tracking: the log has neither). */
    DemandFactsReader reader(DemandConfig demand) {
        return new DemandFactsReader(tickets, new InMemoryAlertRepository(), new InMemorySlaRepository(),
                ServiceCatalog.from(config), demand);
    }
}
