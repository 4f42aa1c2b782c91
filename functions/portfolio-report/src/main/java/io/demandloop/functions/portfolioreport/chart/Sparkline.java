package io.demandloop.functions.portfolioreport.chart;

import static io.demandloop.functions.portfolioreport.chart.SvgText.coordinate;
import static io.demandloop.functions.portfolioreport.chart.SvgText.finiteNonNegative;

import java.util.List;
import java.util.Objects;

/**
 * A word-sized trend line, e.g. a service's incidents per week over 26 weeks: no axes, the last value marked. The
 * vertical scale runs from zero to the largest value, so two sparklines of one table compare by shape, not by size.
 */
public final class Sparkline {

    static final int WIDTH = 120;
    static final int HEIGHT = 28;
    static final int PAD = 3;

    private static final String LINE = "#2f6fde";

    private Sparkline() {
    }

    /**
     * The sparkline of {@code values}, oldest first.
     *
     * @param title       its accessible name, e.g. {@code payments: incidents per week, last 26 weeks}
     * @param description the values in words; null for none
     * @param values      finite, not negative; empty draws a dashed baseline
     */
    public static Svg of(String title, String description, List<Double> values) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(values, "values");
        double max = 0;
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException("value " + i + " of the sparkline is missing");
            }
            max = Math.max(max, finiteNonNegative(value, "value " + i + " of the sparkline"));
        }
        StringBuilder svg = new StringBuilder(64 + values.size() * 12);
        SvgText.open(svg, "sparkline", WIDTH, HEIGHT, title, description);
        if (values.isEmpty()) {
            svg.append("<line x1=\"").append(PAD).append("\" x2=\"").append(WIDTH - PAD).append("\" y1=\"")
                    .append(HEIGHT - PAD).append("\" y2=\"").append(HEIGHT - PAD)
                    .append("\" stroke=\"#9aa5b1\" stroke-dasharray=\"2 2\"/></svg>");
            return new Svg(svg.toString());
        }
        double top = max == 0 ? 1 : max;
        int steps = Math.max(1, values.size() - 1);
        double lastX = 0;
        double lastY = 0;
        svg.append("<polyline fill=\"none\" stroke=\"").append(LINE).append("\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < values.size(); i++) {
            // A single value sits in the middle rather than on the left edge.
            lastX = values.size() == 1 ? WIDTH / 2.0 : PAD + (double) i / steps * (WIDTH - 2 * PAD);
            lastY = HEIGHT - PAD - values.get(i) / top * (HEIGHT - 2 * PAD);
            if (i > 0) {
                svg.append(' ');
            }
            svg.append(coordinate(lastX)).append(',').append(coordinate(lastY));
        }
        svg.append("\"/><circle cx=\"").append(coordinate(lastX)).append("\" cy=\"").append(coordinate(lastY))
                .append("\" r=\"2\" fill=\"").append(LINE).append("\"/></svg>");
        return new Svg(svg.toString());
    }
}
