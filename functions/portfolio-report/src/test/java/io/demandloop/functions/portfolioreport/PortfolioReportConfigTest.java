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

    private static final Map<String, String> COMPLETE = Map.ofEntries(
            Map.entry("TICKETS_TABLE", "demandloop-TicketsTable-1"),
            Map.entry("REPORTS_BUCKET", "demandloop-reportsbucket-1"),
            Map.entry("REPORT_WINDOW_DAYS", "30"),
            Map.entry("EVENT_BUS_NAME", "demandloop-demand"),
            Map.entry("SLA_TABLE", "demandloop-SlaTable-1"),
            Map.entry("DEMAND_TABLE", "demandloop-DemandTable-1"),
            Map.entry("SUPPORT_LOAD_FLAG_SHARE", "0.5"),
            Map.entry("OUTCOMES_TABLE", "demandloop-OutcomesTable-1"),
            Map.entry("INITIATIVES_TABLE", "demandloop-InitiativesTable-1"),
            Map.entry("ALERTS_TABLE", "demandloop-AlertsTable-1"),
            Map.entry("REPORT_LINK_EXPIRY", "PT12H"),
            Map.entry("DEAD_LETTER_QUEUE_URLS", "FailedInvocationsQueue=https://sqs.eu-west-1.amazonaws.com/1/failed,"
                    + "TicketStoreFunctionTicketReceivedQueue=https://sqs.eu-west-1.amazonaws.com/1/ticket"));

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
                "demandloop-SlaTable-1", "demandloop-DemandTable-1", 0.5, "demandloop-OutcomesTable-1",
                "demandloop-InitiativesTable-1", "demandloop-AlertsTable-1", java.time.Duration.ofHours(12),
                Map.of("FailedInvocationsQueue", "https://sqs.eu-west-1.amazonaws.com/1/failed",
                        "TicketStoreFunctionTicketReceivedQueue", "https://sqs.eu-west-1.amazonaws.com/1/ticket")));
        assertThat(config.deadLetterQueueUrls().keySet())
                .containsExactly("FailedInvocationsQueue", "TicketStoreFunctionTicketReceivedQueue");
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

    @ParameterizedTest
    @ValueSource(strings = {"P8D", "PT168H1S", "P30D"})
    void fromEnvironment_shouldRefuseNamingVariableAndLimit_whenLinkExpiryIsLongerThanSevenDays(String value) {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("REPORT_LINK_EXPIRY", value);
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportConfig::fromEnvironment)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageStartingWith("REPORT_LINK_EXPIRY: link expiry ")
                .hasMessageContaining("longer than seven days (P7D)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7 days", "", "P0D", "-PT1H"})
    void fromEnvironment_shouldFailNamingVariable_whenLinkExpiryIsNotAPositiveDuration(String value) {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("REPORT_LINK_EXPIRY", value);
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportConfig::fromEnvironment)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("REPORT_LINK_EXPIRY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://sqs.eu-west-1.amazonaws.com/1/failed", "A=https://q/1,", "=https://q/1",
            "A=", "A=https://q/1,,B=https://q/2", "A=https://q/1,A=https://q/2"})
    void fromEnvironment_shouldFailNamingVariable_whenDeadLetterQueueUrlsAreNotNameUrlPairs(String value) {
        // GIVEN
        Map<String, String> environment = new HashMap<>(COMPLETE);
        environment.put("DEAD_LETTER_QUEUE_URLS", value);
        FunctionEnvironment.install(environment);

        // WHEN / THEN
        assertThatThrownBy(PortfolioReportConfig::fromEnvironment)
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("DEAD_LETTER_QUEUE_URLS");
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
