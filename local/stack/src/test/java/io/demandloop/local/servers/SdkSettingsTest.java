package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.s3.S3Client;

class SdkSettingsTest {

    private static final URI DYNAMODB = URI.create("http://127.0.0.1:4001");
    private static final URI S3 = URI.create("http://127.0.0.1:4002");
    private static final URI EVENTBRIDGE = URI.create("http://127.0.0.1:4003");

    @Test
    void sdkSystemProperties_shouldListEndpointsRegionAndCredentials_whenGivenThreeEndpoints() {
        // GIVEN / WHEN
        Map<String, String> properties = SdkSettings.sdkSystemProperties(DYNAMODB, S3, EVENTBRIDGE);

        // THEN
        assertThat(properties).containsExactly(
                Map.entry("aws.endpointUrlDynamoDb", "http://127.0.0.1:4001"),
                Map.entry("aws.endpointUrlS3", "http://127.0.0.1:4002"),
                Map.entry("aws.endpointUrlEventBridge", "http://127.0.0.1:4003"),
                Map.entry("aws.region", "us-east-1"),
                Map.entry("aws.accessKeyId", "local"),
                Map.entry("aws.secretAccessKey", "local"));
    }

    @Test
    void defaultClients_shouldUseTheLocalEndpoints_whenOnlyTheSystemPropertiesAreSet() {
        // GIVEN
        try (ScopedSystemProperties ignored =
                     ScopedSystemProperties.set(SdkSettings.sdkSystemProperties(DYNAMODB, S3, EVENTBRIDGE));
             // WHEN
             DynamoDbClient dynamoDb = DynamoDbClient.create();
             S3Client s3 = S3Client.create();
             EventBridgeClient eventBridge = EventBridgeClient.create()) {

            // THEN
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).contains(DYNAMODB);
            assertThat(s3.serviceClientConfiguration().endpointOverride()).contains(S3);
            assertThat(eventBridge.serviceClientConfiguration().endpointOverride()).contains(EVENTBRIDGE);
            assertThat(dynamoDb.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
    }

    @Test
    void defaultClient_shouldIgnoreTheEndpoint_whenThePropertyIsSpelledInLowerCase() {
        // GIVEN the spelling one might guess from the environment variable AWS_ENDPOINT_URL_DYNAMODB
        try (ScopedSystemProperties ignored = ScopedSystemProperties
                .set(Map.of("aws.region", "us-east-1", "aws.endpointUrlDynamodb", DYNAMODB.toString()))
                .put(SdkSettings.ENDPOINT_DYNAMODB, null);
             // WHEN
             DynamoDbClient dynamoDb = DynamoDbClient.create()) {

            // THEN system properties are case-sensitive: the SDK reads aws.endpointUrlDynamoDb only
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void eventBridgeClient_shouldSendSignedPutEventsToTheLocalEndpoint_whenOnlyTheSystemPropertiesAreSet()
            throws IOException {
        // GIVEN a stand-in for the local bus that records what reaches it
        AtomicReference<String> target = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer bus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bus.createContext("/", exchange -> {
            target.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bus.start();
        URI busEndpoint = URI.create("http://127.0.0.1:" + bus.getAddress().getPort());
        try (ScopedSystemProperties ignored =
                     ScopedSystemProperties.set(SdkSettings.sdkSystemProperties(DYNAMODB, S3, busEndpoint));
             EventBridgeClient eventBridge = EventBridgeClient.create()) {

            // WHEN
            PutEventsResponse response = eventBridge.putEvents(r -> r.entries(e -> e
                    .eventBusName("demandloop").source("test").detailType("Probe").detail("{}")));

            // THEN
            assertThat(response.entries()).singleElement().satisfies(e -> assertThat(e.eventId()).isEqualTo("e-1"));
            assertThat(target.get()).isEqualTo("AWSEvents.PutEvents");
            assertThat(authorization.get()).contains("Credential=local/").contains("/us-east-1/events/aws4_request");
        } finally {
            bus.stop(0);
        }
    }
}
