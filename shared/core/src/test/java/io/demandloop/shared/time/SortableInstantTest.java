package io.demandloop.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored instant form, read by hand, reads as {@link Instant#parse} reads it, and a malformed one is refused. */
class SortableInstantTest {

    /** Years 0000 to 9999 in the fixed form. */
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    @Test
    void parse_shouldEqualInstantParse_forWhatFormatWrites_overTheWholeRange() {
        // GIVEN fixed-seed random instants across every year the form can write, and the edges
        SplittableRandom random = new SplittableRandom(17);
        List<Instant> instants = new ArrayList<>(List.of(Instant.ofEpochMilli(FIRST), Instant.ofEpochMilli(LAST),
                Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.ofEpochMilli(1),
                Instant.parse("2024-02-29T23:59:59.999Z"), Instant.parse("2000-02-29T00:00:00Z"),
                Instant.parse("2026-12-31T23:59:59.999Z"), Instant.parse("2027-01-01T00:00:00Z")));
        for (int i = 0; i < 100_000; i++) {
            instants.add(Instant.ofEpochMilli(random.nextLong(FIRST, LAST + 1)));
        }
        for (Instant instant : instants) {
            String text = SortableInstant.format(instant);

            // WHEN / THEN
            assertThat(text).hasSize(24);
            assertThat(SortableInstant.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-22T06:00:00Z", "2026-11-22T06:00:00.1Z", "2026-11-22T06:00:00.123456789Z", "2026-11-22T06:00:00.000z",
            "2026-11-22T24:00:00.000Z", "2026-12-31T23:59:60.000Z", "2026-11-22T06:00:00.000+01:00",
            "+10000-01-01T00:00:00.000Z", "-0001-12-31T23:59:59.999Z"})
    void parse_shouldEqualInstantParse_forOtherIsoForms(String text) {
        assertThat(SortableInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "garbage", "2026-13-01T00:00:00.000Z", "2026-02-29T00:00:00.000Z", "2100-02-29T00:00:00.000Z",
            "2026-04-31T00:00:00.000Z", "2026-00-10T00:00:00.000Z", "2026-11-00T00:00:00.000Z",
            "2026-11-22T25:00:00.000Z", "2026-11-22T06:60:00.000Z", "2026-11-22T06:00:61.000Z",
            "2026-11-22T06:00Z", "2026-11-22 06:00:00.000Z", "2026-11-22T06:00:00,000Z", "2026-1a-22T06:00:00.000Z",
            "2026-11-22T06:00:00.0-0Z", "2026-11-22T06:00:00.000 ", "２０２６-11-22T06:00:00.000Z"})
    void parse_shouldRefuseWhatInstantParseRefuses_quotingTheValue(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);

        assertThatThrownBy(() -> SortableInstant.parse(text))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("not an ISO-8601 instant")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void parse_shouldThrow_whenTheTextIsNull() {
        assertThatThrownBy(() -> SortableInstant.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
