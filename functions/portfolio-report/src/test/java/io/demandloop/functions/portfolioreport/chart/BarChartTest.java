package io.demandloop.functions.portfolioreport.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static final List<BarChart.Reference> LINES =
            List.of(new BarChart.Reference(50, "flag 50 %"), new BarChart.Reference(100, "capacity"));

    @Test
    void of_shouldDrawOneBarPerRowOnOneScaleWithReferenceLines_whenTwoTeams() {
        // GIVEN / WHEN
        Svg svg = BarChart.of("Load", "team-a 120 %, team-b 30 %", List.of(
                new BarChart.Bar("team-a", 120, "120 %", true), new BarChart.Bar("team-b", 30, "30 %", false)), LINES);

        // THEN
        Element root = SvgAssertions.parse(svg).child(0);
        List<Element> bars = root.select("rect");
        assertThat(bars).hasSize(2);
        double a = Double.parseDouble(bars.get(0).attr("width"));
        double b = Double.parseDouble(bars.get(1).attr("width"));
        assertThat(a / b).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(bars.get(0).attr("fill")).isNotEqualTo(bars.get(1).attr("fill"));
        assertThat(root.select("line")).hasSize(2);
        assertThat(root.select("text").eachText()).contains("team-a", "120 %", "flag 50 %", "capacity");
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void of_shouldSaySo_whenNoBars() {
        Svg svg = BarChart.of("Load", null, List.of(), LINES);
        assertThat(SvgAssertions.parse(svg).select("text").text()).isEqualTo("Nothing to chart.");
    }

    @Test
    void of_shouldStayInsideTheViewBox_whenEveryValueIsZero() {
        SvgAssertions.assertInsideViewBox(BarChart.of("Load", null, List.of(new BarChart.Bar("a", 0, "0 %", false)), List.of()));
    }

    @Test
    void of_shouldEscapeLabels_whenTheyCarryMarkup() {
        Svg svg = BarChart.of("t", null, List.of(new BarChart.Bar("\"><img src=x onerror=alert(1)>", 1, "<b>", false)),
                List.of(new BarChart.Reference(1, "<script>")));
        assertThat(svg.markup()).doesNotContain("<img", "<b>", "<script");
    }

    @Test
    void bar_shouldRefuse_whenTheValueIsNotFinite() {
        assertThatThrownBy(() -> new BarChart.Bar("team-a", Double.NaN, "?", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of bar team-a must be a finite number, was NaN");
    }
}
