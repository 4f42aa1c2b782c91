package io.demandloop.functions.portfolioreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.FunctionEnvironment;
import io.demandloop.shared.config.MissingConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortfolioReportConfigTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "TICKETS_TABLE", "demandloop-TicketsTable-1",
            "REPORTS_BUCKET", "demandloop-reportsbucket-1",
            "REPORT_WINDOW_DAYS", "30",
            "EVENT_BUS_NAME", "demandloop-demand",
            "SLA_TABLE", "demandloop-SlaTable-1",
            "DEMAND_TABLE", "demandloop-DemandTable-1",
            "SUPPORT_LOAD_FLAG_SHARE", "0.5",
            "OUTCOMES_TABLE", "demandloop-OutcomesTable-1");

    @AfterEach
    void restoreProcessEnvironment() {
        FunctionEnvironment.install(System.getenv());
    }

    @Test
    void fromEnvironment_shouldReadEveryVariable_whenAllAreSet() {
        // GIVEN
        FunctionEnvironment.install(COMPLETE);

        // WHEN
        PortfolioReportConfig config = PortfolioReportConfig.fromEnvironment();

        // THEN
        assertThat(config).isEqualTo(new PortfolioReportConfig(
                "demandloop-TicketsTable-1", "demandloop-reportsbucket-1", 30, "demandloop-demand",
                "demandloop-SlaTable-1", "demandloop-DemandTable-1", 0.5, "demandloop-OutcomesTable-1"));
        assertThat(PortfolioReportConfig.VARIABLES).containsExactlyInAnyOrderElementsOf(COMPLETE.keySet());
    }

    static List<String> variables() {
        return PortfolioReportConfig.VARIABLES;
    }

    @ParameterizedTest
    @MethodSource("variables")
    void fromEnvironment_shouldFailNamingVariable_whenOneIsMissing(String missing) {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.remove(missing);
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportConfig::fromEnvironment)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining(missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "ninety", "1.5"})
    void fromEnvironment_shouldFailNamingVariable_whenWindowDaysIsNotAPositiveWholeNumber(String value) {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("REPORT_WINDOW_DAYS", value);
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportConfig::fromEnvironment)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("REPORT_WINDOW_DAYS must be a positive whole number of days, was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.5", "half", "NaN", "Infinity"})
    void fromEnvironment_shouldFailNamingVariable_whenFlagShareIsNotAShareAboveZero(String value) {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("SUPPORT_LOAD_FLAG_SHARE", value);
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportConfig::fromEnvironment)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("SUPPORT_LOAD_FLAG_SHARE must be a share of capacity above 0 (0.5 is half), was '" + value + "'");
    }

    @Test
    void handlerConstructor_shouldFailAtInitNamingVariable_whenEnvironmentIsIncomplete() {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.remove("REPORTS_BUCKET");
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportHandler::new)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("REPORTS_BUCKET");
    }
}
