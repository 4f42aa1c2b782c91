package io.demandloop.shared.aws;

import software.amazon.awssdk.http.SdkHttpClient;
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

    /** A new URL-connection HTTP client for one SDK client. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
    }
}
