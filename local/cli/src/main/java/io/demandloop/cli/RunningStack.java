package io.demandloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The endpoints of the launcher that holds {@code .demandloop/} ({@code endpoints.json}), so that another
 * launcher ({@code query}) can read through it while it runs instead of opening the same database twice.
 */
final class RunningStack {

    static final String FILE = "endpoints.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunningStack() {
    }

    /** Publishes this process's endpoints; replaced atomically so that a reader never sees half a file. */
    static void publish(Path stateDir, LocalStack stack) throws IOException {
        ObjectNode endpoints = MAPPER.createObjectNode();
        endpoints.put("pid", ProcessHandle.current().pid());
        endpoints.put("dynamodb", stack.dynamoDbEndpoint().toString());
        endpoints.put("s3", stack.s3Endpoint().toString());
        endpoints.put("eventbridge", stack.bus().endpoint().toString());
        endpoints.put("secretsmanager", stack.secretsManagerEndpoint().toString());
        endpoints.put("sqs", stack.sqsEndpoint().toString());
        stack.webhookUrl().ifPresent(url -> endpoints.put("webhooks", url.toString()));
        Path temporary = Files.createTempFile(stateDir, FILE, ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), endpoints);
        Files.move(temporary, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the published endpoints. */
    static void withdraw(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(FILE));
        } catch (IOException e) {
            // A stale file is recognised by its pid; nothing to do.
        }
    }

    /** The DynamoDB endpoint of the live launcher holding the state, if it published one. */
    static Optional<URI> dynamoDbOfLiveOwner(Path stateDir) {
        return endpointOfLiveOwner(stateDir, "dynamodb");
    }

    /** The S3 endpoint of the live launcher holding the state, if it published one. */
    static Optional<URI> s3OfLiveOwner(Path stateDir) {
        return endpointOfLiveOwner(stateDir, "s3");
    }

    /** The local bus endpoint of the live launcher holding the state, if it published one. */
    static Optional<URI> eventBridgeOfLiveOwner(Path stateDir) {
        return endpointOfLiveOwner(stateDir, "eventbridge");
    }

    /** Every endpoint of the live launcher holding the state, if it published them all (serve does). */
    static Optional<LocalStack.Endpoints> endpointsOfLiveOwner(Path stateDir) {
        // One read of the file and one look at the pid for the five endpoints.
        return liveOwner(stateDir).flatMap(owner -> {
            Optional<URI> dynamoDb = endpoint(owner, "dynamodb");
            Optional<URI> s3 = endpoint(owner, "s3");
            Optional<URI> eventBridge = endpoint(owner, "eventbridge");
            Optional<URI> secretsManager = endpoint(owner, "secretsmanager");
            Optional<URI> sqs = endpoint(owner, "sqs");
            if (dynamoDb.isEmpty() || s3.isEmpty() || eventBridge.isEmpty() || secretsManager.isEmpty() || sqs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LocalStack.Endpoints(dynamoDb.get(), s3.get(), eventBridge.get(), secretsManager.get(),
                    sqs.get()));
        });
    }

    private static Optional<URI> endpointOfLiveOwner(Path stateDir, String name) {
        return liveOwner(stateDir).flatMap(owner -> endpoint(owner, name));
    }

    /** The published endpoints, when the launcher that published them is alive. */
    private static Optional<JsonNode> liveOwner(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode endpoints = MAPPER.readTree(file.toFile());
            boolean alive = ProcessHandle.of(endpoints.path("pid").asLong(-1)).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(endpoints) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<URI> endpoint(JsonNode owner, String name) {
        try {
            return owner.hasNonNull(name) ? Optional.of(URI.create(owner.path(name).asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
