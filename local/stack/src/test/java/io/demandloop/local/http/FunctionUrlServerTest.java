package io.demandloop.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.runtime.FunctionInvoker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local Function URL holds up: stalled clients hold only their own connection, and bad request lines get JSON. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionUrlServerTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    /** Answers 202 with the body it got, as the intake answers an accepted delivery. */
    private final FunctionInvoker intake = (function, event) -> {
        try {
            JsonNode parsed = mapper.readTree(event);
            events.add(parsed);
            return mapper.writeValueAsBytes(mapper.createObjectNode().put("statusCode", 202)
                    .put("body", "{\"accepted\":" + mapper.writeValueAsString(parsed.path("body").asText()) + "}")
                    .set("headers", mapper.createObjectNode().put("content-type", "application/json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    };

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private FunctionUrlServer start(Duration deadline) throws IOException {
        FunctionUrlServer server = FunctionUrlServer.start(0, intake, "IntakeFunction", deadline);
        toClose.add(server);
        return server;
    }

    private Socket connect(FunctionUrlServer server) throws IOException {
        Socket socket = new Socket(server.url().getHost(), server.url().getPort());
        toClose.add(socket);
        return socket;
    }

    /** Everything the server sends until it closes the connection (or 10 s pass). */
    private static String readAll(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // what came so far
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void goodDeliveries_shouldBeAnswered_while50ConnectionsStallAfterTheirHeaders() throws Exception {
        // GIVEN 50 connections that sent their headers and part of the body, then stalled
        FunctionUrlServer server = start(FunctionUrlServer.REQUEST_DEADLINE);
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket socket = connect(server);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hooks/servicenow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"number\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stalled.add(socket);
        }

        // WHEN good deliveries arrive meanwhile
        HttpClient http = HttpClient.newHttpClient();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(http.send(HttpRequest.newBuilder(server.url().resolve("hooks/servicenow"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build(), HttpResponse.BodyHandlers.ofString()));
        }

        // THEN each is answered, with the function's answer
        for (int i = 0; i < 20; i++) {
            assertThat(answers.get(i).statusCode()).isEqualTo(202);
            assertThat(mapper.readTree(answers.get(i).body()).get("accepted").asText()).isEqualTo("{\"n\":" + i + "}");
        }
        assertThat(events).hasSize(20);
    }

    @Test
    void stalledConnection_shouldBeClosed_whenItsRequestMissesTheDeadline() throws Exception {
        // GIVEN a server whose requests must arrive within 300 ms, and a client that stalls mid-body
        FunctionUrlServer server = start(Duration.ofMillis(300));
        Socket socket = connect(server);
        socket.getOutputStream().write(("POST /hooks/servicenow HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));

        // WHEN / THEN the server closes the connection without invoking the function
        assertThat(readAll(socket)).as("closed without an answer").isEmpty();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
        assertThat(events).isEmpty();
    }

    @Test
    void rawLessThanInThePath_shouldGetAJson400_notAnHtmlPage() throws Exception {
        // GIVEN
        FunctionUrlServer server = start(FunctionUrlServer.REQUEST_DEADLINE);
        Socket socket = connect(server);

        // WHEN
        socket.getOutputStream().write("GET /hooks/<script> HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String response = readAll(socket);

        // THEN
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response.toLowerCase()).contains("content-type: application/json").doesNotContain("<html");
        JsonNode body = mapper.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(body.get("Message").asText()).contains("'<'");
        assertThat(events).isEmpty();
    }

    @Test
    void malformedRequests_shouldEachGetAJson400NamingTheProblem() throws Exception {
        FunctionUrlServer server = start(FunctionUrlServer.REQUEST_DEADLINE);
        List<String[]> cases = List.of(
                new String[] {"GET /hooks/a b HTTP/1.1\r\nHost: x\r\n\r\n", "request line"},
                new String[] {"GET /hooks/%zz HTTP/1.1\r\nHost: x\r\n\r\n", "percent-encoding"},
                new String[] {"GET hooks HTTP/1.1\r\nHost: x\r\n\r\n", "starting with /"},
                new String[] {"GET / HTTP/9.9\r\nHost: x\r\n\r\n", "HTTP version"},
                new String[] {"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "both"},
                new String[] {"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "Content-Length"},
                new String[] {"GET / HTTP/1.1\r\nHost x\r\n\r\n", "NAME: VALUE"});
        for (String[] bad : cases) {
            Socket socket = connect(server);
            socket.getOutputStream().write(bad[0].getBytes(StandardCharsets.US_ASCII));
            String response = readAll(socket);
            assertThat(response).as(bad[0]).startsWith("HTTP/1.1 400 ");
            assertThat(mapper.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).get("Message").asText())
                    .as(bad[0]).contains(bad[1]);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void requests_shouldKeepTheConnectionAlive_andReadChunkedBodies_andAnswerExpectContinue() throws Exception {
        // GIVEN
        FunctionUrlServer server = start(FunctionUrlServer.REQUEST_DEADLINE);
        Socket socket = connect(server);
        OutputStream out = socket.getOutputStream();

        // WHEN a chunked request with Expect: 100-continue, then a plain one on the same connection, then close
        out.write(("POST /hooks/a?x=1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"
                + "POST /hooks/b HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
        String response = readAll(socket);

        // THEN
        assertThat(response).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 ");
        assertThat(response.split("HTTP/1.1 202 ", -1)).hasSize(3);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(events.get(0).get("rawPath").asText()).isEqualTo("/hooks/a");
        assertThat(events.get(0).get("rawQueryString").asText()).isEqualTo("x=1");
        assertThat(events.get(1).get("rawPath").asText()).isEqualTo("/hooks/b");
        assertThat(URI.create(server.url().toString()).getHost()).isEqualTo("127.0.0.1");
    }
}
