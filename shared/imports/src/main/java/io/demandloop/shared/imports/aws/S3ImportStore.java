package io.demandloop.shared.imports.aws;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.WithoutExpectContinue;
import io.demandloop.shared.imports.ImportStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** {@link ImportStore} on an S3 bucket: exports under {@code imports/}, results under {@code import-results/}. */
public final class S3ImportStore implements ImportStore {

    /** Mapping files are a few kilobytes; anything far larger is not one. */
    static final long MAX_SMALL_OBJECT_BYTES = 1 << 20;

    private final S3Client client;
    private final String bucket;

    public S3ImportStore(S3Client client, String bucket) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** A store on the named bucket with its own client, built from the default settings. */
    public static S3ImportStore create(String bucket) {
        return new S3ImportStore(AwsClients.lean(S3Client.builder())
                // Replaces lean's override configuration, so it is applied again first.
                .overrideConfiguration(o -> {
                    AwsClients.override(o);
                    o.addExecutionInterceptor(new WithoutExpectContinue());
                })
                .build(), bucket);
    }

    @Override
    public InputStream open(String key) {
        return client.getObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public long size(String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    }

    @Override
    public Optional<byte[]> readSmall(String key) {
        try {
            long size = size(key);
            if (size > MAX_SMALL_OBJECT_BYTES) {
                throw new IllegalArgumentException("s3://" + bucket + "/" + key + " is " + size
                        + " bytes; a mapping file is at most " + MAX_SMALL_OBJECT_BYTES);
            }
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty(); // HEAD answers a bare 404, not NoSuchKey
            }
            throw e;
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                RequestBody.fromBytes(content));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                RequestBody.fromFile(file));
    }
}
