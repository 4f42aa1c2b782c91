package io.demandloop.shared.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlaPoliciesTest {

    @Test
    void defaults_shouldGiveIncidentAndRequestPolicies() {
        SlaPolicies policies = SlaPolicies.from(DemandloopConfig.defaults());

        assertThat(policies.version()).isEqualTo("1");
        SlaPolicies.Policy p1 = policies.policyFor(TicketKind.INCIDENT, 1, "Email").orElseThrow();
        assertThat(p1.name()).isEqualTo("incident-p1");
        assertThat(p1.targets()).containsEntry(SlaMetric.RESOLUTION, Duration.ofHours(4));
        assertThat(p1.thresholds()).containsExactly(50, 75, 100);
        assertThat(policies.policyFor(TicketKind.INCIDENT, 5, "Email").orElseThrow().name()).isEqualTo("incident-p4");
        assertThat(policies.policyFor(TicketKind.CHANGE, 3, "Email")).isEmpty();
        assertThat(policies.clock(SlaMetric.RESOLUTION).effect(TicketState.ON_HOLD)).isEqualTo(ClockConditions.Effect.PAUSE);
    }

    @Test
    void packagedConfiguration_shouldBeValid() {
        assertThat(SlaPolicies.from(DemandloopConfig.load()).policies()).isNotEmpty();
    }

    @Test
    void commentedExampleOfTheConfigurationFile_shouldBeValid() throws Exception {
        // GIVEN the commented-out `sla` section of config/demandloop.yaml, uncommented
        String file = new String(ProjectFiles.read("config/demandloop.yaml"), java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder example = new StringBuilder();
        for (String line : file.substring(file.indexOf("# sla:")).split("\n")) {
            if (line.isBlank()) {
                break; // the end of the block; another section may follow
            }
            example.append(line.startsWith("# ") ? line.substring(2) : line.substring(Math.min(1, line.length()))).append('\n');
        }

        // WHEN
        SlaPolicies policies = SlaPolicies.from(DemandloopConfig.fromYaml(example.toString()));

        // THEN
        assertThat(policies.version()).isEqualTo("2");
        assertThat(policies.policyFor(TicketKind.INCIDENT, 1, "Email").orElseThrow().name()).isEqualTo("gold-p1");
        assertThat(policies.policyFor(TicketKind.INCIDENT, 3, "VPN").orElseThrow().calendar().zone())
                .hasToString("Europe/Berlin");
    }

    @Test
    void tiers_shouldSelectPolicies_byTheServicesTier() {
        SlaPolicies policies = SlaPolicies.from(DemandloopConfig.fromYaml("""
                sla:
                  serviceTiers: {Email: gold}
                  policies:
                    - {name: gold-p1, kinds: [incident], priorities: [1], tiers: [gold], calendar: 24x7, resolution: PT2H}
                    - {name: p1, kinds: [incident], priorities: [1], calendar: 24x7, resolution: PT4H}
                """));

        assertThat(policies.policyFor(TicketKind.INCIDENT, 1, "Email").orElseThrow().name()).isEqualTo("gold-p1");
        assertThat(policies.policyFor(TicketKind.INCIDENT, 1, "VPN").orElseThrow().name()).isEqualTo("p1");
    }

    @Test
    void mistakes_shouldFailAtStart_withTheKeyNamed() {
        assertInvalid("""
                sla:
                  policies: [{name: x, calendar: nowhere, resolution: PT1H}]
                """, "policies[0].calendar", "'nowhere'");
        assertInvalid("""
                sla:
                  calendars: {office: {zone: Mars/Olympus, hours: {monday: ["09:00-17:00"]}}}
                """, "calendars.office.zone", "Mars/Olympus");
        assertInvalid("""
                sla:
                  calendars: {office: {zone: UTC, hours: {funday: ["09:00-17:00"]}}}
                """, "calendars.office.hours.funday", "weekday");
        assertInvalid("""
                sla:
                  warnings: [75, 50]
                """, "warnings", "ascending");
        assertInvalid("""
                sla:
                  clocks: {resolution: {pause: [on_hold, resolved]}}
                """, "clocks.resolution", "listed twice");
        assertInvalid("""
                sla:
                  policies: [{name: x, calendar: 24x7, resolution: PT0S}]
                """, "policies[0].resolution", "positive");
        assertInvalid("""
                sla:
                  policies: [{name: x, calendar: 24x7, resoluton: PT1H}]
                """, "sla", "resoluton");
    }

    private static void assertInvalid(String yaml, String key, String problem) {
        assertThatThrownBy(() -> SlaPolicies.from(DemandloopConfig.fromYaml(yaml)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }
}
