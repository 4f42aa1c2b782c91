package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.demandloop.functions.alertstore.AlertStoreConfig;
import io.demandloop.functions.importer.ImportConfig;
import io.demandloop.functions.intake.IntakeConfig;
import io.demandloop.functions.outcomes.InitiativeStoreConfig;
import io.demandloop.functions.demandevaluation.DemandEvaluationConfig;
import io.demandloop.functions.demandevaluation.DemandStatusConfig;
import io.demandloop.functions.portfolioreport.PortfolioReportConfig;
import io.demandloop.functions.slaescalation.SlaFunctionConfig;
import io.demandloop.functions.ticketstore.TicketStoreConfig;
import io.demandloop.local.template.FunctionDef;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.config.FunctionEnvironment;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.ProjectFiles;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every variable a function reads is set by template.yaml, and the template sets nothing the code ignores. */
class TemplateConfigurationTest {

    /**
     * Set in Globals for every function: JAVA_TOOL_OPTIONS is read by the JVM itself (start-up speed), the metrics
     * namespace by the shared metrics adapter every composition root builds (PipelineMetrics).
     */
    private static final Set<String> READ_BY_THE_RUNTIME = Set.of("JAVA_TOOL_OPTIONS", PipelineMetrics.NAMESPACE_VARIABLE);

    private static final Map<String, List<String>> CODE = Map.ofEntries(
            Map.entry("DemandEvaluationFunction", DemandEvaluationConfig.VARIABLES),
            Map.entry("DemandStatusFunction", DemandStatusConfig.VARIABLES),
            Map.entry("IntakeFunction", IntakeConfig.VARIABLES),
            Map.entry("TicketStoreFunction", TicketStoreConfig.VARIABLES),
            Map.entry("PortfolioReportFunction", PortfolioReportConfig.VARIABLES),
            Map.entry("AlertStoreFunction", AlertStoreConfig.VARIABLES),
            Map.entry("ImportFunction", ImportConfig.VARIABLES),
            Map.entry("SlaTrackerFunction", SlaFunctionConfig.TRACKER_VARIABLES),
            Map.entry("SlaEscalationFunction", SlaFunctionConfig.ESCALATION_VARIABLES),
            Map.entry("InitiativeStoreFunction", InitiativeStoreConfig.VARIABLES),
            Map.entry("OutcomeMeasurementFunction", io.demandloop.functions.outcomes.OutcomeMeasurementConfig.VARIABLES));

    /**
     * Each function's configuration reader, the code that reads its environment at init. What it reads is found by
     * running it, not listed.
     */
    private static final Map<String, Runnable> READERS = Map.ofEntries(
            Map.entry("DemandEvaluationFunction", DemandEvaluationConfig::fromEnvironment),
            Map.entry("DemandStatusFunction", DemandStatusConfig::fromEnvironment),
            Map.entry("IntakeFunction", IntakeConfig::fromEnvironment),
            Map.entry("TicketStoreFunction", TicketStoreConfig::fromEnvironment),
            Map.entry("PortfolioReportFunction", PortfolioReportConfig::fromEnvironment),
            Map.entry("AlertStoreFunction", AlertStoreConfig::fromEnvironment),
            Map.entry("ImportFunction", ImportConfig::fromEnvironment),
            Map.entry("SlaTrackerFunction", SlaFunctionConfig::slaTable),
            Map.entry("SlaEscalationFunction", () -> {
                SlaFunctionConfig.slaTable();
                SlaFunctionConfig.eventBusName();
            }),
            Map.entry("InitiativeStoreFunction", InitiativeStoreConfig::fromEnvironment),
            Map.entry("OutcomeMeasurementFunction", io.demandloop.functions.outcomes.OutcomeMeasurementConfig::fromEnvironment));

    private final SamTemplate template = SamTemplate.load(ProjectFiles.path("template.yaml"), "demandloop", Map.of());

    @Test
    void everyFunction_shouldBeSetExactlyTheVariablesItsCodeReads() {
        assertThat(template.functions()).extracting(FunctionDef::logicalId).containsExactlyInAnyOrderElementsOf(CODE.keySet());
        for (FunctionDef function : template.functions()) {
            Set<String> set = new HashSet<>(function.environment().keySet());
            set.removeAll(READ_BY_THE_RUNTIME);
            assertThat(set).as(function.logicalId()).containsExactlyInAnyOrderElementsOf(CODE.get(function.logicalId()));
        }
    }

    @Test
    void everyVariableTheConfigurationReads_shouldBeSetByTheTemplate_andBeInItsList() {
        for (FunctionDef function : template.functions()) {
            Runnable reader = READERS.get(function.logicalId());
            if (reader == null) {
                continue;
            }
            Map<String, String> environment = new HashMap<>(function.environment());
            READ_BY_THE_RUNTIME.forEach(environment::remove);
            Set<String> read = readBy(function.logicalId(), reader, environment);
            assertThat(read).as(function.logicalId()).containsExactlyInAnyOrderElementsOf(environment.keySet())
                    .containsExactlyInAnyOrderElementsOf(CODE.get(function.logicalId()));
        }
        assertThat(READERS.keySet()).containsExactlyInAnyOrderElementsOf(CODE.keySet());
    }

    @AfterEach
    void processEnvironmentAgain() {
        FunctionEnvironment.install(System.getenv());
    }

    /**
     * The variables a reader reads, found by running it: with the function's template environment it must succeed (a
     * variable it reads that the template does not set fails here, named by the reader), and without each variable in
     * turn it fails naming that variable if it reads it. Every variable the functions read is required.
     */
    private static Set<String> readBy(String function, Runnable reader, Map<String, String> environment) {
        FunctionEnvironment.install(environment);
        assertThatCode(reader::run).as(function + " reads a variable the template does not set").doesNotThrowAnyException();
        Set<String> read = new HashSet<>();
        for (String name : environment.keySet()) {
            Map<String, String> without = new HashMap<>(environment);
            without.remove(name);
            FunctionEnvironment.install(without);
            try {
                reader.run();
            } catch (MissingConfigurationException e) {
                if (e.getMessage().contains("variable " + name + " ")) {
                    read.add(name);
                }
            }
        }
        return read;
    }

    @Test
    void everyFunction_shouldRunOnJava21AndPointAtItsShadedJar() {
        for (FunctionDef function : template.functions()) {
            assertThat(function.runtime()).as(function.logicalId()).isEqualTo("java21");
            assertThat(function.codeUri().toString()).as(function.logicalId()).matches(".*functions/[a-z-]+/target/[a-z-]+\\.jar");
            String module = function.codeUri().getParent().getParent().getFileName().toString();
            assertThat(Files.isRegularFile(ProjectFiles.path("functions/" + module + "/pom.xml"))).isTrue();
        }
    }
}
