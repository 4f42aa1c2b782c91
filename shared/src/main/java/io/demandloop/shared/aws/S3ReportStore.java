package io.demandloop.shared.aws;

import io.demandloop.shared.report.ReportStore;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
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
                
                .overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutExpectContinue()))
                .build(), bucket);
    }

    /**
     * Drops the {@code Expect: 100-continue} header the S3 client adds to uploads. Reports are a few kilobytes, so
     * it saves nothing; and with the URL-connection client an I/O error during the 100-continue exchange (a
     * connection the server has just closed) escapes the SDK's retries instead of being retried.
     */
    static final class WithoutExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
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
