package io.demandloop.local.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import io.demandloop.local.http.LoopbackHttpServer;
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
 *
 * <p>With an event log it is durable as EventBridge is: PutEvents answers only once its events are forced to disk;
 * each finished delivery is recorded in the delivery journal ({@code deliveries.jsonl} beside the log); a stop
 * drains what is in flight (within {@link Options#drainTimeout()}); {@link #replayPending()} delivers at start what
 * the log holds and the journal does not mark finished; {@link #redriveDeadLetters()} sends the dead letters again.
 */
public final class LocalEventBus implements AutoCloseable {

    private static final ObjectMapper LETTER_READER = new ObjectMapper();

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
    public record Options(Clock clock, int maxRetries, Duration retryBackoff, int deliveryThreads,
                          Duration drainTimeout) {

        /** How long a stop waits, by default, for the deliveries in flight. */
        public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);

        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            if (maxRetries < 0 || deliveryThreads < 1) {
                throw new IllegalArgumentException("maxRetries must be >= 0 and deliveryThreads >= 1");
            }
        }

        /** As the canonical constructor, draining for {@link #DEFAULT_DRAIN} at a stop. */
        public Options(Clock clock, int maxRetries, Duration retryBackoff, int deliveryThreads) {
            this(clock, maxRetries, retryBackoff, deliveryThreads, DEFAULT_DRAIN);
        }

        /** System clock, 2 retries from 200 ms, 4 delivery threads, 30 s to drain at a stop. */
        public static Options defaults() {
            return new Options(Clock.systemUTC(), 2, Duration.ofMillis(200), 4);
        }
    }

    /** The delivery journal's file name, beside the event log. */
    public static final String JOURNAL_FILE = "deliveries.jsonl";
    /** The checkpoint's file name, beside the event log: where in the log the unfinished deliveries can start. */
    public static final String CHECKPOINT_FILE = "deliveries.checkpoint";
    /** Where a redrive keeps the dead letters it is sending, until they are delivered or dead-lettered again. */
    public static final String REDRIVE_FILE = "dead-letters.redriving.jsonl";
    /** The field of an event log line that names the bus (the envelope itself has none). */
    public static final String BUS_FIELD = "x-demandloop-bus";

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
    private final Optional<JsonLinesFile> journal;
    private final Optional<Path> checkpoint;
    /** Where in the event log the deliveries this start must check begin, and where they end. */
    private long replayFrom;
    private long replayTo;
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
        this.checkpoint = eventLogFile.map(log -> log.resolveSibling(CHECKPOINT_FILE));
        boolean journalExisted = eventLogFile.map(log -> Files.exists(log.resolveSibling(JOURNAL_FILE))).orElse(false);
        this.eventLog = eventLogFile.map(JsonLinesFile::new);
        this.deadLetters = deadLetterFile.map(JsonLinesFile::new);
        this.journal = eventLogFile.map(log -> new JsonLinesFile(log.resolveSibling(JOURNAL_FILE)));
        try {
            readCheckpoint(journalExisted);
        } catch (IOException | RuntimeException e) {
            closeFiles();
            throw e;
        }
        AtomicInteger count = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-bus-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EventRouter createdRouter = null;
        try {
            createdRouter = new EventRouter(template, invoker, options, deadLetters, journal, mapper);
            this.router = createdRouter;
            this.server = LoopbackHttpServer.create(0);
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
        List<Accepted> accepted = new ArrayList<>();
        long logEnd = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            // The detail is parsed once, by the validation, and that tree goes into the envelope.
            JsonNode[] detail = new JsonNode[1];
            Optional<String[]> error = injectedFailure().or(() -> validate(entry, detail));
            Accepted event = null;
            if (error.isEmpty()) {
                try {
                    event = accept(entry, detail[0]);
                    logEnd = Math.max(logEnd, event.logEnd());
                } catch (IOException e) {
                    LOG.error("Cannot append an event to {}: {}", eventLog.map(JsonLinesFile::path).orElse(null),
                            e.getMessage(), e);
                    error = Optional.of(new String[] {"InternalFailure", "The event could not be written: " + e.getMessage()});
                }
            }
            if (error.isPresent()) {
                result.put("ErrorCode", error.get()[0]);
                result.put("ErrorMessage", error.get()[1]);
            } else {
                result.put("EventId", event.eventId());
                accepted.add(event);
            }
        }
        if (eventLog.isPresent() && !accepted.isEmpty()) {
            try {
                // Nothing is acknowledged before it is on disk; concurrent requests share the force.
                eventLog.get().awaitDurable(logEnd);
            } catch (IOException e) {
                LOG.error("Cannot force {} to disk: {}", eventLog.get().path(), e.getMessage(), e);
                for (JsonNode result : results) {
                    if (result.has("EventId")) {
                        ((ObjectNode) result).remove("EventId");
                        ((ObjectNode) result).put("ErrorCode", "InternalFailure");
                        ((ObjectNode) result).put("ErrorMessage", "The event could not be made durable: " + e.getMessage());
                    }
                }
                // Written but not acknowledged: the next start may still deliver them, which is safe (at least once).
                accepted.clear();
            }
        }
        for (Accepted event : accepted) {
            route(event);
        }
        int failed = 0;
        for (JsonNode result : results) {
            if (result.has("ErrorCode")) {
                failed++;
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

    /**
     * @param detail where the parsed detail is left (element 0) when the entry is valid
     * @return {@code [ErrorCode, ErrorMessage]} as EventBridge reports them for the entry, or empty when valid
     */
    private Optional<String[]> validate(JsonNode entry, JsonNode[] detail) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            if (text(entry, field) == null) {
                return Optional.of(new String[] {"InvalidArgument",
                        "Parameter " + field + " is not valid. Reason: " + field + " is a required argument."});
            }
        }
        try {
            detail[0] = mapper.readTree(text(entry, "Detail"));
            if (!detail[0].isObject()) {
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

    /** An event written to the log (not yet forced), to route once it is durable. */
    private record Accepted(String eventId, String busName, String envelopeJson, long logEnd, String source,
                            String detailType) {
    }

    private Accepted accept(JsonNode entry, JsonNode detail) throws IOException {
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
        String logLine;
        try {
            envelope.set("detail", detail);
            // One line, encoded on its own: text that UTF-8 cannot carry (a lone surrogate) is escaped, so the
            // function gets, and the log keeps, exactly what was sent, and no event can stop the log.
            envelopeJson = JsonLinesFile.line(mapper, envelope);
            // The log line is the envelope with the bus's name as a last field: the same text, not a second encoding.
            logLine = envelopeJson.substring(0, envelopeJson.length() - 1) + ","
                    + mapper.writeValueAsString(BUS_FIELD) + ":" + mapper.writeValueAsString(busName) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Detail was validated as JSON", e);
        }
        long logEnd = eventLog.isPresent() ? eventLog.get().append(logLine) : 0;
        return new Accepted(eventId, busName, envelopeJson, logEnd, text(entry, "Source"), text(entry, "DetailType"));
    }

    private void route(Accepted event) {
        List<RuleDef> matches = router.matchingRules(event.busName(), event.envelopeJson());
        LOG.info("Event {} ({} / {}) on {} -> {}", event.eventId(), event.source(), event.detailType(), event.busName(),
                matches.isEmpty() ? "no rule matched" : matches.stream().map(RuleDef::functionLogicalId).toList());
        for (RuleDef rule : matches) {
            router.dispatch(rule, event.eventId(), event.envelopeJson());
        }
    }

    // ---- durability: checkpoint, replay, redrive --------------------------------------------------------------------

    private void readCheckpoint(boolean journalExisted) throws IOException {
        if (eventLog.isEmpty()) {
            return;
        }
        long size = eventLog.get().size();
        replayTo = size;
        Path file = checkpoint.orElseThrow();
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            try {
                replayFrom = Math.min(size, Long.parseLong(mapper.readTree(text).path("eventsOffset").asText()));
            } catch (IOException | NumberFormatException e) {
                LOG.warn("{} cannot be read ({}); checking every event of {} for unfinished deliveries", file,
                        e.getMessage(), eventLog.get().path());
                replayFrom = 0;
            }
        } else if (!journalExisted && size > 0) {
            // A state directory from before the delivery journal: its events were delivered (or lost) back then.
            LOG.info("{} has no delivery journal yet; its {} bytes of earlier events count as delivered",
                    eventLog.get().path(), size);
            writeCheckpoint(size);
            replayFrom = size;
        }
    }

    private void writeCheckpoint(long offset) throws IOException {
        ObjectNode text = mapper.createObjectNode();
        text.put("eventsOffset", offset);
        JsonLinesFile.replaceDurably(checkpoint.orElseThrow(), mapper.writeValueAsString(text) + "\n");
    }

    /**
     * Delivers what the event log accepted and the delivery journal does not mark finished (delivered or
     * dead-lettered), as a restarted EventBridge would: the events a crash or a stop left in flight. Call it once, when
     * the target functions can run.
     *
     * @return how many deliveries it started
     */
    public int replayPending() {
        if (eventLog.isEmpty() || replayFrom >= replayTo) {
            return 0;
        }
        try {
            java.util.Set<String> finished = new java.util.HashSet<>();
            for (JsonLinesFile.Line line : JsonLinesFile.readLines(journal.orElseThrow().path(), 0, Long.MAX_VALUE)) {
                try {
                    JsonNode entry = mapper.readTree(line.text());
                    finished.add(EventRouter.deliveryKey(entry.path("id").asText(), entry.path("rule").asText()));
                } catch (JsonProcessingException e) {
                    LOG.warn("Skipping an unreadable line of {}: {}", journal.get().path(), e.getOriginalMessage());
                }
            }
            int started = 0;
            int events = 0;
            for (JsonLinesFile.Line line : JsonLinesFile.readLines(eventLog.get().path(), replayFrom, replayTo)) {
                ObjectNode envelope;
                try {
                    envelope = (ObjectNode) mapper.readTree(line.text());
                } catch (JsonProcessingException | ClassCastException e) {
                    LOG.warn("Skipping an unreadable line of {} (ending at {})", eventLog.get().path(), line.end());
                    continue;
                }
                JsonNode bus = envelope.remove(BUS_FIELD);
                String eventId = envelope.path("id").asText();
                if (bus == null || template.bus(bus.asText()).isEmpty()) {
                    LOG.warn("Event {} in {} names no bus of the template ({}); not replayed", eventId,
                            eventLog.get().path(), bus);
                    continue;
                }
                String envelopeJson = JsonLinesFile.line(mapper, envelope);
                boolean any = false;
                for (RuleDef rule : router.matchingRules(bus.asText(), envelopeJson)) {
                    if (!finished.contains(EventRouter.deliveryKey(eventId, rule.ruleName()))) {
                        router.dispatch(rule, eventId, envelopeJson);
                        started++;
                        any = true;
                    }
                }
                events += any ? 1 : 0;
            }
            if (started > 0) {
                LOG.warn("Delivering {} unfinished deliveries of {} events accepted before the last stop", started, events);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replay " + eventLog.get().path() + ": " + e.getMessage(), e);
        } finally {
            replayFrom = replayTo;
        }
    }

    /**
     * Sends every dead letter again to the target of its rule, as a redrive of a dead-letter queue does. The dead
     * letters move to {@value #REDRIVE_FILE} first; each ends delivered or, failing again, back in the dead-letter file.
     * Wait with {@link #awaitIdle(Duration)}, then call {@link #finishRedrive()}.
     *
     * @return how many it sent, and the rules it could not find
     */
    public Redrive redriveDeadLetters() {
        JsonLinesFile file = deadLetters.orElseThrow(() -> new IllegalStateException("this bus keeps no dead letters"));
        Path pending = file.path().resolveSibling(REDRIVE_FILE);
        try {
            List<String> letters = file.moveAllTo(pending);
            int sent = 0;
            List<String> unknown = new ArrayList<>();
            for (String letter : letters) {
                JsonNode record = mapper.readTree(letter);
                String ruleName = record.path("rule").asText();
                Optional<RuleDef> rule = router.rule(ruleName);
                if (rule.isEmpty() || !record.path("event").isObject()) {
                    unknown.add(ruleName);
                    file.appendDurably(letter);
                    continue;
                }
                router.dispatch(rule.get(), record.path("event").path("id").asText(),
                        JsonLinesFile.line(mapper, record.get("event")));
                sent++;
            }
            return new Redrive(sent, unknown);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot redrive " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** After a redrive's deliveries finished: forgets the letters it sent (the failed ones are dead letters again). */
    public void finishRedrive() {
        deadLetters.ifPresent(file -> {
            try {
                Files.deleteIfExists(file.path().resolveSibling(REDRIVE_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How many dead letters were sent again, and the rules of those that could not be (not in the template). */
    public record Redrive(int sent, List<String> unknownRules) {
    }

    /** The dead letters now waiting. */
    public long deadLetterCount() {
        return deadLetters.map(file -> {
            try {
                return (long) JsonLinesFile.readLines(file.path(), 0, Long.MAX_VALUE).size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(0L);
    }

    /**
     * The complete dead letters of a dead-letter file (or of {@value #REDRIVE_FILE}) counted by rule; none when the
     * file does not exist. A line being appended right now (not yet whole) is left out.
     */
    public static Map<String, Long> deadLettersByRule(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonLinesFile.Line line : JsonLinesFile.readLines(file, 0, Long.MAX_VALUE)) {
            if (line.text().isBlank()) {
                continue;
            }
            try {
                counts.merge(LETTER_READER.readTree(line.text()).path("rule").asText(), 1L, Long::sum);
            } catch (JsonProcessingException e) {
                // not a dead letter: not counted
            }
        }
        return counts;
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

    /**
     * Drains, then stops: the deliveries in flight (and the events they publish meanwhile, which the bus still accepts)
     * get {@link Options#drainTimeout()} to finish; then it stops serving and closes the files. What did not finish
     * stays unfinished in the journal and is delivered at the next start. A stop that finished everything writes a
     * checkpoint, so the next start reads only newer events, and empties the journal.
     */
    @Override
    public void close() {
        boolean drained = router.awaitIdle(options.drainTimeout());
        server.stop(0);
        httpThreads.shutdownNow();
        drained = router.stop(drained ? Duration.ofSeconds(5) : Duration.ZERO) && drained;
        if (!drained) {
            LOG.warn("The bus stopped with {} deliveries unfinished; the next start delivers them", router.abandoned());
        } else if (eventLog.isPresent()) {
            try {
                eventLog.get().awaitDurable(eventLog.get().size());
                writeCheckpoint(eventLog.get().size());
                journal.orElseThrow().truncate();
            } catch (IOException e) {
                LOG.warn("Cannot write the delivery checkpoint ({}); the next start checks the journal", e.getMessage());
            }
        }
        closeFiles();
    }

    private void closeFiles() {
        for (Optional<JsonLinesFile> file : List.of(eventLog, deadLetters, journal)) {
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
