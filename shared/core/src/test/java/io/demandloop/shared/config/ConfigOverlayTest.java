package io.demandloop.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An import's --mapping file laid over the configuration. */
class ConfigOverlayTest {

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withOverlay_shouldMergeKeyByKey_overTheUsersFile() {
        // GIVEN the user's file with two aliases
        DemandloopConfig config = DemandloopConfig.fromYaml("services: {aliases: {Email: [mail], VPN: [vpn-gw]}}");

        // WHEN a mapping adds one service and a ServiceNow field list
        DemandloopConfig overlaid = config.withOverlay(yaml(
                "services: {aliases: {Payroll: [PAY-APP]}}\nservicenow: {fields: {service: [category]}}"), "mapping.yaml");

        // THEN both the user's aliases and the mapping's hold, and the user's config is unchanged
        assertThat(overlaid.serviceFor("mail")).isEqualTo("Email");
        assertThat(overlaid.serviceFor("PAY-APP")).isEqualTo("Payroll");
        assertThat(overlaid.section("servicenow").path("fields").path("service").get(0).asText()).isEqualTo("category");
        assertThat(config.serviceFor("PAY-APP")).isEqualTo("PAY-APP");
    }

    @Test
    void withOverlay_shouldNameTheSection_whenItIsMisspelt() {
        DemandloopConfig config = DemandloopConfig.defaults();

        assertThatThrownBy(() -> config.withOverlay(yaml("servicenw: {fields: {service: [category]}}"), "mapping.yaml"))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("mapping.yaml")
                .hasMessageContaining("unknown section 'servicenw'");
    }

    @Test
    void withOverlay_shouldRefuseText_thatIsNotAYamlMapping() {
        DemandloopConfig config = DemandloopConfig.defaults();

        assertThatThrownBy(() -> config.withOverlay(yaml("- just\n- a list\n"), "mapping.yaml"))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("mapping.yaml");
    }
}
