package io.demandloop.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A local endpoint for one operation of an AWS JSON-protocol service ({@code X-Amz-Target: <Service>.<Operation>},
 * a JSON request body, a JSON reply), on a free loopback port. Subclasses answer the operation and say how they
 * refuse other targets; an error body's {@code x-amzn-query-error} field is also sent as that header (the AWS query
 * compatibility the SDK reads for SQS).
 */
public abstract class AwsJsonEndpoint implements AutoCloseable {

    /** A reply: its status and JSON body. */
    public record Reply(int status, JsonNode body) {
    }

    protected final ObjectMapper mapper = new ObjectMapper();
    private final String target;
    private final String contentType;
    private HttpServer server;

    /**
     * @param target      the one {@code X-Amz-Target} answered
     * @param contentType {@code application/x-amz-json-1.0} or {@code -1.1}
     */
    protected AwsJsonEndpoint(String target, String contentType) {
        this.target = target;
        this.contentType = contentType;
    }

    /** Binds and starts; called by the subclass's factory once it is fully built. */
    protected final void startServer(String what) {
        try {
            server = LoopbackHttpServer.create(16);
            server.createContext("/", this::handle);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local " + what + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint URL. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The reply to a request for the target. */
    protected abstract Reply answer(JsonNode request) throws IOException;

    /** The reply to a request for another target. */
    protected abstract Reply unsupported(String otherTarget);

    /** The reply when answering failed; by default the failure propagates (the server drops the exchange). */
    protected Reply failed(RuntimeException e) {
        throw e;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requested = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Reply reply;
            try {
                reply = target.equals(requested)
                        ? answer(mapper.readTree(exchange.getRequestBody()))
                        : unsupported(requested);
            } catch (RuntimeException e) {
                reply = failed(e);
            }
            send(exchange, reply);
        }
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (reply.body().has("x-amzn-query-error")) {
            exchange.getResponseHeaders().set("x-amzn-query-error", reply.body().get("x-amzn-query-error").asText());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An error body: {@code __type} and the message under the given field name. */
    protected ObjectNode error(String type, String messageField, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("__type", type);
        error.put(messageField, message);
        return error;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
