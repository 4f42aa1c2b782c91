package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13.5 and 13.8: {@code serve} names every source without a secret, and a configuration that allows replay. */
class ServeWarningsTest {

    private static DemandloopCli cli(Map<String, String> environment) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new DemandloopCli(sink, sink, environment, Path.of("."));
    }

    @Test
    void startWarnings_shouldNameEverySourceWithoutASecret_notOnlyServiceNow() {
        // GIVEN secrets for ServiceNow and Jira only
        DemandloopCli cli = cli(Map.of("DEMANDLOOP_SECRET_SERVICENOW", "a", "DEMANDLOOP_SECRET_JIRA", "b"));

        // WHEN
        List<String> warnings = cli.startWarnings(DemandloopConfig.defaults());

        // THEN every other source is named with its variable, and those with a secret are not
        assertThat(warnings).anyMatch(w -> w.startsWith("DEMANDLOOP_SECRET_GRAFANA is not set") && w.contains("grafana"));
        assertThat(warnings).anyMatch(w -> w.startsWith("DEMANDLOOP_SECRET_BMC_HELIX is not set") && w.contains("bmc-helix"));
        assertThat(warnings).anyMatch(w -> w.startsWith("DEMANDLOOP_SECRET_CLOUDEVENTS is not set"));
        assertThat(warnings).noneMatch(w -> w.contains("SERVICENOW") || w.contains("JIRA"));
    }

    @Test
    void startWarnings_shouldSayWhenGrafanaSignaturesCanBeReplayed() {
        DemandloopCli cli = cli(Map.of());

        assertThat(cli.startWarnings(DemandloopConfig.defaults())).noneMatch(w -> w.contains("replayed"));
        assertThat(cli.startWarnings(DemandloopConfig.fromYaml("grafana: {requireTimestamp: false}")))
                .anyMatch(w -> w.contains("grafana.requireTimestamp is false") && w.contains("replayed"));
    }
}
