package io.demandloop.local.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.demandloop.local.runtime.FunctionInvoker;
import io.demandloop.local.template.BusDef;
import io.demandloop.local.template.RuleDef;
import io.demandloop.local.template.SamTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local EventBridge for the template's buses. It speaks the service's wire protocol (AWS JSON 1.1,
 * {@code X-Amz-Target: AWSEvents.PutEvents}) on {@code 127.0.0.1}, so the unmodified SDK {@code EventBridgeClient}
 * pointed at {@link #endpoint()} publishes to it; it validates entries as EventBridge does (partial failures
 * included), wraps each accepted entry in the envelope EventBridge hands a Lambda, appends it to the event log, and
 * routes it with event-ruler through the template's {@code EventBridgeRule}s to the target functions, asynchronously.
 */
public final class LocalEventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

    private static final String TARGET_PREFIX = "AWSEvents.";
    private static final String PUT_EVENTS = TARGET_PREFIX + "PutEvents";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_ENTRIES = 10;
    /** EventBridge's limit on the entries of one request, sized as its documentation says. */
    private static final int MAX_REQUEST_ENTRY_BYTES = 256 * 1024;
    private static final int TIME_FIELD_BYTES = 14;

    /**
     * Tuning for tests and serve mode.
     *
     * @param clock           supplies the envelope {@code time} when an entry has no {@code Time}
     * @param maxRetries      retries after a failed delivery (bounded further by a rule's
     *                        {@code MaximumRetryAttempts}); Lambda's async invoke retries twice
     * @param retryBackoff    the first retry's delay, doubled for each further retry
     * @param deliveryThreads how many functions may run at once
     */
    public record Options(Clock clock, int maxRetries, Duration retryBackoff, int deliveryThreads) {

        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            if (maxRetries < 0 || deliveryThreads < 1) {
                throw new IllegalArgumentException("maxRetries must be >= 0 and deliveryThreads >= 1");
            }
        }

        /** System clock, 2 retries from 200 ms, 4 delivery threads. */
        public static Options defaults() {
            return new Options(Clock.systemUTC(), 2, Duration.ofMillis(200), 4);
        }
    }

    private final ObjectMapper mapper = JsonMapper.builder()
            // Details are passed on as they were sent: 1.50 stays 1.50, large numbers stay exact.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final SamTemplate template;
    private final Options options;
    private final Optional<JsonLinesFile> eventLog;
    private final Optional<JsonLinesFile> deadLetters;
    private final EventRouter router;
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final Object failureLock = new Object();
    private int entriesToFail;
    private String injectedErrorCode;

    private LocalEventBus(SamTemplate template, FunctionInvoker invoker, Optional<Path> eventLogFile,
                          Optional<Path> deadLetterFile, Options options) throws IOException {
        this.template = template;
        this.options = options;
        this.eventLog = eventLogFile.map(JsonLinesFile::new);
        this.deadLetters = deadLetterFile.map(JsonLinesFile::new);
        AtomicInteger count = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-bus-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EventRouter createdRouter = null;
        try {
            createdRouter = new EventRouter(template, invoker, options, deadLetters, mapper);
            this.router = createdRouter;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException | RuntimeException e) {
            // Nothing half-started may outlive a failed start: the files stay open and threads run otherwise.
            if (createdRouter != null) {
                createdRouter.close();
            }
            httpThreads.shutdownNow();
            closeFiles();
            throw e;
        }
        server.createContext("/", this::handle);
        server.setExecutor(httpThreads);
        server.start();
    }

    /**
     * Starts the bus with {@link Options#defaults()}.
     *
     * @param template       the template whose buses and rules are served
     * @param invoker        how target functions are invoked
     * @param eventLogFile   where every accepted event envelope is appended, one JSON line each
     * @param deadLetterFile where deliveries that failed every retry are appended
     * @return the running bus
     */
    public static LocalEventBus start(SamTemplate template, FunctionInvoker invoker, Optional<Path> eventLogFile,
                                      Optional<Path> deadLetterFile) {
        return start(template, invoker, eventLogFile, deadLetterFile, Options.defaults());
    }

    /** As {@link #start(SamTemplate, FunctionInvoker, Optional, Optional)}, tuned. */
    public static LocalEventBus start(SamTemplate template, FunctionInvoker invoker, Optional<Path> eventLogFile,
                                      Optional<Path> deadLetterFile, Options options) {
        try {
            LocalEventBus bus = new LocalEventBus(template, invoker, eventLogFile, deadLetterFile, options);
            LOG.info("Local EventBridge on {} for buses {}", bus.endpoint(),
                    template.buses().stream().map(BusDef::name).toList());
            return bus;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local event bus: " + e.getMessage(), e);
        }
    }

    /** @return the endpoint to give the SDK ({@code endpointOverride}, {@code AWS_ENDPOINT_URL_EVENTBRIDGE}) */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Test hook: the next {@code n} entries put (in any request) fail with {@code errorCode}, e.g.
     * {@code InternalFailure} or {@code ThrottlingException}, as EventBridge reports transient failures, so a
     * publisher's retry of only the failed entries can be exercised.
     */
    public void failNextEntries(int n, String errorCode) {
        synchronized (failureLock) {
            entriesToFail = n;
            injectedErrorCode = errorCode;
        }
    }

    /**
     * Waits until every routed invocation has finished (delivered or dead-lettered), including those started by
     * events that the invoked functions published meanwhile.
     *
     * @return {@code false} when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) {
        return router.awaitIdle(timeout);
    }

    /**
     * For contract tests: the functions the rules of a bus would invoke for an event envelope.
     *
     * @param busName      a bus name or ARN
     * @param envelopeJson a full event envelope ({@code source}, {@code detail-type}, {@code detail}...)
     * @return the target function logical ids, in template order, without duplicates
     */
    public List<String> matchingFunctions(String busName, String envelopeJson) {
        return router.matchingRules(SamTemplate.busNameOf(busName), envelopeJson).stream()
                .map(RuleDef::functionLogicalId)
                .distinct()
                .toList();
    }

    // ---- wire protocol ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, 405, "UnknownOperationException", "Only POST is supported");
            } else if (!PUT_EVENTS.equals(target)) {
                sendError(exchange, 400, "UnknownOperationException",
                        "Operation " + target + " is not supported by the local event bus (only " + PUT_EVENTS + ")");
            } else {
                putEvents(exchange, body);
            }
        } catch (RuntimeException e) {
            LOG.error("Local event bus request failed: {}", e.getMessage(), e);
            try {
                sendError(exchange, 500, "InternalException", String.valueOf(e.getMessage()));
            } catch (IOException | RuntimeException alreadyAnswered) {
                LOG.debug("Could not report the failure to the client: {}", alreadyAnswered.getMessage());
            }
        } finally {
            exchange.close();
        }
    }

    private void putEvents(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (IOException e) {
            sendError(exchange, 400, "SerializationException", "Cannot parse the request body as JSON");
            return;
        }
        JsonNode entries = request == null ? null : request.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            sendError(exchange, 400, "ValidationException", "1 validation error detected: Value at 'entries' failed "
                    + "to satisfy constraint: Member must have length between 1 and " + MAX_ENTRIES
                    + " (got " + (entries == null || !entries.isArray() ? "none" : entries.size()) + ")");
            return;
        }
        long totalBytes = 0;
        for (JsonNode entry : entries) {
            totalBytes += entrySize(entry);
        }
        if (totalBytes > MAX_REQUEST_ENTRY_BYTES) {
            // EventBridge rejects the whole request, not the one entry, when the entries exceed 256 KB.
            sendError(exchange, 400, "ValidationException", "Total size of the entries in the request is over the limit.");
            return;
        }

        ObjectNode response = mapper.createObjectNode();
        ArrayNode results = mapper.createArrayNode();
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            Optional<String[]> error = injectedFailure().or(() -> validate(entry));
            if (error.isPresent()) {
                result.put("ErrorCode", error.get()[0]);
                result.put("ErrorMessage", error.get()[1]);
                failed++;
            } else {
                result.put("EventId", accept(entry));
            }
        }
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        send(exchange, 200, mapper.writeValueAsBytes(response));
    }

    private Optional<String[]> injectedFailure() {
        synchronized (failureLock) {
            if (entriesToFail <= 0) {
                return Optional.empty();
            }
            entriesToFail--;
            return Optional.of(new String[] {injectedErrorCode, "Injected by failNextEntries"});
        }
    }

    /** @return {@code [ErrorCode, ErrorMessage]} as EventBridge reports them for the entry, or empty when valid */
    private Optional<String[]> validate(JsonNode entry) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            if (text(entry, field) == null) {
                return Optional.of(new String[] {"InvalidArgument",
                        "Parameter " + field + " is not valid. Reason: " + field + " is a required argument."});
            }
        }
        try {
            if (!mapper.readTree(text(entry, "Detail")).isObject()) {
                return Optional.of(new String[] {"MalformedDetail", "Detail is malformed."});
            }
        } catch (JsonProcessingException e) {
            return Optional.of(new String[] {"MalformedDetail", "Detail is malformed."});
        }
        String bus = text(entry, "EventBusName");
        if (template.bus(bus).isEmpty()) {
            return Optional.of(new String[] {"ResourceNotFoundException", "Event bus " + bus + " does not exist."});
        }
        JsonNode resources = entry.get("Resources");
        if (resources != null && !resources.isNull() && (!resources.isArray() || !allText(resources))) {
            return Optional.of(new String[] {"InvalidArgument", "Parameter Resources is not valid. Reason: "
                    + "Resources must be a list of strings."});
        }
        if (entry.hasNonNull("Time") && time(entry.get("Time")).isEmpty()) {
            return Optional.of(new String[] {"InvalidArgument", "Parameter Time is not valid."});
        }
        return Optional.empty();
    }

    private String accept(JsonNode entry) {
        String eventId = UUID.randomUUID().toString();
        String busName = template.bus(text(entry, "EventBusName")).orElseThrow().name();
        Instant time = entry.hasNonNull("Time") ? time(entry.get("Time")).orElseThrow() : options.clock().instant();
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", eventId);
        envelope.put("detail-type", text(entry, "DetailType"));
        envelope.put("source", text(entry, "Source"));
        envelope.put("account", SamTemplate.ACCOUNT_ID);
        envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
        envelope.put("region", SamTemplate.REGION);
        ArrayNode resources = envelope.putArray("resources");
        if (entry.has("Resources") && entry.get("Resources").isArray()) {
            entry.get("Resources").forEach(resources::add);
        }
        String envelopeJson;
        try {
            envelope.set("detail", mapper.readTree(text(entry, "Detail")));
            envelopeJson = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Detail was validated as JSON", e);
        }
        eventLog.ifPresent(log -> {
            try {
                log.append(envelopeJson);
            } catch (IOException e) {
                LOG.error("Cannot append event {} to {}: {}", eventId, log.path(), e.getMessage(), e);
            }
        });
        List<RuleDef> matches = router.matchingRules(busName, envelopeJson);
        LOG.info("Event {} ({} / {}) on {} -> {}", eventId, text(entry, "Source"), text(entry, "DetailType"), busName,
                matches.isEmpty() ? "no rule matched" : matches.stream().map(RuleDef::functionLogicalId).toList());
        for (RuleDef rule : matches) {
            router.dispatch(rule, eventId, envelopeJson);
        }
        return eventId;
    }

    /** Entry size as EventBridge computes it: Time 14 bytes, plus Source, DetailType, Detail and Resources in UTF-8. */
    private static long entrySize(JsonNode entry) {
        long size = entry.hasNonNull("Time") ? TIME_FIELD_BYTES : 0;
        for (String field : List.of("Source", "DetailType", "Detail")) {
            JsonNode value = entry.get(field);
            if (value != null && value.isTextual()) {
                size += value.textValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        JsonNode resources = entry.get("Resources");
        if (resources != null && resources.isArray()) {
            for (JsonNode resource : resources) {
                size += resource.asText().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    /** AWS JSON 1.1 sends timestamps as epoch seconds; ISO-8601 text is accepted too. */
    private static Optional<Instant> time(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        }
        if (value.isTextual()) {
            try {
                return Optional.of(OffsetDateTime.parse(value.textValue()).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    private static boolean allText(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values.stream().allMatch(JsonNode::isTextual);
    }

    private void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode error = mapper.createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, mapper.writeValueAsBytes(error));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving, lets running deliveries finish briefly, and closes the files. */
    @Override
    public void close() {
        server.stop(0);
        httpThreads.shutdownNow();
        router.close();
        closeFiles();
    }

    private void closeFiles() {
        for (Optional<JsonLinesFile> file : List.of(eventLog, deadLetters)) {
            file.ifPresent(f -> {
                try {
                    f.close();
                } catch (IOException e) {
                    LOG.warn("Cannot close {}: {}", f.path(), e.getMessage());
                }
            });
        }
    }
}
