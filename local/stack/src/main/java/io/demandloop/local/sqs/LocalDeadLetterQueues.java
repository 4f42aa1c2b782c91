package io.demandloop.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.bus.LocalEventBus;
import io.demandloop.local.http.AwsJsonEndpoint;
import io.demandloop.local.template.RuleDef;
import io.demandloop.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
public final class LocalDeadLetterQueues extends AwsJsonEndpoint {

    static final String TARGET = "AmazonSQS.GetQueueAttributes";

    private final String stackName;
    private final Map<String, String> rulesByQueue = new TreeMap<>();
    private final Optional<Path> deadLetters;
    private final Optional<Path> redriving;
    private final Map<Path, Counted> countedByFile = new ConcurrentHashMap<>();

    private LocalDeadLetterQueues(SamTemplate template, String stackName, Optional<Path> deadLetterFile,
                                  String redriveFileName) {
        super(TARGET, "application/x-amz-json-1.0");
        this.stackName = stackName;
        for (RuleDef rule : template.rules()) {
            rulesByQueue.put(rule.ruleName() + "Queue", rule.ruleName());
        }
        this.deadLetters = deadLetterFile;
        this.redriving = deadLetterFile.map(f -> f.resolveSibling(redriveFileName));
    }

    /**
     * Starts on a free loopback port; its {@link #endpoint()} is for {@code aws.endpointUrlSqs}
     * ({@code AWS_ENDPOINT_URL_SQS}).
     *
     * @param template        the template, for its rules
     * @param stackName       the local stack's name (a queue's local {@code Ref} is {@code <stack>-<LogicalId>})
     * @param deadLetterFile  the bus's dead-letter file; empty when the bus keeps none
     * @param redriveFileName the file, beside it, that holds the dead letters a redrive is sending
     */
    public static LocalDeadLetterQueues start(SamTemplate template, String stackName, Optional<Path> deadLetterFile,
                                              String redriveFileName) {
        LocalDeadLetterQueues queues = new LocalDeadLetterQueues(template, stackName, deadLetterFile, redriveFileName);
        queues.startServer("SQS endpoint");
        return queues;
    }

    @Override
    protected Reply unsupported(String otherTarget) {
        return new Reply(400, sqsError("com.amazonaws.sqs#UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
                "the local SQS endpoint answers GetQueueAttributes only, not " + otherTarget));
    }

    @Override
    protected Reply failed(RuntimeException e) {
        return new Reply(500, sqsError("com.amazonaws.sqs#InternalError", "InternalError", e.toString()));
    }

    @Override
    protected Reply answer(JsonNode request) throws IOException {
        String url = request.path("QueueUrl").asText("");
        String queue = url.substring(url.lastIndexOf('/') + 1);
        if (queue.startsWith(stackName + "-")) {
            queue = queue.substring(stackName.length() + 1);
        }
        String rule = rulesByQueue.get(queue);
        if (rule == null || deadLetters.isEmpty()) {
            return new Reply(400, sqsError("com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
                    "the local stack has no dead letters for queue " + url
                            + (rule == null ? " (only the bus rules' queues have a local counterpart)" : " (the bus keeps none)")));
        }
        ObjectNode response = mapper.createObjectNode();
        ObjectNode attributes = response.putObject("Attributes");
        attributes.put("ApproximateNumberOfMessages", String.valueOf(count(deadLetters.get(), rule)));
        attributes.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(count(redriving.get(), rule)));
        return new Reply(200, response);
    }

    // The dead letters of a file whose rule is this one. Counted once per change of the file (its size or time), not
    // once per request: a report asks for every rule's queue.
    private long count(Path file, String rule) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return 0;
        }
        Counted counted = countedByFile.get(file);
        if (counted == null || counted.size() != attributes.size()
                || !counted.modified().equals(attributes.lastModifiedTime())) {
            counted = new Counted(attributes.size(), attributes.lastModifiedTime(), LocalEventBus.deadLettersByRule(file));
            countedByFile.put(file, counted);
        }
        return counted.byRule().getOrDefault(rule, 0L);
    }

    private record Counted(long size, FileTime modified, Map<String, Long> byRule) {
    }

    private ObjectNode sqsError(String type, String queryError, String message) {
        ObjectNode error = error(type, "message", message);
        error.put("x-amzn-query-error", queryError + ";Sender");
        return error;
    }
}
