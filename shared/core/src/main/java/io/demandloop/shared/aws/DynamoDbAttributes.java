package io.demandloop.shared.aws;

import io.demandloop.shared.time.SortableInstant;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attribute values the DynamoDB adapters write and read, in one place: strings, numbers and instants (as
 * {@link SortableInstant} text). Each adapter keeps only its item layout and its conditions.
 */
public final class DynamoDbAttributes {

    private DynamoDbAttributes() {
    }

    /** A string value. */
    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A number value, written as {@link Long#toString(long)}. */
    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A number value, written as {@link Double#toString(double)}. */
    public static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    /** Puts a string attribute only when it holds text. */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    /** Puts an instant attribute ({@link SortableInstant} text) only when there is one. */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(SortableInstant.format(value)));
        }
    }

    /** The string attribute {@code name}, or null when the item lacks it. */
    public static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** The number attribute {@code name} as an int, or 0 when the item lacks it. */
    public static int integer(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }

    /** The instant attribute {@code name} ({@link SortableInstant} text), or null when the item lacks it. */
    public static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : SortableInstant.parse(value);
    }
}
