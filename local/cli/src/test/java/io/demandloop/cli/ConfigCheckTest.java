package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Configuration edits take effect: the local functions read the configuration file as it is at each start, and
 * {@code config check} validates a file and shows where each value comes from.
 */
class ConfigCheckTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));
    private static final String ALIAS = "services:\n  aliases:\n    Mail Service: [Email]\n";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new DemandloopCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, ROOT).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("demandloop-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void localFunctions_shouldReadTheConfigurationFileAsItIsAtStart_notThePackagedCopy() throws Exception {
        // GIVEN a configuration file written after the build, naming Email "Mail Service"
        Path config = file(ALIAS);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DEMANDLOOP_SECRET_SERVICENOW", "config-test");
        environment.put(LocalStack.CONFIG_FILE_VARIABLE, config.toString());

        // WHEN a stack starts and the intake takes the Email outage sample
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(ROOT, Optional.empty(), environment, OptionalInt.of(0)));
             DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            stack.webhookUrl().orElseThrow().resolve("hooks/servicenow"))
                    .header("Authorization", "Bearer config-test").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            Files.readAllBytes(ROOT.resolve("events/webhooks/servicenow/01-email-outage-opened.json"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(stack.awaitIdle(Duration.ofSeconds(60))).isTrue();

            // THEN the ticket is stored under the name the live file gives
            Map<String, AttributeValue> ticket = dynamoDb.getItem(g -> g.tableName(stack.template().physicalName("TicketsTable"))
                    .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("servicenow#incident#INC0010001")))).item();
            assertThat(ticket.get("service").s()).isEqualTo("Mail Service");
        }
    }

    @Test
    void configFile_shouldBeTheRepositoryFile_unlessTheVariableNamesAnother() {
        assertThat(LocalStack.configFile(ROOT, Map.of())).contains(ROOT.resolve("config/demandloop.yaml").normalize());
        assertThat(LocalStack.configFile(ROOT, Map.of(LocalStack.CONFIG_FILE_VARIABLE, "/tmp/other.yaml")))
                .contains(Path.of("/tmp/other.yaml"));
    }

    @Test
    void configCheck_shouldPrintEachEffectiveValueWithWhereItCameFrom() throws Exception {
        // GIVEN
        Path config = file(ALIAS);

        // WHEN
        Result result = cli(Map.of(LocalStack.CONFIG_FILE_VARIABLE, config.toString()), "config", "check");

        // THEN
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Configuration " + config + " ($DEMANDLOOP_CONFIG_FILE) is valid.");
        assertThat(result.out()).contains("  services.aliases.Mail Service = [\"Email\"]    ($DEMANDLOOP_CONFIG_FILE)");
        assertThat(result.out()).contains("  services.defaultTier = medium    (default)");
        assertThat(result.out()).contains("differs from this file");
    }

    @Test
    void configCheck_shouldValidateTheRepositoryFile_whenNoVariableIsSet() {
        Result result = cli(Map.of(), "config", "check");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("(config/demandloop.yaml) is valid.", "(config/demandloop.yaml)\n");
    }

    @Test
    void configCheck_shouldExit2WithOneLineNamingTheProblem_whenTheFileIsBad() throws Exception {
        Map<String, String> cases = Map.of(
                "services:\n  defaultTier: galactic\n", "defaultTier",
                "servicenow:\n  nosuchkey: 1\n", "nosuchkey",
                "sevices:\n  aliases: {}\n", "unknown section 'sevices'",
                "services: [unclosed\n", "not valid YAML",
                "- just\n- a list\n", "mapping");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path config = file(bad.getKey());

            Result result = cli(Map.of(LocalStack.CONFIG_FILE_VARIABLE, config.toString()), "config", "check");

            assertThat(result.code()).as(bad.getKey()).isEqualTo(2);
            assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).as(bad.getKey()).startsWith("demandloop: config: ").contains(bad.getValue());
            assertThat(result.out()).isEmpty();
        }
        // and a file that is not there
        Result missing = cli(Map.of(LocalStack.CONFIG_FILE_VARIABLE, dir.resolve("nope.yaml").toString()), "config", "check");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml does not exist");
    }
}
