package io.demandloop.shared.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * What every SDK client of the functions shares: a light URL-connection HTTP client, the region from
 * {@code AWS_REGION}, credentials from {@link LambdaCredentials}, no profile file, and endpoints from the SDK's
 * standard {@code AWS_ENDPOINT_URL*} settings (or their {@code aws.endpointUrl*} system properties), so nothing here
 * knows whether it runs on AWS, LocalStack or the embedded stack. Each adapter's {@code create} builds its client
 * once, at init. What each choice saves at a cold start is in docs/PERFORMANCE.md ("Cold start").
 *
 * <p>Kept free of service client types so that a function carries only the service modules it uses.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** The variable Lambda sets to the function's region. */
    public static final String REGION_VARIABLE = "AWS_REGION";

    /** The SDK's default connect timeout, kept: connections are opened by {@link #httpClient()}'s factory. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The SDK's default read timeout, kept. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** An empty profile file: no {@code ~/.aws/config} or {@code credentials} is read (Lambda has none). */
    private static final ProfileFile NO_PROFILE = ProfileFile.builder()
            .content(new ByteArrayInputStream(new byte[0]))
            .type(ProfileFile.Type.CONFIGURATION)
            .build();

    /**
     * A client builder set up lean for a cold start: the URL-connection HTTP client ({@link #httpClient()}); the region
     * taken from {@code AWS_REGION} directly when it is set (always, on Lambda), so that the region provider chain never
     * reads profile files or asks the instance metadata service; credentials from {@link LambdaCredentials} (the
     * environment Lambda sets, chosen at the first request, so SnapStart-safe); an empty profile file for the client's
     * own settings (retry mode, endpoint discovery, FIPS, dual-stack: the SDK's defaults, as on Lambda). The
     * {@link Priming} interceptor lets the functions' SnapStart hooks marshal requests without sending them (a builder
     * that sets its own override configuration afterwards replaces it: {@link #override} keeps it).
     */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B lean(B builder) {
        builder.httpClient(httpClient());
        builder.credentialsProvider(LambdaCredentials.create());
        builder.overrideConfiguration(AwsClients::override);
        String region = System.getenv(REGION_VARIABLE);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder;
    }

    /** The override configuration {@link #lean} sets; for a builder that needs to add its own to it. */
    public static void override(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder o) {
        o.addExecutionInterceptor(new Priming.StopBeforeSigning());
        o.defaultProfileFile(NO_PROFILE);
        o.defaultProfileName("default");
    }

    /**
     * A new URL-connection HTTP client for one SDK client. Connections are opened by the JDK with its default TLS
     * context (created once per JVM, at the first HTTPS connection) instead of the client's own: the client's default
     * builds an {@code SSLContext} per HTTP client at build time, loading the trust store once per SDK client, and an
     * {@code HttpsURLConnection} loads the JDK's default context anyway. Timeouts are the SDK's defaults.
     */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create(AwsClients::open);
    }

    static HttpURLConnection open(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }
}
