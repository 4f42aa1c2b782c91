package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampFormatTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant EXPECTED = Instant.parse("2026-11-16T08:02:11Z");

    private static Instant read(String format, ZoneId zone, String text) {
        return TimestampFormat.of(format, zone).read(TextNode.valueOf(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // ISO-8601 with an offset, in its three spellings, and without one (then in the zone)
        "auto | UTC          | 2026-11-16T08:02:11Z",
        "auto | UTC          | 2026-11-16T09:02:11+01:00",
        "auto | UTC          | 2026-11-16T09:02:11+0100",
        "auto | UTC          | 2026-11-16T08:02:11.000Z",
        "auto | Europe/Paris | 2026-11-16T09:02:11",
        "auto | Europe/Paris | 2026-11-16T08:02:11Z",
        "iso  | Europe/Paris | 2026-11-16T09:02:11",
        "iso  | UTC          | 2026-11-16T08:02:11Z",
        // yyyy-MM-dd HH:mm:ss in a zone (ServiceNow-style, no offset)
        "auto | UTC          | 2026-11-16 08:02:11",
        "auto | Europe/Paris | 2026-11-16 09:02:11",
        "yyyy-MM-dd HH:mm:ss | Europe/Paris | 2026-11-16 09:02:11",
        // Salesforce
        "salesforce | UTC    | 2026-11-16T08:02:11.000+0000",
        "salesforce | Europe/Paris | 2026-11-16T08:02:11.000+0000",
        "auto       | UTC    | 2026-11-16T08:02:11.000+0000",
        "auto       | UTC    | 2026-11-16T10:02:11.000+0200",
        // epoch numbers written as text
        "epoch-millis  | UTC | 1794816131000",
        "epoch-seconds | UTC | 1794816131",
        "auto          | UTC | 1794816131000",
        "auto          | UTC | 1794816131",
        "auto          | UTC | 1794816131000000",
        "auto          | UTC | 1794816131000000000",
        // RFC 1123 and a custom pattern
        "rfc-1123           | UTC          | Mon, 16 Nov 2026 08:02:11 GMT",
        "auto               | UTC          | Mon, 16 Nov 2026 08:02:11 GMT",
        "dd/MM/yyyy hh:mm:ss a | Europe/Paris | 16/11/2026 09:02:11 am",
    })
    void read_shouldGiveTheSameInstant_whateverTheFormat(String format, String zone, String text) {
        // GIVEN / WHEN
        Instant instant = read(format, ZoneId.of(zone), text);

        // THEN
        assertThat(instant).isEqualTo(EXPECTED);
    }

    @Test
    void read_shouldTakeJsonNumbers_whenEpochTime() {
        // GIVEN
        JsonNode millis = JsonNodeFactory.instance.numberNode(1_794_816_131_000L);
        JsonNode seconds = JsonNodeFactory.instance.numberNode(1_794_816_131L);
        JsonNode fractionalSeconds = JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1794816131.250"));

        // WHEN / THEN
        assertThat(TimestampFormat.of("epoch-millis", UTC).read(millis)).isEqualTo(EXPECTED);
        assertThat(TimestampFormat.of("epoch-seconds", UTC).read(seconds)).isEqualTo(EXPECTED);
        assertThat(TimestampFormat.AUTO_UTC.read(millis)).isEqualTo(EXPECTED);
        assertThat(TimestampFormat.AUTO_UTC.read(seconds)).isEqualTo(EXPECTED);
        assertThat(TimestampFormat.of("epoch-seconds", UTC).read(fractionalSeconds))
                .isEqualTo(EXPECTED.plusMillis(250));
    }

    @Test
    void read_shouldGiveTheStartOfTheDay_whenPatternHasNoTime() {
        assertThat(read("dd.MM.yyyy", PARIS, "16.11.2026")).isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "salesforce    | 2026-11-16T08:02:11Z",
        "salesforce    | 2026-11-16 08:02:11",
        "epoch-millis  | 2026-11-16T08:02:11Z",
        "epoch-seconds | yesterday",
        "iso           | 16/11/2026 08:02",
        "auto          | 16/11/2026 08:02",
        "auto          | soon",
        "yyyy-MM-dd HH:mm:ss | 2026-11-16T08:02:11Z",
    })
    void read_shouldFail_whenTheValueIsNotOfTheFormat(String format, String text) {
        assertThatThrownBy(() -> read(format, UTC, text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void read_shouldFail_whenEpochIsOutOfRange() {
        assertThatThrownBy(() -> read("epoch-seconds", UTC, "999999999999999999999999"))
                .isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "epoch-milis | unknown date format 'epoch-milis'",
        "unix        | unknown date format 'unix'",
        "yyyy-MM-dd HH:mm:ss {{ | not a valid date pattern",
    })
    void of_shouldFail_whenTheFormatIsUnknownOrInvalid(String format, String message) {
        assertThatThrownBy(() -> TimestampFormat.of(format, UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
