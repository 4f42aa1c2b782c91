package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.demandloop.shared.report.aws.S3ReportStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The S3 adapter's uploads, seen from a loopback server that records the requests: no {@code Expect:
 * 100-continue}, and a connection dropped by the server is retried by the SDK rather than failing the report.
 */
class S3ReportStoreIT {

    @Test
    void put_shouldSendNoExpectHeader_andRetryAConnectionTheServerDropped() throws Exception {
        // GIVEN an S3 stand-in on loopback that drops the first connection without answering
        List<String> expectHeaders = new ArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            expectHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Expect")));
            exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() == 1) {
                exchange.close(); // no status line: "Unexpected end of file from server" on the client
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String previous = System.getProperty("aws.endpointUrlS3");
        try {
            System.setProperty("aws.endpointUrlS3", "http://127.0.0.1:" + server.getAddress().getPort());
            System.setProperty("aws.region", "us-east-1");
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");

            // WHEN a report object is written
            S3ReportStore.create("reports-bucket").put("reports/latest/portfolio.json",
                    "{}".getBytes(StandardCharsets.UTF_8), "application/json");

            // THEN it went through on the retry, and no attempt asked for 100-continue
            assertThat(requests.get()).isEqualTo(2);
            assertThat(expectHeaders).containsOnly("null");
        } finally {
            server.stop(0);
            if (previous == null) {
                System.clearProperty("aws.endpointUrlS3");
            } else {
                System.setProperty("aws.endpointUrlS3", previous);
            }
        }
    }
}
