package io.demandloop.local.provision;

import io.demandloop.local.template.BucketDef;
import io.demandloop.local.template.TableDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Remembers, beside a persisted DynamoDB Local database, the template tables and buckets it was last provisioned
 * with, so that a later start on the same state skips the provisioning round trips (issue 17: some twenty requests,
 * and the SDK clients built for them, on every command). The record is a digest of the tables' and buckets'
 * definitions; it counts only while the database file and every bucket's folder of the S3 store are still there.
 * Anything else (no record, another template, a deleted database or bucket) provisions as before.
 */
public final class ProvisionRecord {

    /** The file, in DynamoDB Local's data folder (DynamoDB Local reads only its own database file there). */
    static final String FILE = ".demandloop-provisioned";

    private ProvisionRecord() {
    }

    /** A digest of what provisioning creates: the tables with their keys and indexes, and the buckets. */
    public static String fingerprint(List<TableDef> tables, List<BucketDef> buckets) {
        String text = tables + "\n" + buckets;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the state was provisioned with this fingerprint and still holds what provisioning made.
     *
     * @param dynamoDbData DynamoDB Local's data folder
     * @param databaseFile its database file
     * @param s3Data       the S3 filesystem store's folder (a bucket is a folder in it)
     */
    public static boolean isCurrent(Path dynamoDbData, Path databaseFile, Path s3Data, List<BucketDef> buckets,
                                    String fingerprint) {
        Path record = dynamoDbData.resolve(FILE);
        try {
            if (!Files.isRegularFile(record) || !Files.isRegularFile(databaseFile)
                    || !fingerprint.equals(Files.readString(record, StandardCharsets.UTF_8).trim())) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return buckets.stream().allMatch(bucket -> Files.isDirectory(s3Data.resolve(bucket.name())));
    }

    /** Records a completed provisioning; a failure to write it only means provisioning again next time. */
    public static void record(Path dynamoDbData, String fingerprint) {
        try {
            Path temporary = Files.createTempFile(dynamoDbData, FILE, ".tmp");
            Files.writeString(temporary, fingerprint + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, dynamoDbData.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Provisioning is idempotent: the next start does it again.
        }
    }
}
