package io.demandloop.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.demandloop.local.runtime.FunctionInvocationException;
import io.demandloop.local.runtime.FunctionInvoker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda Function URL on loopback: every HTTP request becomes the payload-format-2.0 event the function
 * gets on AWS, and the function's response becomes the HTTP response. As on AWS, a body over 6 MB is
 * refused with 413 before the function runs, a binary body arrives base64-encoded, and a function error
 * answers 502.
 */
public final class FunctionUrlServer implements AutoCloseable {

    /** Lambda's limit for a synchronous request payload. */
    public static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlServer.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ROOT);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper mapper = new ObjectMapper();
    private final FunctionInvoker invoker;
    private final String functionId;

    private FunctionUrlServer(HttpServer server, ExecutorService executor, FunctionInvoker invoker, String functionId) {
        this.server = server;
        this.executor = executor;
        this.invoker = invoker;
        this.functionId = functionId;
    }

    /**
     * Serves the function's URL on 127.0.0.1.
     *
     * @param port 0 for any free port
     */
    public static FunctionUrlServer start(int port, FunctionInvoker invoker, String functionId) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "function-url");
            thread.setDaemon(true);
            return thread;
        });
        FunctionUrlServer url = new FunctionUrlServer(server, executor, invoker, functionId);
        server.createContext("/", url::handle);
        server.setExecutor(executor);
        server.start();
        return url;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8787/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBounded(exchange.getRequestBody());
            if (body == null) {
                String message = "{\"Message\":\"Request must be smaller than " + MAX_REQUEST_BYTES
                        + " bytes for the InvokeFunction operation\"}";
                send(exchange, 413, Map.of("content-type", "application/json"), message.getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] event = mapper.writeValueAsBytes(toEvent(exchange, body));
            byte[] response;
            try {
                response = invoker.invoke(functionId, event);
            } catch (FunctionInvocationException e) {
                LOG.error("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
                send(exchange, 502, Map.of("content-type", "application/json"),
                        "{\"Message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(exchange, response);
        } catch (RuntimeException e) {
            LOG.error("request {} failed in the local Function URL", exchange.getRequestURI(), e);
        }
    }

    private ObjectNode toEvent(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        ObjectNode headers = event.putObject("headers");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
        }
        String host = "127.0.0.1:" + server.getAddress().getPort();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", "local");
        context.put("domainName", host);
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        if (body.length > 0) {
            String text = textOrNull(exchange.getRequestHeaders(), body);
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The body as text when its content type is textual and it is valid UTF-8, as Function URLs decide. */
    private static String textOrNull(Headers headers, byte[] body) {
        String type = headers.getFirst("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean textual = lower.startsWith("text/") || lower.contains("json") || lower.contains("xml")
                || lower.contains("x-www-form-urlencoded") || lower.contains("javascript");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void reply(HttpExchange exchange, byte[] response) throws IOException {
        JsonNode result;
        try {
            result = mapper.readTree(response);
        } catch (IOException e) {
            result = null;
        }
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            // Lambda infers a 200 JSON response when the function returns anything else.
            send(exchange, 200, Map.of("content-type", "application/json"), response);
            return;
        }
        int status = result.get("statusCode").asInt();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        JsonNode responseHeaders = result.get("headers");
        if (responseHeaders != null) {
            responseHeaders.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        }
        JsonNode bodyNode = result.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0]
                : result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        send(exchange, status, headers, body);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Reads the whole body, or returns null as soon as it passes {@link #MAX_REQUEST_BYTES}. */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] limited = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (limited.length > MAX_REQUEST_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return limited;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
