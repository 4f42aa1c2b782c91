package io.demandloop.functions.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.imports.TicketImporter;
import io.demandloop.shared.imports.aws.S3ImportStore;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** SnapStart priming: the hot path on the packaged sample, every SDK request stopped before signing, nothing kept. */
class ImportPrimingTest {


    private final DynamoDbClient dynamoDb = PrimingCheck.unreachable(DynamoDbClient.builder());
    private final RecordingMetricsSink metrics = new RecordingMetricsSink();

    @Test
    void prime_shouldReadTheSamplesKey_andStopTheFirstGetObject_withoutAFileCredentialsOrTime() throws Exception {
        // GIVEN the real adapters on an address nothing listens on, a work directory that does not exist yet
        Path work = Files.createTempDirectory("import-priming").resolve("work");
        ImportHandler handler = new ImportHandler(new ImportService(
                new S3ImportStore(PrimingCheck.unreachable(S3Client.builder()), "bucket"),
                new TicketImporter(new DynamoDbTicketRepository(dynamoDb, "tickets")), DemandloopConfig.defaults(), work),
                "this-functions-bucket");
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        String key = handler.prime();

        // THEN the sample's key (its bucket is not this function's), the mapping file's read stopped, no file made
        assertThat(key).isEqualTo("imports/servicenow/incident_event_log.csv.zip");
        assertThat(work).doesNotExist();
        check.assertStoppedAndClean(1);
    }
}
