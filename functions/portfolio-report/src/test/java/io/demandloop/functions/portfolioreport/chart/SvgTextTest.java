package io.demandloop.functions.portfolioreport.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgTextTest {

    @Test
    void escape_shouldReplaceMarkupQuotesAndControlCharacters_whenPresent() {
        assertThat(SvgText.escape("a<b>&\"c'\u0000d")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFDd");
        assertThat(SvgText.escape("plain")).isEqualTo("plain");
        assertThat(SvgText.escape(null)).isEmpty();
    }

    @Test
    void coordinate_shouldWriteOneDecimalWithoutLocale_whenFractional() {
        assertThat(SvgText.coordinate(12.34)).isEqualTo("12.3");
        assertThat(SvgText.coordinate(12.0)).isEqualTo("12");
        assertThat(SvgText.coordinate(-0.25)).isEqualTo("-0.2");
        assertThat(SvgText.coordinate(0.04)).isEqualTo("0");
    }

    @Test
    void niceCeiling_shouldRoundUpToOneTwoTwoAndAHalfOrFive_whenPositive() {
        assertThat(SvgText.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgText.niceCeiling(7)).isEqualTo(10);
        assertThat(SvgText.niceCeiling(1.5)).isEqualTo(2);
        assertThat(SvgText.niceCeiling(23)).isEqualTo(25);
        assertThat(SvgText.niceCeiling(120)).isEqualTo(200);
    }
}
