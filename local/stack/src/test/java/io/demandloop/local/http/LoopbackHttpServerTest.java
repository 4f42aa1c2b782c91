package io.demandloop.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

class LoopbackHttpServerTest {

    @Test
    void create_shouldTurnNaglesAlgorithmOff_andBindLoopback() throws Exception {
        // WHEN a server is created
        HttpServer server = LoopbackHttpServer.create(0);
        try {
            // THEN the JDK server's TCP_NODELAY switch is on (unless the user chose otherwise) and it listens on loopback
            assertThat(System.getProperty(LoopbackHttpServer.NODELAY_PROPERTY)).isEqualTo("true");
            assertThat(server.getAddress().getAddress().isLoopbackAddress()).isTrue();
        } finally {
            server.stop(0);
        }
    }
}
