package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job fired on the stack of another launcher ({@code run} while {@code serve} holds the state). */
class AttachedStackTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));

    @TempDir
    Path state;

    @Test
    void attachedJob_shouldWriteIntoTheOwnersStorage_andPublishOnItsBus() throws Exception {
        // GIVEN a running stack on the state, as serve runs it
        Map<String, String> environment = new HashMap<>(System.getenv());
        try (LocalStack owner = LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), environment,
                OptionalInt.empty()))) {
            LocalStack.Endpoints endpoints = new LocalStack.Endpoints(owner.dynamoDbEndpoint(), owner.s3Endpoint(),
                    owner.bus().endpoint(), owner.secretsManagerEndpoint());

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
}
