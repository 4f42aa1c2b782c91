package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.LocalStack;
import io.demandloop.local.servers.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A job fired on the stack of another launcher ({@code run} while {@code serve} holds the state). */
class AttachedStackTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));
    private static final Duration SERVE_START = Duration.ofSeconds(120);
    private static final String TICKET_QUEUE = "TicketStoreFunctionTicketReceivedQueue";

    @TempDir
    Path state;

    @Test
    void attachedJob_shouldWriteIntoTheOwnersStorage_andPublishOnItsBus() throws Exception {
        // GIVEN a running stack on the state, as serve runs it
        Map<String, String> environment = new HashMap<>(System.getenv());
        try (LocalStack owner = LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), environment,
                OptionalInt.empty()))) {
            LocalStack.Endpoints endpoints = new LocalStack.Endpoints(owner.dynamoDbEndpoint(), owner.s3Endpoint(),
                    owner.bus().endpoint(), owner.secretsManagerEndpoint(), owner.sqsEndpoint());

            // WHEN the report job is fired on a stack attached to it
            try (LocalStack attached = LocalStack.attach(new LocalStack.Options(ROOT, Optional.of(state), environment,
                    OptionalInt.empty()), endpoints)) {
                assertThat(attached.bus()).isNull();
                attached.scheduler().fire("portfolio-report", Instant.parse("2026-11-20T00:00:00Z"));

                // THEN the report is in the owner's S3 (a plain file of its store) ...
                Path report = attached.objectFile("demandloop-reportsbucket", "reports/latest/portfolio.json").orElseThrow();
                assertThat(report).isRegularFile();
            }

            // ... and the event the job published was accepted by the owner's bus, into its event log
            assertThat(owner.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(Files.readString(state.resolve(LocalStack.EVENT_LOG), StandardCharsets.UTF_8))
                    .contains("Portfolio Report Published");
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void reportJob_runWhileServeRuns_shouldReadTheDeadLetterDepthsFromServesSqsEndpoint() throws Exception {
        // GIVEN serve holding the state, in a process of its own: none of its SDK settings are in this JVM
        assertThat(System.getProperty("aws.endpointUrlSqs")).as("no SQS endpoint set in the test JVM").isNull();
        Path out = state.resolveSibling(state.getFileName() + "-serve.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddemandloop.home=" + ROOT, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", String.valueOf(freePort()))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put(DemandloopCli.STATE_DIR_VARIABLE, state.toString());
        Process serve = builder.start();
        try {
            awaitReady(serve, out);

            // WHEN the report job runs through it (./demandloop run portfolio-report)
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            int code;
            try {
                code = new DemandloopCli(new PrintStream(console, true, StandardCharsets.UTF_8),
                        new PrintStream(errors, true, StandardCharsets.UTF_8),
                        Map.of(DemandloopCli.STATE_DIR_VARIABLE, state.toString()), ROOT)
                        .run(new String[] {"run", "portfolio-report", "--at", "2026-11-20"});
            } finally {
                System.setOut(stdout);
            }
            assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("on the running stack");

            // THEN the report read the bus rules' dead-letter queues on serve's SQS endpoint: counted, not "not available"
            JsonNode deadLetters = new ObjectMapper().readTree(S3ProxyServer.objectFile(state.resolve("s3"),
                    "demandloop-reportsbucket", "reports/latest/portfolio.json").toFile()).path("dataQuality").path("deadLetters");
            Map<String, JsonNode> byQueue = new LinkedHashMap<>();
            deadLetters.path("queues").forEach(q -> byQueue.put(q.path("queue").asText(), q.path("messages")));
            assertThat(deadLetters.path("available").asBoolean()).as(deadLetters.toString()).isTrue();
            assertThat(byQueue.get(TICKET_QUEUE)).as(deadLetters.toString()).isNotNull();
            assertThat(byQueue.get(TICKET_QUEUE).isNumber()).as(deadLetters.toString()).isTrue();
            assertThat(byQueue.get(TICKET_QUEUE).asLong()).isZero();
        } finally {
            serve.destroy();
            if (!serve.waitFor(2, TimeUnit.MINUTES)) {
                serve.destroyForcibly();
            }
        }
    }

    private void awaitReady(Process serve, Path out) throws Exception {
        long deadline = System.nanoTime() + SERVE_START.toNanos();
        while (!Files.readString(out).contains("demandloop serve: ready")) {
            assertThat(serve.isAlive()).as("serve exited: " + Files.readString(out)).isTrue();
            assertThat(System.nanoTime() - deadline).as("serve did not start: " + Files.readString(out)).isNegative();
            Thread.sleep(100);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
