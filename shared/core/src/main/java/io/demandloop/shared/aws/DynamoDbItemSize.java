package io.demandloop.shared.aws;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB bills an item at, by its documented rules (attribute names and string values in UTF-8
 * bytes, a number at one byte per two significant digits plus one, three bytes of overhead per list or map plus
 * one per element, one byte for a boolean or null), and a guard that keeps a hot item within one write unit.
 *
 * <p>A write unit covers 1 KB: an item of 1,025 bytes costs two on the table and two on every index that projects
 * it, which would break the write budget of DESIGN.md §5. The budget is kept by trimming free-text attributes
 * (a title, a link) rather than by failing the write.
 */
public final class DynamoDbItemSize {

    /** The bytes one write unit covers. */
    public static final int WRITE_UNIT_BYTES = 1024;
    /** DynamoDB's item size limit. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private DynamoDbItemSize() {
    }

    /** The billed size of an item, in bytes. */
    public static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    /** The write units a put of this item costs on the table alone. */
    public static int writeUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (of(item) + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    static int of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToInt(DynamoDbItemSize::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToInt(DynamoDbItemSize::number).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
        }
        if (value.hasL()) {
            int size = 3;
            for (AttributeValue element : value.l()) {
                size += 1 + of(element);
            }
            return size;
        }
        if (value.hasM()) {
            int size = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += 1 + utf8(entry.getKey()) + of(entry.getValue());
            }
            return size;
        }
        return 0;
    }

    private static int number(String n) {
        // The significant digits, without leading or trailing zeros; by hand, as a regular expression here was
        // compiled again for every number of every item written.
        String digits = new BigDecimal(n).unscaledValue().abs().toString();
        int start = 0;
        int end = digits.length();
        while (start < end && digits.charAt(start) == '0') {
            start++;
        }
        while (end > start && digits.charAt(end - 1) == '0') {
            end--;
        }
        return Math.min(21, (Math.max(end - start, 1) + 1) / 2 + 1);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The item, trimmed to at most {@code limit} bytes: each attribute named in {@code trimmable}, in order, is
     * shortened (strings, at a character boundary) or, as a last resort, removed, until the item fits.
     *
     * @return the item itself when it already fits, else a trimmed copy, which is still too big only when the
     *         other attributes alone exceed the limit (the caller decides whether to write it anyway)
     */
    public static Map<String, AttributeValue> fit(Map<String, AttributeValue> item, int limit, List<String> trimmable) {
        int size = of(item);
        if (size <= limit) {
            return item;
        }
        Map<String, AttributeValue> trimmed = new HashMap<>(item);
        for (String name : trimmable) {
            AttributeValue value = trimmed.get(name);
            if (value == null) {
                continue;
            }
            int excess = size - limit;
            int valueSize = of(value);
            if (value.s() != null && valueSize > excess) {
                String shortened = truncateUtf8(value.s(), valueSize - excess);
                if (!shortened.isEmpty()) {
                    trimmed.put(name, AttributeValue.fromS(shortened));
                    size = of(trimmed);
                    if (size <= limit) {
                        return trimmed;
                    }
                    continue;
                }
            }
            trimmed.remove(name);
            size = of(trimmed);
            if (size <= limit) {
                return trimmed;
            }
        }
        return trimmed;
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that does not split a character. */
    static String truncateUtf8(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int width = utf8(new String(Character.toChars(codePoint)));
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }
}
