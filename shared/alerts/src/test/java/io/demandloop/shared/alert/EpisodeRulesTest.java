package io.demandloop.shared.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EpisodeRulesTest {

    @Test
    void from_shouldGiveTheDefaults_whenTheSectionIsAbsent() {
        EpisodeRules rules = EpisodeRules.from(DemandloopConfig.fromYaml("services: {}"));

        assertThat(rules).isEqualTo(EpisodeRules.defaults());
        assertThat(rules.maxGap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rules.maxDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rules.flappingThreshold()).isEqualTo(3);
        assertThat(rules.flappingInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(rules.incidentStaleAfter()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void from_shouldTakeEachKeyGiven_andDefaultTheOthers() {
        EpisodeRules rules = EpisodeRules.from(DemandloopConfig.fromYaml("""
                episodes:
                  maxGap: PT5M
                  maxDuration: PT1H
                  flappingThreshold: 6
                """));

        assertThat(rules).isEqualTo(new EpisodeRules(Duration.ofMinutes(5), Duration.ofHours(1), 6, null, null));
    }

    @Test
    void from_shouldFailNamingTheKey_whenItIsUnknown() {
        DemandloopConfig config = DemandloopConfig.fromYaml("episodes:\n  maxgap: PT5M\n");

        assertThatThrownBy(() -> EpisodeRules.from(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("episodes").hasMessageContaining("maxgap");
    }

    @Test
    void from_shouldFail_whenADurationIsNotPositive() {
        DemandloopConfig config = DemandloopConfig.fromYaml("episodes:\n  maxDuration: PT0S\n");

        assertThatThrownBy(() -> EpisodeRules.from(config)).hasMessageContaining("maxDuration");
    }
}
