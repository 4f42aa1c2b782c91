package io.demandloop.functions.portfolioreport.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void of_shouldDrawOnePointPerWeekInsideTheViewBox_when26Weeks() {
        // GIVEN
        List<Double> values = new ArrayList<>();
        for (int w = 0; w < 26; w++) {
            values.add((double) (w * 7 % 9));
        }

        // WHEN
        Svg svg = Sparkline.of("payments: incidents per week", "26 weeks", values);

        // THEN
        Element root = SvgAssertions.parse(svg).child(0);
        assertThat(root.select("polyline").attr("points").split(" ")).hasSize(26);
        assertThat(root.select("circle")).hasSize(1);
        assertThat(root.child(0).text()).isEqualTo("payments: incidents per week");
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void of_shouldPutTheHighestValueAtTheTopAndZeroAtTheBottom_whenDrawn() {
        // GIVEN / WHEN
        Element root = SvgAssertions.parse(Sparkline.of("t", null, List.of(0.0, 10.0))).child(0);

        // THEN
        String[] points = root.select("polyline").attr("points").split(" ");
        assertThat(points[0]).endsWith("," + (Sparkline.HEIGHT - Sparkline.PAD));
        assertThat(points[1]).endsWith("," + Sparkline.PAD);
    }

    @Test
    void of_shouldDrawADashedBaseline_whenNoValues() {
        // GIVEN / WHEN
        Svg svg = Sparkline.of("nothing", null, List.of());

        // THEN
        Element root = SvgAssertions.parse(svg).child(0);
        assertThat(root.select("polyline")).isEmpty();
        assertThat(root.select("line").attr("stroke-dasharray")).isNotEmpty();
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void of_shouldStayInsideTheViewBox_whenAllZeroOrOneValue() {
        SvgAssertions.assertInsideViewBox(Sparkline.of("zeros", null, List.of(0.0, 0.0, 0.0)));
        SvgAssertions.assertInsideViewBox(Sparkline.of("one", null, List.of(4.0)));
    }

    @Test
    void of_shouldEscapeTheTitle_whenItCarriesMarkup() {
        Svg svg = Sparkline.of("</title><script>window.__xss=1</script>", "\"><img src=x onerror=alert(1)>", List.of(1.0));
        assertThat(svg.markup()).doesNotContain("<script", "<img").contains("&lt;/title&gt;&lt;script&gt;");
    }

    @Test
    void of_shouldRefuseWithItsPosition_whenAValueIsNotFiniteOrMissing() {
        assertThatThrownBy(() -> Sparkline.of("t", null, List.of(1.0, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 1 of the sparkline must be a finite number, was NaN");
        assertThatThrownBy(() -> Sparkline.of("t", null, Arrays.asList(1.0, null)))
                .hasMessage("value 1 of the sparkline is missing");
    }
}
