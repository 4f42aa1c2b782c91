package io.demandloop.functions.portfolioreport.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class WeeklyLineChartTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);
    private static final LocalDate DELIVERY = START.plusWeeks(26);

    private static List<WeeklyLineChart.Week> weeks(int count) {
        List<WeeklyLineChart.Week> weeks = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            weeks.add(new WeeklyLineChart.Week(START.plusWeeks(w), w < 26 ? 5 + w % 3 : 1 + w % 2));
        }
        return weeks;
    }

    private static Svg full() {
        return WeeklyLineChart.builder("VPN: incidents per week").description("Before 5.9, after 1.5.")
                .weeks(weeks(40)).delivery(DELIVERY)
                .before(new WeeklyLineChart.Rate(START, DELIVERY.minusDays(1), 5.9))
                .after(new WeeklyLineChart.Rate(DELIVERY.plusWeeks(2), START.plusWeeks(39), 1.5))
                .band(new WeeklyLineChart.Band(DELIVERY.plusWeeks(2), START.plusWeeks(39), 0.9, 3.2))
                .build();
    }

    @Test
    void build_shouldDrawLineDeliveryRatesAndBandInsideTheViewBox_whenEveryPartIsGiven() {
        // GIVEN / WHEN
        Svg svg = full();

        // THEN
        Document document = SvgAssertions.parse(svg);
        Element root = document.child(0);
        assertThat(root.attr("role")).isEqualTo("img");
        assertThat(root.child(0).tagName()).isEqualTo("title");
        assertThat(root.child(0).text()).isEqualTo("VPN: incidents per week");
        assertThat(root.select("desc").text()).isEqualTo("Before 5.9, after 1.5.");
        assertThat(root.select("polyline.series").attr("points").split(" ")).hasSize(40);
        assertThat(root.select("line.delivery")).hasSize(1);
        assertThat(root.select("line.rate-before")).hasSize(1);
        assertThat(root.select("line.rate-after")).hasSize(1);
        assertThat(root.select("rect.band")).hasSize(1);
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void build_shouldPutTheDeliveryLineBetweenTheBeforeAndAfterSegments_whenDrawn() {
        // GIVEN / WHEN
        Element root = SvgAssertions.parse(full()).child(0);

        // THEN
        double delivery = Double.parseDouble(root.select("line.delivery").attr("x1"));
        assertThat(Double.parseDouble(root.select("line.rate-before").attr("x2"))).isLessThan(delivery);
        assertThat(Double.parseDouble(root.select("line.rate-after").attr("x1"))).isGreaterThan(delivery);
        // the after rate (1.5) is drawn lower on the page (a larger y) than the before rate (5.9)
        assertThat(Double.parseDouble(root.select("line.rate-after").attr("y1")))
                .isGreaterThan(Double.parseDouble(root.select("line.rate-before").attr("y1")));
    }

    @Test
    void build_shouldDrawAFrameThatSaysSo_whenTheSeriesIsEmpty() {
        // GIVEN / WHEN
        Svg svg = WeeklyLineChart.builder("nothing yet").weeks(List.of()).delivery(DELIVERY).build();

        // THEN
        Element root = SvgAssertions.parse(svg).child(0);
        assertThat(root.select("polyline")).isEmpty();
        assertThat(root.select("text").text()).isEqualTo("No weekly data to chart.");
        SvgAssertions.assertInsideViewBox(svg);
    }

    @Test
    void build_shouldStayInsideTheViewBox_whenEveryValueIsZeroOrThereIsOneWeek() {
        SvgAssertions.assertInsideViewBox(WeeklyLineChart.builder("zeros")
                .weeks(List.of(new WeeklyLineChart.Week(START, 0), new WeeklyLineChart.Week(START.plusWeeks(1), 0))).build());
        SvgAssertions.assertInsideViewBox(WeeklyLineChart.builder("one")
                .weeks(List.of(new WeeklyLineChart.Week(START, 3))).build());
    }

    @Test
    void build_shouldEscapeTheTitleDescriptionAndUnit_whenTheyCarryMarkup() {
        // GIVEN
        String hostile = "<script>window.__xss=1</script>\"><img src=x onerror=alert(1)>";

        // WHEN
        Svg svg = WeeklyLineChart.builder(hostile).description(hostile).unit(hostile).weeks(weeks(3)).build();

        // THEN
        assertThat(svg.markup()).doesNotContain("<script", "<img");
        Element root = SvgAssertions.parse(svg).child(0);
        assertThat(root.select("title").text()).isEqualTo(hostile);
        assertThat(root.select("desc").text()).isEqualTo(hostile);
        assertThat(root.select("script, img")).isEmpty();
    }

    @Test
    void week_shouldRefuseWithTheValueNamed_whenNotFinite() {
        assertThatThrownBy(() -> new WeeklyLineChart.Week(START, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of the week of 2026-01-05 must be a finite number, was NaN");
        assertThatThrownBy(() -> new WeeklyLineChart.Week(START, Double.POSITIVE_INFINITY))
                .hasMessageContaining("must be a finite number, was Infinity");
        assertThatThrownBy(() -> new WeeklyLineChart.Rate(START, DELIVERY, Double.NEGATIVE_INFINITY))
                .hasMessage("a rate must be a finite number, was -Infinity");
        assertThatThrownBy(() -> new WeeklyLineChart.Band(START, DELIVERY, 1, Double.NaN))
                .hasMessage("the interval's high end must be a finite number, was NaN");
    }

    @Test
    void band_shouldRefuse_whenHighIsBelowLowOrTheWindowRunsBackwards() {
        assertThatThrownBy(() -> new WeeklyLineChart.Band(START, DELIVERY, 3, 1))
                .hasMessageContaining("is below its low end");
        assertThatThrownBy(() -> new WeeklyLineChart.Rate(DELIVERY, START, 1))
                .hasMessageContaining("before it starts");
        assertThatThrownBy(() -> new WeeklyLineChart.Week(START, -1)).hasMessageContaining("must not be negative");
    }
}
