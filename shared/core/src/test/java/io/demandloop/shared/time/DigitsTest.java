package io.demandloop.shared.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void parse_shouldReadTheDigitsOfTheRange_only() {
        assertThat(Digits.parse("2016-05-15", 0, 4)).isEqualTo(2016);
        assertThat(Digits.parse("2016-05-15", 5, 7)).isEqualTo(5);
        assertThat(Digits.parse("x007", 1, 4)).isEqualTo(7);
    }

    @Test
    void parse_shouldGiveMinusOne_forAnEmptyRangeOrANonDigit() {
        assertThat(Digits.parse("2016", 2, 2)).isEqualTo(-1);
        assertThat(Digits.parse("2016", -1, 2)).isEqualTo(-1);
        assertThat(Digits.parse("20a6", 0, 4)).isEqualTo(-1);
        assertThat(Digits.parse("1:30", 0, 2)).isEqualTo(-1);
    }
}
