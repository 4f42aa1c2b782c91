package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.testing.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SourcesTest {

    @Test
    void all_shouldServeEverySourceThatHasSamples_withThePackagedConfiguration() throws Exception {
        // GIVEN the configuration file as it is packaged into the function (config/demandloop.yaml)
        Map<String, WebhookSource> sources = Sources.all(DemandloopConfig.load());

        // THEN every folder of events/webhooks/ names a served source, and the other way round
        try (Stream<Path> dirs = Files.list(ProjectFiles.path("events/webhooks"))) {
            assertThat(sources.keySet()).containsExactlyInAnyOrderElementsOf(
                    dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList());
        }
    }

    @Test
    void all_shouldNameEachSourceAfterItsPath() {
        Sources.all(DemandloopConfig.defaults()).forEach((name, source) -> assertThat(source.name()).isEqualTo(name));
    }

    @Test
    void warnings_shouldNameAReplayableConfiguration_onlyWhenOptedOut() {
        // GIVEN the defaults, and a configuration that takes Grafana signatures without a timestamp
        Map<String, WebhookSource> defaults = Sources.all(DemandloopConfig.defaults());
        Map<String, WebhookSource> optedOut = Sources.all(DemandloopConfig.fromYaml("grafana: {requireTimestamp: false}"));

        // THEN only the second is said at start, naming the setting
        assertThat(Sources.warnings(defaults)).isEmpty();
        assertThat(Sources.warnings(optedOut)).singleElement().asString()
                .contains("grafana.requireTimestamp is false", "replayed");
    }
}
