package io.demandloop.shared.report.aws;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.report.ReportLinker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ReportLinker} by S3 presigned GET URLs (SigV4, at most seven days). Presigning is local computation: no
 * request is sent. The presigner takes the region from {@code AWS_REGION} and the endpoint from the SDK's standard
 * {@code AWS_ENDPOINT_URL_S3} setting (or its {@code aws.endpointUrlS3} system property), like every client here, so
 * locally the link points at the embedded S3 server.
 *
 * <p>The {@code now} given is not part of the signature's clock: the SDK signs with its own clock, so the expiry is
 * measured from the moment of signing; {@code now} only sets the {@code expiresAt} the caller reports.
 */
public final class S3ReportLinker implements ReportLinker {

    private final S3Presigner presigner;
    private final String bucket;

    public S3ReportLinker(S3Presigner presigner, String bucket) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** A linker for the named bucket, with a presigner built from the default settings. */
    public static S3ReportLinker create(String bucket) {
        S3Presigner.Builder builder = S3Presigner.builder();
        String region = System.getenv(AwsClients.REGION_VARIABLE);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = endpoint();
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new S3ReportLinker(builder.build(), bucket);
    }

    /**
     * A linker for a bucket at an explicit endpoint with explicit credentials: for the command line against the
     * embedded S3 server, whose endpoint is the running launcher's, not this process's settings.
     */
    public static S3ReportLinker create(String bucket, URI endpoint, String region,
                                        software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return new S3ReportLinker(S3Presigner.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials).build(), bucket);
    }

    /** The SDK's standard S3 endpoint setting, system property first; null when neither is set (AWS itself). */
    static String endpoint() {
        String property = System.getProperty("aws.endpointUrlS3");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv("AWS_ENDPOINT_URL_S3");
        if (variable != null && !variable.isBlank()) {
            return variable;
        }
        String general = System.getProperty("aws.endpointUrl", System.getenv("AWS_ENDPOINT_URL"));
        return general == null || general.isBlank() ? null : general;
    }

    @Override
    public URI link(String key, Duration expiry, Instant now) {
        ReportLinker.checkExpiry(expiry);
        return URI.create(presigner.presignGetObject(request -> request
                .signatureDuration(expiry)
                .getObjectRequest(GetObjectRequest.builder().bucket(bucket).key(key).build()))
                .url().toString());
    }
}
