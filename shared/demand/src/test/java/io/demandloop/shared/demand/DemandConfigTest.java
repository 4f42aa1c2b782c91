package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.TicketKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sections {@code demand} and {@code services} bind, validate, and name the key that is wrong. */
class DemandConfigTest {

    @Test
    void defaults_shouldBindBothSections() {
        // WHEN
        DemandConfig demand = DemandConfig.from(DemandloopConfig.defaults());
        ServiceCatalog catalog = ServiceCatalog.from(DemandloopConfig.defaults());

        // THEN
        assertThat(demand.windows()).containsExactly(Duration.ofDays(30), Duration.ofDays(90));
        assertThat(demand.rules()).extracting(DemandConfig.Rule::tier).containsExactly(DemandTier.PORTFOLIO_REVIEW,
                DemandTier.INITIATIVE, DemandTier.PROCESS_IMPROVEMENT);
        assertThat(catalog.tierOf("Anything")).isEqualTo(ServiceTier.MEDIUM);
    }

    @Test
    void packagedConfiguration_shouldBindBothSections_andKeepItsAliases() {
        DemandloopConfig config = DemandloopConfig.load();

        assertThat(DemandConfig.from(config).thresholdPeriod()).isEqualTo(Duration.ofDays(30));
        ServiceCatalog catalog = ServiceCatalog.from(config);
        assertThat(catalog.aliases()).containsKey("Email");
        assertThat(config.serviceFor("exch-prod-01")).isEqualTo("Email");
        assertThat(catalog.tierOf("Email")).isEqualTo(ServiceTier.CRITICAL);
        assertThat(catalog.capacityHoursPerWeek("messaging")).contains(120.0);
    }

    @Test
    void commentedDemandSectionOfTheConfigurationFile_shouldBeValid() throws Exception {
        // GIVEN the commented-out `demand` section of config/demandloop.yaml, uncommented
        String file = new String(ProjectFiles.read("config/demandloop.yaml"), StandardCharsets.UTF_8);
        StringBuilder demand = new StringBuilder();
        for (String line : file.substring(file.indexOf("# demand:")).split("\n")) {
            if (line.isBlank()) {
                break;
            }
            demand.append(line.substring(2)).append('\n');
        }

        // WHEN
        DemandConfig config = DemandConfig.from(DemandloopConfig.fromYaml(demand.toString()));

        // THEN
        assertThat(config.repeatedDisruption().minIncidents()).isEqualTo(4);
        assertThat(config.repeatedDisruption().minShareOfService()).isEqualTo(0.25);
        assertThat(config.repeatedDisruption().steadyVolume()).isEqualTo(20);
        assertThat(config.manualEffort().minRecordedShare()).isEqualTo(0.5);
        assertThat(config.scoring().strength().hours()).isEqualTo(0.25);
        assertThat(config.introducesRisk().minMajorShare()).isEqualTo(0.1);
        assertThat(config.defaultEffortHours(TicketKind.INCIDENT, 5)).isEqualTo(0.5);
    }

