package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.functions.alertstore.AlertStoreConfig;
import io.demandloop.functions.importer.ImportConfig;
import io.demandloop.functions.intake.IntakeConfig;
import io.demandloop.functions.outcomes.InitiativeStoreConfig;
import io.demandloop.functions.demandevaluation.DemandEvaluationConfig;
import io.demandloop.functions.portfolioreport.PortfolioReportConfig;
import io.demandloop.functions.slaescalation.SlaFunctionConfig;
import io.demandloop.functions.ticketstore.TicketStoreConfig;
import io.demandloop.local.template.FunctionDef;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.ProjectFiles;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            Map.entry("DemandStatusFunction", DemandEvaluationConfig.STATUS_VARIABLES),
            Map.entry("IntakeFunction", IntakeConfig.VARIABLES),
            Map.entry("TicketStoreFunction", TicketStoreConfig.VARIABLES),
            Map.entry("PortfolioReportFunction", PortfolioReportConfig.VARIABLES),
            Map.entry("AlertStoreFunction", AlertStoreConfig.VARIABLES),
            Map.entry("ImportFunction", ImportConfig.VARIABLES),
            Map.entry("SlaTrackerFunction", SlaFunctionConfig.TRACKER_VARIABLES),
            Map.entry("SlaEscalationFunction", SlaFunctionConfig.ESCALATION_VARIABLES),
            Map.entry("InitiativeStoreFunction", InitiativeStoreConfig.VARIABLES),
            Map.entry("OutcomeMeasurementFunction", io.demandloop.functions.outcomes.OutcomeMeasurementConfig.VARIABLES));

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
    void everyFunction_shouldRunOnJava21AndPointAtItsShadedJar() {
        for (FunctionDef function : template.functions()) {
            assertThat(function.runtime()).as(function.logicalId()).isEqualTo("java21");
            assertThat(function.codeUri().toString()).as(function.logicalId()).matches(".*functions/[a-z-]+/target/[a-z-]+\\.jar");
            String module = function.codeUri().getParent().getParent().getFileName().toString();
            assertThat(Files.isRegularFile(ProjectFiles.path("functions/" + module + "/pom.xml"))).isTrue();
        }
    }
}
