package io.demandloop.local.servers;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The standard AWS SDK for Java v2 settings that point unmodified clients (built with {@code XxxClient.create()} or
 * a builder without {@code endpointOverride}) at the local servers. Verified against SDK 2.35.0 by
 * {@code SdkSettingsTest}, {@code DynamoDbLocalServerTest} and {@code S3ProxyServerTest}.
 *
 * <p>The per-service endpoint properties are spelled by the SDK as {@code aws.endpointUrl} followed by the service
 * id in PascalCase, and system properties are case-sensitive: {@code aws.endpointUrlDynamoDb} works,
 * {@code aws.endpointUrlDynamodb} is silently ignored (the client would then go to real AWS). The matching
 * environment variables are {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3} and
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE}; system properties take precedence over them and over {@code ~/.aws/config}.
 *
 * <p>Not needed, hence not set:
 * <ul>
 *   <li>{@code forcePathStyle}: with an IP-address endpoint such as {@code http://127.0.0.1:port}, the S3 endpoint
 *       rules choose path-style addressing ({@code http://127.0.0.1:port/bucket/key}) by themselves.</li>
 *   <li>{@code aws.requestChecksumCalculation} / {@code aws.responseChecksumValidation} ({@code when_required}):
 *       S3Proxy 4.1.0 accepts the SDK's default CRC32 checksums, including {@code aws-chunked} uploads with a
 *       trailing checksum ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}) and stores the plain bytes; it
 *       returns no checksum on GET, so there is nothing for the SDK to validate.</li>
 * </ul>
 */
public final class SdkSettings {

    /** DynamoDB endpoint ({@code AWS_ENDPOINT_URL_DYNAMODB}), read when a {@code DynamoDbClient} is built. */
    public static final String ENDPOINT_DYNAMODB = "aws.endpointUrlDynamoDb";
    /** S3 endpoint ({@code AWS_ENDPOINT_URL_S3}), read when an {@code S3Client} is built. */
    public static final String ENDPOINT_S3 = "aws.endpointUrlS3";
    /** EventBridge endpoint ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}), read when an {@code EventBridgeClient} is built. */
    public static final String ENDPOINT_EVENTBRIDGE = "aws.endpointUrlEventBridge";
    /** Region ({@code AWS_REGION}), first in the default region provider chain. */
    public static final String REGION = "aws.region";
    /** Access key id ({@code AWS_ACCESS_KEY_ID}), first in the default credentials provider chain. */
    public static final String ACCESS_KEY_ID = "aws.accessKeyId";
    /** Secret access key ({@code AWS_SECRET_ACCESS_KEY}), first in the default credentials provider chain. */
    public static final String SECRET_ACCESS_KEY = "aws.secretAccessKey";

    /** The region of the local stack. */
    public static final String LOCAL_REGION = "us-east-1";
    /** Dummy access key id: DynamoDB Local runs with {@code -sharedDb} and S3Proxy without authorization. */
    public static final String LOCAL_ACCESS_KEY_ID = "local";
    /** Dummy secret access key; see {@link #LOCAL_ACCESS_KEY_ID}. */
    public static final String LOCAL_SECRET_ACCESS_KEY = "local";

    private SdkSettings() {
    }

    /**
     * Returns the JVM system properties to set, before any client is built (the SDK reads them at build time), so
     * that the SDK's default resolution reaches the local servers:
     * <ul>
     *   <li>{@value #ENDPOINT_DYNAMODB} = {@code dynamoDb}</li>
     *   <li>{@value #ENDPOINT_S3} = {@code s3}</li>
     *   <li>{@value #ENDPOINT_EVENTBRIDGE} = {@code eventBridge}</li>
     *   <li>{@value #REGION} = {@value #LOCAL_REGION}: also keeps the region chain from probing EC2 metadata</li>
     *   <li>{@value #ACCESS_KEY_ID} / {@value #SECRET_ACCESS_KEY} = dummy keys: requests are still signed, and the
     *       credentials chain never reaches profiles, containers or EC2 metadata</li>
     * </ul>
     *
     * @param dynamoDb    the DynamoDB Local endpoint
     * @param s3          the S3Proxy endpoint
     * @param eventBridge the local EventBridge endpoint
     * @return property name to value, in a stable order; unmodifiable
     */
    public static Map<String, String> sdkSystemProperties(URI dynamoDb, URI s3, URI eventBridge) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ENDPOINT_DYNAMODB, Objects.requireNonNull(dynamoDb, "dynamoDb").toString());
        properties.put(ENDPOINT_S3, Objects.requireNonNull(s3, "s3").toString());
        properties.put(ENDPOINT_EVENTBRIDGE, Objects.requireNonNull(eventBridge, "eventBridge").toString());
        properties.put(REGION, LOCAL_REGION);
        properties.put(ACCESS_KEY_ID, LOCAL_ACCESS_KEY_ID);
        properties.put(SECRET_ACCESS_KEY, LOCAL_SECRET_ACCESS_KEY);
        return Collections.unmodifiableMap(properties);
    }
}
