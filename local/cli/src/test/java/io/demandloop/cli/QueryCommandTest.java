package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.CapacitySnapshot.Load;
import io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad;
import io.demandloop.shared.demand.CapacitySnapshot.TeamLoad;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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

    /** Starts a stack on the state directory, posts the samples through its intake, lets {@code then} act, stops it. */
    private void withSamples(List<String> samples, java.util.function.Consumer<LocalStack> then) throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DEMANDLOOP_SECRET_SERVICENOW", "query-test");
        environment.put("DEMANDLOOP_SECRET_ALERTMANAGER", "query-test");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), environment, OptionalInt.of(0)))) {
            for (String sample : samples) {
                URI hooks = stack.webhookUrl().orElseThrow().resolve("hooks/" + sample.substring(0, sample.indexOf('/')));
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hooks)
                        .header("Authorization", "Bearer query-test").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(ROOT.resolve("events/webhooks/" + sample))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(sample + ": " + response.body()).isEqualTo(202);
            }
            assertThat(stack.awaitIdle(Duration.ofSeconds(60))).isTrue();
            then.accept(stack);
        }
    }

    @Test
    void query_shouldEscapeControlCharacters_soAStoredNameCannotRepaintTheTerminal() throws Exception {
        // GIVEN a ticket whose service name carries ANSI escapes (clear screen, red) and a C1 control
        // JSON escapes in the body; the stored name holds the characters themselves
        String hostile = "Pay\\u001b[2J\\u001b[31mments\\u009b1A";
        String body = new String(Files.readAllBytes(ROOT.resolve("events/webhooks/servicenow/01-email-outage-opened.json")),
                StandardCharsets.UTF_8).replace("\"business_service\": \"Email\"", "\"business_service\": \"" + hostile + "\"")
                .replace("INC0010001", "INC0666001").replace("9d385017c611228701d22104cc95c371", "ansi0000000000000000000000000001");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DEMANDLOOP_SECRET_SERVICENOW", "query-test");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), environment, OptionalInt.of(0)))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            stack.webhookUrl().orElseThrow().resolve("hooks/servicenow"))
                    .header("Authorization", "Bearer query-test").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(stack.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }

        // WHEN
        Result table = cli("query", "tickets");
        Result json = cli("query", "tickets", "--json");

        // THEN the name is shown with its escapes visible, and no control character reaches the terminal
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("\\u001b[2J");
        for (Result result : List.of(table, json)) {
            assertThat(result.out().chars().filter(c -> c == 0x1b || c == 0x9b).count()).as(result.out()).isZero();
        }
        assertThat(new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow()).get("service").asText())
                .as("--json still holds the exact name").isEqualTo("Pay\u001b[2J\u001b[31mments\u009b1A");
    }

    @Test
    void query_shouldListWhatTheStackStored_andFilter() throws Exception {
        // GIVEN a stack on the state directory that took two samples, then stopped
        withSamples(List.of("servicenow/01-email-outage-opened.json", "servicenow/02-vpn-slow.json",
                "alertmanager/01-shop-group-firing.json"), stack -> { });

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

    @Test
    void queryCapacity_shouldSaySo_whenNoSnapshotWasEverKept() {
        Result result = cli("query", "capacity");

        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("No capacity snapshot yet");
        assertThat(cli("query", "capacity", "--json").out()).isEmpty();
    }

    @Test
    void queryCapacity_shouldShowTheSnapshotTheNightlyEvaluationKept() throws Exception {
        // GIVEN two samples, and the nightly evaluation fired on the stack (the packaged catalog gives Email the team
        // messaging and does not list VPN)
        Instant night = Instant.parse("2026-11-21T05:00:00Z");
        withSamples(List.of("servicenow/01-email-outage-opened.json", "servicenow/02-vpn-slow.json"), stack -> {
            stack.scheduler().fire("demand-evaluation", night);
            assertThat(stack.awaitIdle(Duration.ofSeconds(60))).isTrue();
        });

        // WHEN
        Result table = cli("query", "capacity");
        Result json = cli("query", "capacity", "--json");

        // THEN Email is under its team with a share; VPN is listed without a team, with its load and no share
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("as of 2026-11-21T05:00:00Z, in hours per week over the 30d from 2026-10-22T05:00:00Z",
                "team / service", "messaging", "  Email", "no team", "  VPN");
        JsonNode snapshot = new ObjectMapper().readTree(json.out());
        assertThat(snapshot.get("asOf").asText()).isEqualTo("2026-11-21T05:00:00Z");
        JsonNode messaging = null;
        for (JsonNode team : snapshot.get("teams")) {
            if (team.get("team").asText().equals("messaging")) {
                messaging = team;
            }
        }
        assertThat(messaging).as("team messaging").isNotNull();
        assertThat(messaging.at("/services/0/service").asText()).isEqualTo("Email");
        assertThat(messaging.at("/services/0/hoursPerWeek/incidents").asDouble()).isPositive();
        assertThat(messaging.at("/services/0/share").asDouble()).isPositive();
        assertThat(snapshot.get("withoutTeam")).hasSize(1).allSatisfy(service -> {
            assertThat(service.get("service").asText()).isEqualTo("VPN");
            assertThat(service.at("/hoursPerWeek/incidents").asDouble()).isPositive();
            assertThat(service.has("share")).isFalse();
        });
    }

    private static CapacitySnapshot snapshot() {
        Instant asOf = Instant.parse("2026-11-20T05:00:00Z");
        return new CapacitySnapshot(asOf, "30d", Instant.parse("2026-10-21T05:00:00Z"), List.of(
                new TeamLoad("payments", 40, new Load(48, 40, 6, 2), 1.2, List.of(
                        new ServiceLoad("Payments", new Load(42, 36, 4, 2), 1.05),
                        new ServiceLoad("Card Gateway", new Load(6, 4, 2, 0), 0.15))),
                new TeamLoad("messaging", 120, new Load(6.38, 5, 1.38, 0), 0.0532, List.of(
                        new ServiceLoad("Email", new Load(6.38, 5, 1.38, 0), 0.0532)))),
                List.of(new ServiceLoad("VPN", new Load(1.4, 1.4, 0, 0), null)));
    }

    private static String print(String team, boolean json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QueryCommand().printCapacity(Optional.of(snapshot()), team, json, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printCapacity_shouldListTeamsThenTheirServices_highestShareFirst_andFlagATeamOverCapacity() {
        // WHEN
        String[] lines = print(null, false).split("\n");

        // THEN
        assertThat(lines).containsExactly(
                "Support load against team capacity as of 2026-11-20T05:00:00Z, in hours per week over the 30d from 2026-10-21T05:00:00Z:",
                "team / service   capacity       load  incidents   requests    changes      share",
                "payments            40.00      48.00      40.00       6.00       2.00    120.0 %  over capacity",
                "  Payments                     42.00      36.00       4.00       2.00    105.0 %",
                "  Card Gateway                  6.00       4.00       2.00       0.00     15.0 %",
                "messaging          120.00       6.38       5.00       1.38       0.00      5.3 %",
                "  Email                         6.38       5.00       1.38       0.00      5.3 %",
                "no team",
                "  VPN                           1.40       1.40       0.00       0.00          -",
                "2 teams, 4 services");
    }

    @Test
    void printCapacity_shouldShowOneTeam_whenAskedForIt_andNameTheTeams_whenItIsUnknown() throws Exception {
        // WHEN
        String messaging = print("Messaging", false);
        JsonNode messagingJson = new ObjectMapper().readTree(print("messaging", true));
        String unknown = print("billing", false);

        // THEN
        assertThat(messaging).contains("messaging", "  Email").doesNotContain("payments", "no team", "VPN")
                .endsWith("1 team, 1 service\n");
        assertThat(messagingJson.get("teams")).hasSize(1);
        assertThat(messagingJson.at("/teams/0/services/0/share").asDouble()).isEqualTo(0.0532);
        assertThat(messagingJson.get("withoutTeam")).isEmpty();
        assertThat(unknown).isEqualTo("No team 'billing' in the capacity snapshot as of 2026-11-20T05:00:00Z; its teams: "
                + "payments, messaging\n");
    }
}
