package io.demandloop.functions.portfolioreport.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class TrendChartTest {

    private static final List<String> DATES = List.of("5 Dec 2026", "6 Dec 2026", "7 Dec 2026");

    @Test
    void of_shouldDrawOneLineAndLegendEntryPerSeries_whenTwoTiers() {
        // GIVEN / WHEN
        Svg svg = TrendChart.of("Demand per tier", "values", DATES, List.of(
                new TrendChart.Series("portfolio review", List.of(1.0, 2.0, 3.0)),
                new TrendChart.Series("initiative", List.of(0.0, 4.0, 2.0))));

        // THEN
        Element root = SvgAssertions.parse(svg).child(0);
        assertThat(root.select("polyline.series")).hasSize(2);
        assertThat(root.select("polyline.series").first().attr("points").split(" ")).hasSize(3);
        assertThat(root.select("text").eachText()).contains("portfolio review", "initiative", "5 Dec 2026", "7 Dec 2026");
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void of_shouldSaySo_whenNoPoints() {
        Svg svg = TrendChart.of("Demand per tier", null, List.of(), List.of());
        assertThat(SvgAssertions.parse(svg).select("text").text()).isEqualTo("No reports to chart yet.");
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void of_shouldStayInsideTheViewBox_whenOnePoint() {
        SvgAssertions.assertInsideViewBox(TrendChart.of("t", null, List.of("7 Dec 2026"),
                List.of(new TrendChart.Series("a", List.of(3.0)))));
    }

    @Test
    void of_shouldEscapeSeriesNamesAndLabels_whenTheyCarryMarkup() {
        Svg svg = TrendChart.of("t", null, List.of("<b>x</b>"),
                List.of(new TrendChart.Series("<script>window.__xss=1</script>", List.of(1.0))));
        assertThat(svg.markup()).doesNotContain("<script", "<b>").contains("&lt;script&gt;", "&lt;b&gt;");
    }

    @Test
    void of_shouldRefuse_whenASeriesHasTheWrongLengthOrANonFiniteValue() {
        assertThatThrownBy(() -> TrendChart.of("t", null, DATES, List.of(new TrendChart.Series("a", List.of(1.0)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("series a has 1 values for 3 points");
        assertThatThrownBy(() -> TrendChart.of("t", null, DATES,
                List.of(new TrendChart.Series("a", List.of(1.0, Double.POSITIVE_INFINITY, 2.0)))))
                .hasMessage("value 1 of series a must be a finite number, was Infinity");
    }
}