    @Test
    void catalog_shouldGiveTierTeamAndCapacity_andKeepAliasesWorking() {
        // GIVEN
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                services:
                  aliases: {Email: [EXCH-PROD-01]}
                  defaultTier: low
                  catalog:
                    Email: {tier: critical, team: messaging, capability: Communication}
                    Wiki: {team: messaging}
                  teams:
                    messaging: {capacityHoursPerWeek: 120}
                """);

        // WHEN
        ServiceCatalog catalog = ServiceCatalog.from(config);

        // THEN
        assertThat(config.serviceFor("exch-prod-01")).isEqualTo("Email");
        assertThat(catalog.tierOf("Email")).isEqualTo(ServiceTier.CRITICAL);
        assertThat(catalog.tierOf("Wiki")).isEqualTo(ServiceTier.LOW);
        assertThat(catalog.tierOf("Unlisted")).isEqualTo(ServiceTier.LOW);
        assertThat(catalog.teamOf("Email")).contains("messaging");
        assertThat(catalog.capabilityOf("Email")).contains("Communication");
        assertThat(catalog.capacityHoursPerWeek("messaging")).contains(120.0);
        assertThat(catalog.services()).containsExactly("Email", "Wiki");
    }

    @Test
    void catalog_shouldNameTheKey_whenAKeyIsMisspelt() {
        DemandloopConfig config = DemandloopConfig.fromYaml("services:\n  catalog:\n    Email: {teir: critical}\n");

        assertThatThrownBy(() -> ServiceCatalog.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("services").hasMessageContaining("teir");
    }

    @Test
    void catalog_shouldNameTheValue_whenATierIsUnknown() {
        DemandloopConfig config = DemandloopConfig.fromYaml("services:\n  catalog:\n    Email: {tier: urgent}\n");

        assertThatThrownBy(() -> ServiceCatalog.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("catalog.Email.tier").hasMessageContaining("urgent");
    }

    @Test
    void catalog_shouldNameTheKey_whenATeamIsNotListed() {
        DemandloopConfig config = DemandloopConfig.fromYaml("services:\n  catalog:\n    Email: {team: mesaging}\n");

        assertThatThrownBy(() -> ServiceCatalog.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("catalog.Email.team").hasMessageContaining("mesaging");
    }

    @Test
    void catalog_shouldNameTheKey_whenACapacityIsNotPositive() {
        DemandloopConfig config = DemandloopConfig.fromYaml("services:\n  teams:\n    messaging: {capacityHoursPerWeek: 0}\n");

        assertThatThrownBy(() -> ServiceCatalog.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("teams.messaging.capacityHoursPerWeek");
    }

    @Test
    void demand_shouldNameTheKey_whenASectionKeyIsMisspelt() {
        DemandloopConfig config = DemandloopConfig.fromYaml("demand:\n  manualEfort: {minHours: 10}\n");

        assertThatThrownBy(() -> DemandConfig.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("'demand'").hasMessageContaining("manualEfort");
    }

    @Test
    void demand_shouldNameTheKey_whenANestedKeyIsMisspelt() {
        DemandloopConfig config = DemandloopConfig.fromYaml("demand:\n  unmetNeed: {minDepartmens: 2}\n");

        assertThatThrownBy(() -> DemandConfig.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("unmetNeed").hasMessageContaining("minDepartmens");
    }

    @Test
    void demand_shouldNameTheKey_whenAValueIsOutOfRange() {
        DemandloopConfig config = DemandloopConfig.fromYaml("demand:\n  introducesRisk: {minChangeFailureRate: 1.5}\n");

        assertThatThrownBy(() -> DemandConfig.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("introducesRisk.minChangeFailureRate").hasMessageContaining("at most 1");
    }

    @Test
    void demand_shouldNameTheKey_whenAnEffortKindIsUnknown() {
        DemandloopConfig config = DemandloopConfig.fromYaml("demand:\n  effortHours:\n    incidnet: {1: 2}\n");

        assertThatThrownBy(() -> DemandConfig.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("effortHours.incidnet");
    }

    @Test
    void demand_shouldNameTheRule_whenARuleNamesAnUnknownCriterion() {
        DemandloopConfig config = DemandloopConfig.fromYaml(
                "demand:\n  rules:\n    - {tier: initiative, allOf: [repeated-disrupton]}\n");

        assertThatThrownBy(() -> DemandConfig.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("rules[0].allOf").hasMessageContaining("repeated-disrupton");
    }

    @Test
    void demand_shouldNameTheKey_whenAWindowIsNotADuration() {
        DemandloopConfig config = DemandloopConfig.fromYaml("demand:\n  windows: [P30D, 90 days]\n");

        assertThatThrownBy(() -> DemandConfig.from(config)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("windows");
    }

    @Test
    void scaledThresholds_shouldGrowWithTheWindow_roundingCountsUp() {
        DemandConfig config = DemandConfig.from(DemandloopConfig.defaults());

        assertThat(config.scaledCount(4, Duration.ofDays(30))).isEqualTo(4);
        assertThat(config.scaledCount(4, Duration.ofDays(90))).isEqualTo(12);
        assertThat(config.scaledCount(3, Duration.ofDays(45))).isEqualTo(5);
        assertThat(config.scaledHours(40, Duration.ofDays(45))).isEqualTo(60.0);
    }
}
