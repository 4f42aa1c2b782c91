package io.demandloop.functions.intake;

import io.demandloop.shared.aws.AwsClients;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The intake's one DynamoDB client, built lean at the first call of {@link #get()} and then reused. */
final class LazyDynamoDb implements Supplier<DynamoDbClient> {

    private volatile DynamoDbClient client;

    @Override
    public DynamoDbClient get() {
        DynamoDbClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = AwsClients.lean(DynamoDbClient.builder().endpointDiscoveryEnabled(false)).build();
                    client = built;
                }
            }
        }
        return built;
    }
}
