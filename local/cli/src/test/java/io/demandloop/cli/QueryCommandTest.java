package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query} against real state on disk: nothing stored, then what a stack stored, and filters. */
class QueryCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));

    @TempDir
    Path state;

    private record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            int code = new DemandloopCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of(DemandloopCli.STATE_DIR_VARIABLE, state.toString()), ROOT).run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void query_shouldListNothing_whenNothingWasEverStored() {
        Result result = cli("query", "tickets");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("0 tickets");
    }

    @Test
    void query_shouldListWhatTheStackStored_andFilter() throws Exception {
        // GIVEN a stack on the state directory that took two samples, then stopped
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DEMANDLOOP_SECRET_SERVICENOW", "query-test");
        environment.put("DEMANDLOOP_SECRET_ALERTMANAGER", "query-test");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), environment, OptionalInt.of(0)))) {
            for (String sample : new String[] {"servicenow/01-email-outage-opened.json", "servicenow/02-vpn-slow.json",
                "alertmanager/01-shop-group-firing.json"}) {
                URI hooks = stack.webhookUrl().orElseThrow().resolve("hooks/" + sample.substring(0, sample.indexOf('/')));
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hooks)
                        .header("Authorization", "Bearer query-test").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(ROOT.resolve("events/webhooks/" + sample))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(sample + ": " + response.body()).isEqualTo(202);
            }
            assertThat(stack.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }

        // WHEN
        Result table = cli("query", "tickets");
        Result vpnJson = cli("query", "tickets", "--service", "VPN", "--json");
        Result otherSource = cli("query", "tickets", "--source", "jira");

        // THEN
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("INC0010001", "INC0010002", "2 tickets");
        String[] lines = vpnJson.out().trim().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode vpn = new ObjectMapper().readTree(lines[0]);
        assertThat(vpn.get("number").asText()).isEqualTo("INC0010002");
        assertThat(vpn.get("sourceVersion").asInt()).isEqualTo(2);
        assertThat(otherSource.out()).contains("0 tickets");
        Result alerts = cli("query", "alerts", "--source", "alertmanager");
        assertThat(alerts.code()).isZero();
        assertThat(alerts.out()).contains("alertmanager", "firing").doesNotContain("0 alerts");
    }
}
