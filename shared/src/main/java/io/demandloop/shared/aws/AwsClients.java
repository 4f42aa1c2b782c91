package io.demandloop.shared.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * What every SDK client of the functions shares: one light URL-connection HTTP client. Region and
 * credentials come from the default chains and endpoints from the SDK's standard {@code AWS_ENDPOINT_URL*}
 * settings (or their {@code aws.endpointUrl*} system properties), so nothing here knows whether it runs on
 * AWS, LocalStack or the embedded stack. Each adapter's {@code create} builds its client once, at init.
 *
 * <p>Kept free of service client types so that a function carries only the service modules it uses.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** The variable Lambda sets to the function's region. */
    public static final String REGION_VARIABLE = "AWS_REGION";

    /**
     * A client builder set up lean for a cold start: the URL-connection HTTP client, and the region taken from
     * {@code AWS_REGION} directly when it is set (always, on Lambda), so that the region provider chain never reads
     * profile files or asks the instance metadata service. Credentials stay with the default chain, which on Lambda
     * ends at the environment at once and stays correct after a SnapStart restore. The {@link Priming} interceptor
     * lets the functions' SnapStart hooks marshal requests without sending them (a builder that sets its own
     * override configuration afterwards, as the S3 stores do, replaces it: those clients are not primed).
     */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B lean(B builder) {
        builder.httpClient(httpClient());
        builder.overrideConfiguration(o -> o.addExecutionInterceptor(new Priming.StopBeforeSigning()));
        String region = System.getenv(REGION_VARIABLE);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder;
    }

    /** A new URL-connection HTTP client for one SDK client. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
    }
}
