package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded stack's start and stop as a command sees them: every server it started is gone when it returns. */
class LocalStackLifecycleTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));

    @TempDir
    Path state;

    @Test
    void close_shouldStopBothServerChildren_beforeItReturns_andLeaveTheStateToTheNextStart() {
        // GIVEN a stack on a state on disk, both servers answering
        URI dynamoDb;
        URI s3;
        URI sqs;
        try (LocalStack stack = start()) {
            dynamoDb = stack.dynamoDbEndpoint();
            s3 = stack.s3Endpoint();
            sqs = stack.sqsEndpoint();
            assertThat(answers(dynamoDb)).isTrue();
            assertThat(answers(s3)).isTrue();
            assertThat(answers(sqs)).isTrue();
        // WHEN it is closed
        }

        // THEN no server listens any more, and a new stack starts on the same state
        assertThat(answers(dynamoDb)).as("DynamoDB Local stopped").isFalse();
        assertThat(answers(s3)).as("S3Proxy stopped").isFalse();
        assertThat(answers(sqs)).as("the SQS endpoint stopped").isFalse();
        try (LocalStack again = start()) {
            assertThat(answers(again.dynamoDbEndpoint())).isTrue();
        }
    }

    private LocalStack start() {
        return LocalStack.start(new LocalStack.Options(ROOT, Optional.of(state), new HashMap<>(System.getenv()),
                OptionalInt.empty()));
    }

    private static boolean answers(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
