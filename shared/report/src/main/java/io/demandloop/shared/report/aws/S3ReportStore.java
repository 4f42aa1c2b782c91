package io.demandloop.shared.report.aws;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.aws.WithoutExpectContinue;
import io.demandloop.shared.report.ReportStore;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** {@link ReportStore} on an S3 bucket. */
public final class S3ReportStore implements ReportStore {

    private final S3Client client;
    private final String bucket;

    public S3ReportStore(S3Client client, String bucket) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** A store on the named bucket with its own client, built from the default settings. */
    public static S3ReportStore create(String bucket) {
        return new S3ReportStore(AwsClients.lean(S3Client.builder())
                // Replaces lean's override configuration, so it is applied again first.
                .overrideConfiguration(o -> {
                    AwsClients.override(o);
                    o.addExecutionInterceptor(new WithoutExpectContinue());
                })
                .build(), bucket);
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        client.putObject(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType(contentType)
                        .build(),
                RequestBody.fromBytes(body));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
