package io.demandloop.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.runtime.FunctionInvocationException;
import io.demandloop.local.runtime.FunctionInvoker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda Function URL on loopback: every HTTP request becomes the payload-format-2.0 event the function
 * gets on AWS, and the function's response becomes the HTTP response. As on AWS, a body over 6 MB is
 * refused with 413 before the function runs, a binary body arrives base64-encoded, and a function error
 * answers 502.
 *
 * <p>It is a small HTTP/1.1 server of its own (not the JDK's {@code HttpServer}), so that it holds up: every
 * connection has its own thread, up to {@link #MAX_CONNECTIONS}; a request must arrive, head and body, within
 * {@link #REQUEST_DEADLINE} of its first byte, else its connection is closed, so clients that stall hold only their
 * own connection, for a bounded time; and a request that breaks the protocol (a raw {@code <} in the path, say) gets
 * a JSON 400 naming the problem, as every other answer is JSON.
 */
public final class FunctionUrlServer implements AutoCloseable {

    /** Lambda's limit for a synchronous request payload. */
    public static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /** How long a request may take to arrive, head and body, from its first byte. */
    public static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    /** How long a kept-alive connection may stay quiet between requests. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Connections served at once; one more is answered 503 and closed. */
    public static final int MAX_CONNECTIONS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlServer.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ROOT);
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 202, "Accepted", 400, "Bad Request",
            401, "Unauthorized", 404, "Not Found", 413, "Payload Too Large", 502, "Bad Gateway", 503, "Service Unavailable");

    private final ServerSocket server;
    private final ExecutorService connections;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();
    private final ObjectMapper mapper = new ObjectMapper();
    private final FunctionInvoker invoker;
    private final String functionId;
    private final Duration requestDeadline;
    private final Thread acceptor;
    private volatile boolean closing;

    private FunctionUrlServer(ServerSocket server, FunctionInvoker invoker, String functionId, Duration requestDeadline) {
        this.server = server;
        this.invoker = invoker;
        this.functionId = functionId;
        this.requestDeadline = requestDeadline;
        AtomicInteger count = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "function-url-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "function-url-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Serves the function's URL on 127.0.0.1.
     *
     * @param port 0 for any free port
     */
    public static FunctionUrlServer start(int port, FunctionInvoker invoker, String functionId) throws IOException {
        return start(port, invoker, functionId, REQUEST_DEADLINE);
    }

    /** As {@link #start(int, FunctionInvoker, String)}, with another request deadline (tests). */
    public static FunctionUrlServer start(int port, FunctionInvoker invoker, String functionId, Duration requestDeadline)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        FunctionUrlServer url = new FunctionUrlServer(socket, invoker, functionId, requestDeadline);
        url.acceptor.start();
        return url;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8787/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("the local Function URL cannot accept: {}", e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(socket);
                continue;
            }
            open.add(socket);
            try {
                connections.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                        slots.release();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                open.remove(socket);
                closeQuietly(socket);
                slots.release();
            }
        }
    }

    private void refuse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            writeResponse(out, 503, Map.of("content-type", "application/json"),
                    message("Too many connections; retry later"), false);
        } catch (IOException e) {
            LOG.debug("could not refuse a connection: {}", e.getMessage());
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            HttpRequestReader reader = new HttpRequestReader(socket, in, out, MAX_REQUEST_BYTES);
            boolean keepAlive = true;
            while (keepAlive && !closing) {
                HttpRequestReader.Request request;
                try {
                    request = reader.read(IDLE_TIMEOUT.toMillis(), requestDeadline.toMillis());
                } catch (HttpRequestReader.BadRequestException e) {
                    writeResponse(out, 400, Map.of("content-type", "application/json"), message("Bad request: " + e.getMessage()), false);
                    return;
                }
                if (request == null) {
                    return;
                }
                busy.incrementAndGet();
                try {
                    keepAlive = request.keepAlive() && !request.tooLarge();
                    respond(request, socket, out, keepAlive);
                } finally {
                    busy.decrementAndGet();
                }
            }
        } catch (HttpRequestReader.DeadlineException e) {
            LOG.info("closing a connection of the local Function URL: {}", e.getMessage());
        } catch (SocketException e) {
            LOG.debug("a connection of the local Function URL ended: {}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("a connection of the local Function URL failed: {}", e.toString());
        }
    }

    private void respond(HttpRequestReader.Request request, Socket socket, OutputStream out, boolean keepAlive)
            throws IOException {
        if (request.tooLarge()) {
            writeResponse(out, 413, Map.of("content-type", "application/json"), message("Request must be smaller than "
                    + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation"), false);
            return;
        }
        byte[] event = mapper.writeValueAsBytes(toEvent(request, socket));
        byte[] response;
        try {
            response = invoker.invoke(functionId, event);
        } catch (FunctionInvocationException e) {
            LOG.error("{} {} failed: {}", request.method(), request.rawPath(), e.getMessage());
            writeResponse(out, 502, Map.of("content-type", "application/json"), message("Internal Server Error"), keepAlive);
            return;
        }
        reply(out, response, keepAlive, "HEAD".equals(request.method()));
    }

    private byte[] message(String text) {
        ObjectNode message = mapper.createObjectNode();
        message.put("Message", text);
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode toEvent(HttpRequestReader.Request request, Socket socket) {
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        ObjectNode headers = event.putObject("headers");
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            headers.put(header.getKey(), String.join(",", header.getValue()));
        }
        String host = "127.0.0.1:" + server.getLocalPort();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", "local");
        context.put("domainName", host);
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", socket.getInetAddress().getHostAddress());
        http.put("userAgent", request.header("user-agent"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        byte[] body = request.body();
        if (body.length > 0) {
            String text = textOrNull(request.header("content-type"), body);
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The body as text when its content type is textual and it is valid UTF-8, as Function URLs decide. */
    private static String textOrNull(String type, byte[] body) {
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

    private void reply(OutputStream out, byte[] response, boolean keepAlive, boolean head) throws IOException {
        JsonNode result;
        try {
            result = mapper.readTree(response);
        } catch (IOException e) {
            result = null;
        }
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            // Lambda infers a 200 JSON response when the function returns anything else.
            writeResponse(out, 200, Map.of("content-type", "application/json"), head ? new byte[0] : response, keepAlive);
            return;
        }
        int status = result.get("statusCode").asInt();
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode responseHeaders = result.get("headers");
        if (responseHeaders != null) {
            responseHeaders.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        }
        JsonNode bodyNode = result.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() || head ? new byte[0]
                : result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        writeResponse(out, status, headers, body, keepAlive);
    }

    private static void writeResponse(OutputStream out, int status, Map<String, String> headers, byte[] body,
                                      boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-length") && !lower.equals("connection") && !lower.equals("transfer-encoding")) {
                // A header value from a function must not be able to split the response.
                head.append(name).append(": ").append(value.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
            }
        });
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a socket: {}", e.getMessage());
        }
    }

    /**
     * Stops accepting, lets the requests being answered finish (briefly: an answer the intake has already given the
     * bus should reach its client), then closes every connection.
     */
    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the Function URL socket: {}", e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (busy.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        open.forEach(FunctionUrlServer::closeQuietly);
        connections.shutdownNow();
    }
}
