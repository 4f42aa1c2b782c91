package io.demandloop.shared.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client every adapter's {@code create} builds: {@link AwsClients#lean} with endpoint discovery off
 * explicitly (docs/PERFORMANCE.md, "Cold start"). A class of its own so that {@link AwsClients} stays free of service
 * client types.
 */
final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** A new lean DynamoDB client. */
    static DynamoDbClient lean() {
        return AwsClients.lean(DynamoDbClient.builder().endpointDiscoveryEnabled(false)).build();
    }
}
