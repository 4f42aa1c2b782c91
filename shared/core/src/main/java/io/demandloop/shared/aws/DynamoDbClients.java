package io.demandloop.shared.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client of a function: {@link AwsClients#lean} with endpoint discovery off explicitly (docs/PERFORMANCE.md,
 * "Cold start"). A function that uses several tables builds one in its composition root and hands it to every adapter
 * (the client is thread-safe); an adapter's {@code create} builds its own, for a function with one table. A class of
 * its own so that {@link AwsClients} stays free of service client types.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** A new lean DynamoDB client. */
    public static DynamoDbClient lean() {
        return AwsClients.lean(DynamoDbClient.builder().endpointDiscoveryEnabled(false)).build();
    }
}
