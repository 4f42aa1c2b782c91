package io.demandloop.local.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.template.BucketDef;
import io.demandloop.local.template.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionRecordTest {

    private static final List<BucketDef> BUCKETS = List.of(new BucketDef("ReportsBucket", "demandloop-reportsbucket", false));

    @TempDir
    Path state;
    Path dynamoDb;
    Path database;
    Path s3;

    @BeforeEach
    void provisionedState() throws IOException {
        dynamoDb = Files.createDirectories(state.resolve("dynamodb"));
        database = Files.createFile(dynamoDb.resolve("shared-local-instance.db"));
        s3 = Files.createDirectories(state.resolve("s3"));
        Files.createDirectories(s3.resolve("demandloop-reportsbucket"));
    }

    private static TableDef table(List<TableDef.IndexDef> indexes) {
        return new TableDef("TicketsTable", "demandloop-ticketstable", Map.of("pk", "S", "sk", "S"), "pk", Optional.of("sk"),
                indexes, List.of(), "PAY_PER_REQUEST");
    }

    @Test
    void isCurrent_shouldBeTrue_onlyAfterARecordOfTheSameDefinitions() {
        // GIVEN the fingerprint of a template's tables and buckets
        String fingerprint = ProvisionRecord.fingerprint(List.of(table(List.of())), BUCKETS);

        // WHEN nothing was recorded, THEN the state must be provisioned
        assertThat(ProvisionRecord.isCurrent(dynamoDb, database, s3, BUCKETS, fingerprint)).isFalse();

        // WHEN it was, THEN it need not be
        ProvisionRecord.record(dynamoDb, fingerprint);
        assertThat(ProvisionRecord.isCurrent(dynamoDb, database, s3, BUCKETS, fingerprint)).isTrue();
    }

    @Test
    void isCurrent_shouldBeFalse_whenTheTemplateGainedAnIndex() {
        // GIVEN a state provisioned without the index
        ProvisionRecord.record(dynamoDb, ProvisionRecord.fingerprint(List.of(table(List.of())), BUCKETS));

        // WHEN the template adds one
        String withIndex = ProvisionRecord.fingerprint(List.of(table(List.of(
                new TableDef.IndexDef("OpenedIndex", "kindMonth", Optional.of("openedAt"), "ALL", List.of())))), BUCKETS);

        // THEN provisioning runs again
        assertThat(ProvisionRecord.isCurrent(dynamoDb, database, s3, BUCKETS, withIndex)).isFalse();
    }

    @Test
    void isCurrent_shouldBeFalse_whenTheDatabaseOrABucketWasDeleted() throws IOException {
        // GIVEN a recorded state
        String fingerprint = ProvisionRecord.fingerprint(List.of(table(List.of())), BUCKETS);
        ProvisionRecord.record(dynamoDb, fingerprint);

        // WHEN its bucket's folder goes, THEN it must be provisioned again
        Files.delete(s3.resolve("demandloop-reportsbucket"));
        assertThat(ProvisionRecord.isCurrent(dynamoDb, database, s3, BUCKETS, fingerprint)).isFalse();

        // WHEN the bucket is back but the database file is gone, THEN too
        Files.createDirectories(s3.resolve("demandloop-reportsbucket"));
        Files.delete(database);
        assertThat(ProvisionRecord.isCurrent(dynamoDb, database, s3, BUCKETS, fingerprint)).isFalse();
    }
}
