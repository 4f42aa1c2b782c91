package io.demandloop.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.demandloop.local.http.LoopbackHttpServer;
import io.demandloop.local.template.RuleDef;
import io.demandloop.local.template.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local SQS endpoint that answers {@code GetQueueAttributes} (the AWS JSON 1.0 protocol the SDK sends:
 * {@code X-Amz-Target: AmazonSQS.GetQueueAttributes}) for the dead-letter queues of the template's bus rules, from
 * the local bus's dead letters: a rule's queue ({@code <Function><Event>Queue}, as SAM names it) holds the lines of
 * {@code dead-letters.jsonl} whose {@code rule} is that rule ({@code ApproximateNumberOfMessages}), and those a redrive
 * is sending right now ({@code ApproximateNumberOfMessagesNotVisible}). Queues with no local counterpart (the
 * failure destination, the schedules' queues: locally a failed invocation or schedule is only logged) and a bus that
 * keeps no dead letters answer {@code QueueDoesNotExist}, so the report says "not available" for them, never 0.
 *
 * <p>Nothing is sent, received or deleted here: the dead letters stay the bus's ({@code ./demandloop redrive}).
 */
public final class LocalDeadLetterQueues implements AutoCloseable {

    static final String TARGET = "AmazonSQS.GetQueueAttributes";

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String stackName;
    private final Map<String, String> rulesByQueue = new TreeMap<>();
    private final Optional<Path> deadLetters;
    private final Optional<Path> redriving;

    private LocalDeadLetterQueues(HttpServer server, SamTemplate template, String stackName,
                                  Optional<Path> deadLetterFile, String redriveFileName) {
        this.server = server;
        this.stackName = stackName;
        for (RuleDef rule : template.rules()) {
            rulesByQueue.put(rule.ruleName() + "Queue", rule.ruleName());
        }
        this.deadLetters = deadLetterFile;
        this.redriving = deadLetterFile.map(f -> f.resolveSibling(redriveFileName));
    }

    /**
     * Starts on a free loopback port.
     *
     * @param template        the template, for its rules
     * @param stackName       the local stack's name (a queue's local {@code Ref} is {@code <stack>-<LogicalId>})
     * @param deadLetterFile  the bus's dead-letter file; empty when the bus keeps none
     * @param redriveFileName the file, beside it, that holds the dead letters a redrive is sending
     */
    public static LocalDeadLetterQueues start(SamTemplate template, String stackName, Optional<Path> deadLetterFile,
                                              String redriveFileName) {
        try {
            HttpServer server = LoopbackHttpServer.create(16);
            LocalDeadLetterQueues queues = new LocalDeadLetterQueues(server, template, stackName, deadLetterFile,
                    redriveFileName);
            server.createContext("/", queues::handle);
            server.start();
            return queues;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local SQS endpoint: " + e.getMessage(), e);
        }
    }

    /** The endpoint, for {@code aws.endpointUrlSqs} ({@code AWS_ENDPOINT_URL_SQS}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!TARGET.equals(target)) {
                reply(exchange, 400, error("com.amazonaws.sqs#UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
                        "the local SQS endpoint answers GetQueueAttributes only, not " + target));
                return;
            }
            JsonNode request = mapper.readTree(exchange.getRequestBody());
            String url = request.path("QueueUrl").asText("");
            String queue = url.substring(url.lastIndexOf('/') + 1);
            if (queue.startsWith(stackName + "-")) {
                queue = queue.substring(stackName.length() + 1);
            }
            String rule = rulesByQueue.get(queue);
            if (rule == null || deadLetters.isEmpty()) {
                reply(exchange, 400, error("com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
                        "the local stack has no dead letters for queue " + url
                                + (rule == null ? " (only the bus rules' queues have a local counterpart)" : " (the bus keeps none)")));
                return;
            }
            ObjectNode response = mapper.createObjectNode();
            ObjectNode attributes = response.putObject("Attributes");
            attributes.put("ApproximateNumberOfMessages", String.valueOf(count(deadLetters.get(), rule)));
            attributes.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(count(redriving.get(), rule)));
            reply(exchange, 200, response);
        } catch (RuntimeException e) {
            reply(exchange, 500, error("com.amazonaws.sqs#InternalError", "InternalError", e.toString()));
        }
    }

    // The lines of a dead-letter file whose rule is this one; a line being appended right now (not yet whole) is skipped.
    private long count(Path file, String rule) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return 0;
        }
        long count = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                if (rule.equals(mapper.readTree(line).path("rule").asText())) {
                    count++;
                }
            } catch (IOException e) {
                // an incomplete last line
            }
        }
        return count;
    }

    private ObjectNode error(String type, String queryError, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        error.put("x-amzn-query-error", queryError + ";Sender");
        return error;
    }

    private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        if (body.has("x-amzn-query-error")) {
            exchange.getResponseHeaders().set("x-amzn-query-error", body.get("x-amzn-query-error").asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
