package io.demandloop.functions.importer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.imports.TicketImporter;
import io.demandloop.shared.imports.aws.S3ImportStore;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Lambda entry point of {@code ImportFunction}: takes the {@code Object Created} event S3 sends to EventBridge for an
 * object put under {@code imports/} in the pipeline's bucket, asks {@link ImportService} to import it, and answers
 * with the {@link ImportResult}. An event of another shape or bucket fails with {@link IllegalArgumentException},
 * naming what is wrong.
 */
public final class ImportHandler implements RequestStreamHandler, org.crac.Resource {

    /** The SnapStart hook's sample, packaged under priming/: events/ImportFunction/export-put-under-imports.json. */
    static final String PRIMING_SAMPLE = "/priming/ImportFunction/export-put-under-imports.json";

    private static final Logger LOG = LoggerFactory.getLogger(ImportHandler.class);

    private final ImportService service;
    private final String bucket;

    /** Composition root, run once at init: configuration from the template's environment, AWS adapters. */
    public ImportHandler() {
        this(ImportConfig.fromEnvironment());
    }

    private ImportHandler(ImportConfig config) {
        this(new ImportService(S3ImportStore.create(config.importBucket()),
                new TicketImporter(DynamoDbTicketRepository.create(config.ticketsTable())),
                DemandloopConfig.load(), Path.of(System.getProperty("java.io.tmpdir"), "demandloop-import")),
                config.importBucket());
        org.crac.Core.getGlobalContext().register(this);
    }

    /** For tests: the service and the bucket whose events are taken. */
    public ImportHandler(ImportService service, String bucket) {
        this.service = Objects.requireNonNull(service, "service");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** SnapStart: before the snapshot, runs the hot path once on the packaged sample (see {@link #prime}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) throws IOException {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // Nothing captured before the snapshot needs refreshing.
    }

    /**
     * Loads and exercises the hot path: the S3 event's parsing (its bucket is the sample's, not this function's, so
     * the key is read as the handler reads it but without that check) and the import up to its first request (the
     * mapping file's GetObject), stopped before signing ({@link io.demandloop.shared.aws.Priming}): no temporary file is
     * created (its name generator would seed a SecureRandom into the snapshot) and nothing is read or written.
     *
     * @return the key of the sample
     */
    String prime() throws IOException {
        byte[] sample = io.demandloop.shared.aws.Priming.sample(ImportHandler.class, PRIMING_SAMPLE);
        String key = Json.mapper().readTree(sample).path("detail").path("object").path("key").asText();
        io.demandloop.shared.aws.Priming.withoutNetwork(() -> {
            try {
                service.importObject(key);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return key;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        try {
            String key = objectKey(input.readAllBytes());
            LOG.info("Import of s3://{}/{} requested", bucket, key);
            ImportResult result = service.importObject(key);
            LOG.info("Import of {}: {}", key, result.status());
            output.write(Json.mapper().writeValueAsBytes(result));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the import was interrupted", e);
        } finally {
            MDC.remove("awsRequestId");
        }
    }

    /** The key of the object the event is about; see the class comment. */
    String objectKey(byte[] payload) {
        JsonNode event;
        try {
            event = Json.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the import trigger is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the import trigger cannot be read: " + e.getMessage(), e);
        }
        if (event == null || !event.isObject() || !"aws.s3".equals(event.path("source").asText())
                || !"Object Created".equals(event.path("detail-type").asText())) {
            throw new IllegalArgumentException("the import trigger must be an S3 \"Object Created\" event from"
                    + " EventBridge (source aws.s3)");
        }
        String eventBucket = event.path("detail").path("bucket").path("name").asText("");
        if (!bucket.equals(eventBucket)) {
            throw new IllegalArgumentException("the event is about bucket '" + eventBucket + "'; this function imports"
                    + " from '" + bucket + "' only");
        }
        String key = event.path("detail").path("object").path("key").asText("");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the event has no detail.object.key");
        }
        return key;
    }
}
