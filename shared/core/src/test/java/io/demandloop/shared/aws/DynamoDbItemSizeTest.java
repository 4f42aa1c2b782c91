package io.demandloop.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbItemSizeTest {

    @Test
    void of_shouldCountNamesAndValuesAsDynamoDbDoes() {
        Map<String, AttributeValue> item = Map.of(
                "pk", AttributeValue.fromS("abc"),                 // 2 + 3
                "n", AttributeValue.fromN("12345"),                // 1 + (5 digits: 3 + 1)
                "ok", AttributeValue.fromBool(true),               // 2 + 1
                "é", AttributeValue.fromS("ü"),                    // 2 + 2
                "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))), // 1 + 3 + (1 + 1 + 1)
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromS("yz")))); // 1 + 3 + 2 + 3

        assertThat(DynamoDbItemSize.of(item)).isEqualTo(5 + 5 + 3 + 4 + 7 + 9);
    }

    @Test
    void of_shouldCountANumberBySignificantDigits_withoutLeadingOrTrailingZeros() {
        // (significant digits + 1) / 2 + 1 bytes: zeros at either end do not count, zeros inside do
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("0"))).isEqualTo(2);
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("1000"))).isEqualTo(2);
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("0.00100"))).isEqualTo(2);
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("-1001"))).isEqualTo(3);
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("100.001"))).isEqualTo(4);
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("1" + "0".repeat(30) + "1"))).isEqualTo(17);
        assertThat(DynamoDbItemSize.of(AttributeValue.fromN("1".repeat(45)))).isEqualTo(21);
    }

    @Test
    void writeUnits_shouldRoundUpToWholeKilobytes() {
        assertThat(DynamoDbItemSize.writeUnits(Map.of("a", AttributeValue.fromS("x".repeat(1023))))).isEqualTo(1);
        assertThat(DynamoDbItemSize.writeUnits(Map.of("a", AttributeValue.fromS("x".repeat(1024))))).isEqualTo(2);
    }

    @Test
    void fit_shouldReturnTheItemItself_whenItFits() {
        Map<String, AttributeValue> item = Map.of("title", AttributeValue.fromS("short"));

        assertThat(DynamoDbItemSize.fit(item, 1024, List.of("title"))).isSameAs(item);
    }

    @Test
    void fit_shouldShortenTheFirstTrimmable_atACharacterBoundary() {
        // GIVEN 900 bytes of other attributes and a title of 200 three-byte characters
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("body", AttributeValue.fromS("x".repeat(896)));
        item.put("title", AttributeValue.fromS("€".repeat(200)));

        // WHEN
        Map<String, AttributeValue> fitted = DynamoDbItemSize.fit(item, 1024, List.of("title", "link"));

        // THEN what is left is whole euro signs, and the item fits
        assertThat(DynamoDbItemSize.of(fitted)).isLessThanOrEqualTo(1024);
        assertThat(fitted.get("title").s()).matches("€+");
        assertThat(fitted.get("body")).isEqualTo(item.get("body"));
    }

    @Test
    void fit_shouldDropAnAttribute_whenShorteningCannotHelp() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("body", AttributeValue.fromS("x".repeat(1000)));
        item.put("link", AttributeValue.fromS("https://example.com/" + "y".repeat(100)));
        item.put("labels", AttributeValue.fromM(Map.of("a", AttributeValue.fromS("b".repeat(200)))));

        Map<String, AttributeValue> fitted = DynamoDbItemSize.fit(item, 1024, List.of("labels", "link"));

        assertThat(fitted).containsOnlyKeys("body", "link");
        assertThat(DynamoDbItemSize.of(fitted)).isLessThanOrEqualTo(1024);
    }

    @Test
    void truncateUtf8_shouldNotSplitASurrogatePair() {
        assertThat(DynamoDbItemSize.truncateUtf8("a😀b", 4)).isEqualTo("a");
        assertThat(DynamoDbItemSize.truncateUtf8("a😀b", 5)).isEqualTo("a😀");
    }
}
