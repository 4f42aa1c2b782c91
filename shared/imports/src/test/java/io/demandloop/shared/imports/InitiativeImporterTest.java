package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.ProjectFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitiativeImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final InMemoryInitiativeRepository repository = new InMemoryInitiativeRepository();

    private static InitiativeImporter exampleImporter() throws Exception {
        try (InputStream mapping = Files.newInputStream(ProjectFiles.path("examples/roadmap/mapping.yaml"))) {
            return new InitiativeImporter(DemandloopConfig.defaults().withOverlay(mapping, "mapping.yaml"));
        }
    }

    private ImportSummary importExample(InitiativeImporter importer, Path rejected) throws Exception {
        String csv = Files.readString(ProjectFiles.path("examples/roadmap/aha-features.csv"));
        return importer.run(new StringReader(csv), "aha-features.csv", rejected, repository, id -> false, CLOCK);
    }

    @Test
    void run_shouldImportTheExample_andRejectRowsNamingTheColumn() throws Exception {
        Path rejected = dir.resolve("aha-features.rejected.csv");

        ImportSummary summary = importExample(exampleImporter(), rejected);

        assertThat(summary.rowsRead()).isEqualTo(6);
        assertThat(summary.stored()).isEqualTo(4);
        assertThat(summary.rowsRejected()).isEqualTo(2);
        Initiative shipped = repository.find("aha#PAY-E-12").orElseThrow();
        assertThat(shipped.status()).isEqualTo(InitiativeStatus.DELIVERED);
        assertThat(shipped.deliveredAt()).isEqualTo(Instant.parse("2026-10-15T00:00:00Z"));
        assertThat(shipped.expected().metric()).isEqualTo(OutcomeMetric.MAJOR_INCIDENTS);
        assertThat(shipped.expected().targetChange()).isEqualTo(-0.30);
        assertThat(shipped.expected().category()).isEqualTo("category:network");
        assertThat(shipped.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-10-16T09:30:00Z"));
        assertThat(repository.find("aha#HR-E-2").orElseThrow().services()).containsExactly("Payroll", "SAP");
        assertThat(repository.find("aha#HR-E-2").orElseThrow().expected().metric()).isEqualTo(OutcomeMetric.INCIDENTS);
        assertThat(repository.find("aha#ID-E-4").orElseThrow().status()).isEqualTo(InitiativeStatus.IN_PROGRESS);
        List<String> lines = Files.readAllLines(rejected, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("WP-E-7").contains("services (column 'Services') names no targeted service");
        assertThat(lines.get(2)).startsWith("MAIL-E-3").contains("deliveredAt (column 'Release date') is not a date")
                .contains("30 Sept 2026");
    }

    @Test
    void run_shouldChangeNothing_whenTheSameFileIsImportedAgain() throws Exception {
        InitiativeImporter importer = exampleImporter();
        importExample(importer, dir.resolve("first.csv"));
        List<Initiative> before = repository.findAll();

        ImportSummary again = importExample(importer, dir.resolve("second.csv"));

        assertThat(again.stored()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(repository.findAll()).isEqualTo(before);
    }

    @Test
    void run_shouldRejectARow_whenItNamesADemandThatIsNotStored() throws Exception {
        String csv = "Reference #,Name,Status,Services,Linked demands,Release date,Owner team,Expected metric,"
                + "Expected change,Scope,URL,Updated\n"
                + "A-1,One,Shipped,Payments,Payments#service-risk,2026-10-15,,,,,,2026-10-16\n"
                + "A-2,Two,Shipped,Payments,Payments#alert-noise,2026-10-15,,,,,,2026-10-16\n";
        Path rejected = dir.resolve("r.csv");

        ImportSummary summary = exampleImporter().run(new StringReader(csv), "x.csv", rejected, repository,
                id -> id.equals("Payments#alert-noise"), CLOCK);

        assertThat(summary.stored()).isEqualTo(1);
        assertThat(repository.find("aha#A-2").orElseThrow().demandIds()).containsExactly("Payments#alert-noise");
        assertThat(Files.readString(rejected)).contains("demandIds (column 'Linked demands'): 'Payments#service-risk'"
                + " is not a stored demand");
    }

    @Test
    void new_shouldFailNamingTheKey_whenTheMappingLacksARequiredColumn() {
        String mapping = "imports:\n  initiatives:\n    source: aha\n    columns:\n      id: Key\n      title: Name\n"
                + "      updatedAt: Updated\n";

        assertThatThrownBy(() -> new InitiativeImporter(DemandloopConfig.defaults().withOverlay(
                new ByteArrayInputStream(mapping.getBytes(StandardCharsets.UTF_8)), "m.yaml")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("imports.initiatives.columns.services is missing");
    }
}
