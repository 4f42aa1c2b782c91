package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildServerProcessTest {

    @TempDir
    Path tmp;

    @Test
    void start_shouldRetryOnAnotherPort_whenTheChosenPortIsTakenBeforeTheChildBinds() throws Exception {
        // GIVEN a port that another process holds by the time the child binds, then a free one
        ServerDistribution distribution = ServerDistribution.dynamoDbLocal(ProjectRoot.locate());
        Path log = tmp.resolve("dynamodb.log");
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int free = ChildServerProcess.freeLoopbackPort();
            Deque<Integer> ports = new ArrayDeque<>(List.of(squatter.getLocalPort(), free));

            // WHEN
            try (ChildServerProcess child = ChildServerProcess.start(distribution,
                    List.of("-Dsqlite4java.library.path=" + distribution.nativeDir().orElseThrow()),
                    DynamoDbLocalLoopbackMain.class.getName(),
                    port -> List.of("-port", Integer.toString(port), "-inMemory", "-disableTelemetry"),
                    log, ChildServerProcess.DEFAULT_START_TIMEOUT, ports::removeFirst)) {

                // THEN
                assertThat(child.port()).isEqualTo(free);
                assertThat(child.isAlive()).isTrue();
                assertThat(Files.readString(log)).contains("BindException");
            }
        }
    }

    @Test
    void tail_shouldReturnOnlyTheLastLinesOfThisAttempt_whenLogHasEarlierRuns() throws Exception {
        // GIVEN a log with an earlier run, then 30 lines of this one
        Path log = tmp.resolve("server.log");
        Files.writeString(log, "old run\n");
        long offset = Files.size(log);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append("line ").append(i).append('\n');
        }
        Files.writeString(log, lines, java.nio.file.StandardOpenOption.APPEND);

        // WHEN
        String tail = ChildServerProcess.tail(log, offset);

        // THEN
        assertThat(tail).doesNotContain("old run").startsWith("line 6").endsWith("line 30");
    }
}
