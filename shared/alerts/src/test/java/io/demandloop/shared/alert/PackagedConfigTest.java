package io.demandloop.shared.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration file as packaged (config/demandloop.yaml) loads, and its sections mean what they say. */
class PackagedConfigTest {

    @Test
    void load_shouldReadTheUsersFile_withItsAliasesAndEpisodeRules() {
        // WHEN
        DemandloopConfig config = DemandloopConfig.load();

        // THEN
        assertThat(config.serviceFor("exch-prod-01")).isEqualTo("Email");
        assertThat(config.serviceFor("Unmapped CI")).isEqualTo("Unmapped CI");
        EpisodeRules rules = config.section(EpisodeRules.SECTION, EpisodeRules.class);
        assertThat(rules.maxGap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rules.maxDuration()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void section_shouldNameTheSectionAndKey_whenAKeyIsMisspelt() {
        DemandloopConfig config = DemandloopConfig.fromYaml("episodes:\n  maxGapp: PT5M\n");

        assertThatThrownBy(() -> config.section(EpisodeRules.SECTION, EpisodeRules.class))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("episodes")
                .hasMessageContaining("maxGapp");
    }
}
