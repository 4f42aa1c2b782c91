package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.PlantedPattern;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./demandloop demo}, the first Quick start command, end to end on the embedded stack: the samples, the
 * generated history, the nightly evaluation, the outcome measurement and the report. The demo shows the planted
 * patterns in their tiers and the verdicts of its two delivered initiatives.
 */
class DemoTest {

    /** The project root: this module is local/cli. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path state;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new DemandloopCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(DemandloopCli.STATE_DIR_VARIABLE, state.toString()), ROOT).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demo_shouldShowEachPlantedPatternInItsTier_andWriteTheReport() throws Exception {
        // WHEN
        Run demo = run("demo");

        // THEN
        assertThat(demo.exit()).as(demo.err()).isZero();
        List<PlantedPattern> planted = DemandHistoryGenerator.planted();
        assertThat(planted).hasSize(4);
        for (PlantedPattern pattern : planted) {
            // One line per demand: tier, score, id.
            assertThat(demo.out()).as(pattern.label()).containsPattern(Pattern.compile(
                    "(?m)^  " + Pattern.quote(pattern.tier().wireName()) + " +\\d+\\.\\d\\d  " + Pattern.quote(pattern.id()) + "$"));
        }
        assertThat(demo.out()).doesNotContain(DemandHistoryGenerator.QUIET + "#");
        assertThat(demo.out()).contains("Criteria met: affects a critical business service", "Support of Payments takes");
        assertThat(demo.out()).contains("Incidents per service", "reports/latest/portfolio.html",
                "reports/latest/portfolio-sla.csv", "reports/latest/portfolio-capacity.csv");
        assertThat(state.resolve("s3")).isDirectory();
        try (var files = Files.walk(state.resolve("s3"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .contains("portfolio.html", "portfolio-sla.csv", "portfolio-capacity.csv", "portfolio-demands.csv",
                            "index.html", "index.json");
        }

        // AND the demand records stay in the state, for `query demand`
        Run query = run("query", "demand");
        assertThat(query.exit()).as(query.err()).isZero();
        for (PlantedPattern pattern : planted) {
            assertThat(query.out()).contains(pattern.service());
        }

        // AND the initiative that worked (Payments' database outages stop at delivery) is improved, the one that did
        // not (HR Portal's login incidents go on) is not, each printed with its sentence and carried by the report
        assertThat(demo.out()).containsPattern(Pattern.compile("(?m)^  improved +Move the payment database to a"
                + " managed cluster \\(" + Pattern.quote(DemandHistoryGenerator.WORKED) + ", delivered \\d{4}-\\d\\d-\\d\\d\\)$"));
        assertThat(demo.out()).containsPattern(Pattern.compile("(?m)^  (no-clear-change|worse|inconclusive) +Fix the HR"
                + " portal's single sign-on \\(" + Pattern.quote(DemandHistoryGenerator.DID_NOT_WORK) + ", delivered "));
        JsonNode report = Json.mapper().readTree(
                state.resolve("s3/demandloop-reportsbucket/reports/latest/portfolio.json").toFile());
        Map<String, JsonNode> outcomes = new java.util.HashMap<>();
        report.get("initiatives").forEach(i -> {
            if (!i.get("outcome").isNull()) {
                outcomes.put(i.get("id").asText(), i.get("outcome"));
            }
        });
        assertThat(outcomes).containsOnlyKeys(DemandHistoryGenerator.WORKED, DemandHistoryGenerator.DID_NOT_WORK);
        JsonNode worked = outcomes.get(DemandHistoryGenerator.WORKED);
        JsonNode didNot = outcomes.get(DemandHistoryGenerator.DID_NOT_WORK);
        assertThat(worked.get("verdict").asText()).isEqualTo("improved");
        assertThat(worked.get("sentence").asText())
                .startsWith("Incidents (category database) on Payments fell from").endsWith(": improved.");
        assertThat(didNot.get("verdict").asText()).isIn("no-clear-change", "worse", "inconclusive");
        assertThat(didNot.get("sentence").asText()).startsWith("Incidents (category login) on HR Portal");
        // the printed sentence, unwrapped, is the report's
        String unwrapped = demo.out().replaceAll("\\n {6}", " ");
        assertThat(unwrapped).contains(worked.get("sentence").asText(), didNot.get("sentence").asText());

        // AND `query outcomes` lists both from the state
        Run listed = run("query", "outcomes");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(DemandHistoryGenerator.WORKED, DemandHistoryGenerator.DID_NOT_WORK, "improved");
    }
}
