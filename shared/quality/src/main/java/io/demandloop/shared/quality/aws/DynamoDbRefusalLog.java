package io.demandloop.shared.quality.aws;

import static io.demandloop.shared.aws.DynamoDbAttributes.n;
import static io.demandloop.shared.aws.DynamoDbAttributes.s;

import io.demandloop.shared.aws.DynamoDbClients;
import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.RefusalLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link RefusalLog} in the demand table: one partition per UTC day, {@code pk = #refusals#<yyyy-MM-dd>}, one item per
 * source and reason, {@code sk = <source>#<reason>}, whose {@code count} an {@code UpdateItem ... ADD} raises by one
 * (one write unit, no read; the item stays under 1 KB). The partition key starts with {@code #}, which no service name
 * the demand items use does, and the items carry no {@code tierKey}, so the tier index never sees them. Reading a
 * window is one Query per day.
 */
public final class DynamoDbRefusalLog implements RefusalLog {

    static final String PARTITION_PREFIX = "#refusals#";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbRefusalLog(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A log in the named table with its own client, built from the default settings. */
    public static DynamoDbRefusalLog create(String tableName) {
        return new DynamoDbRefusalLog(DynamoDbClients.lean(), tableName);
    }

    @Override
    public void refused(String source, String reason, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        client.updateItem(UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("pk", s(PARTITION_PREFIX + day), "sk", s(source + "#" + reason)))
                .updateExpression("ADD #count :one SET #source = :source, #reason = :reason")
                .expressionAttributeNames(Map.of("#count", "count", "#source", "source", "#reason", "reason"))
                .expressionAttributeValues(Map.of(":one", n(1), ":source", s(source),
                        ":reason", s(reason)))
                .build());
    }

    @Override
    public List<RefusalCount> countsBetween(LocalDate from, LocalDate to) {
        List<RefusalCount> counts = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (Map<String, AttributeValue> item : client.queryPaginator(QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(PARTITION_PREFIX + day)))
                    .build()).items()) {
                counts.add(new RefusalCount(day, item.get("source").s(), item.get("reason").s(),
                        Long.parseLong(item.get("count").n())));
            }
        }
        // The sort key orders by source#reason; a source whose name holds '#' could sort otherwise: sort explicitly.
        counts.sort(java.util.Comparator.comparing(RefusalCount::day).thenComparing(RefusalCount::source)
                .thenComparing(RefusalCount::reason));
        return counts;
    }
}
