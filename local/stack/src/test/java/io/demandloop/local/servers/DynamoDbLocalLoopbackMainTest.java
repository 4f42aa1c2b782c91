package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class DynamoDbLocalLoopbackMainTest {

    @Test
    void port_shouldBeTheValueAfterDashPort_orMinusOne() {
        assertThat(DynamoDbLocalLoopbackMain.port(new String[] {"-port", "8123", "-sharedDb"})).isEqualTo(8123);
        assertThat(DynamoDbLocalLoopbackMain.port(new String[] {"-sharedDb", "-inMemory"})).isEqualTo(-1);
        assertThat(DynamoDbLocalLoopbackMain.port(new String[] {"-port", "eighty"})).isEqualTo(-1);
        assertThat(DynamoDbLocalLoopbackMain.port(new String[] {"-port"})).isEqualTo(-1);
    }

    @Test
    void warmUp_shouldReturnQuietly_whenNothingAnswers() throws Exception {
        // GIVEN a loopback port that nobody listens on any more
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }

        // WHEN / THEN the warm-up is only a warm-up: a refused connection is no failure of the server's start
        assertThatCode(() -> DynamoDbLocalLoopbackMain.warmUp(port)).doesNotThrowAnyException();
    }
}
