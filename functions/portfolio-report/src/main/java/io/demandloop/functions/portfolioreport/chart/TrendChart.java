package io.demandloop.functions.portfolioreport.chart;

import static io.demandloop.functions.portfolioreport.chart.SvgText.coordinate;
import static io.demandloop.functions.portfolioreport.chart.SvgText.escape;
import static io.demandloop.functions.portfolioreport.chart.SvgText.finiteNonNegative;
import static io.demandloop.functions.portfolioreport.chart.SvgText.number;
import static io.demandloop.functions.portfolioreport.chart.SvgText.truncate;

import java.util.List;
import java.util.Objects;

/**
 * Several series over the same points, one line each with a legend, e.g. the demand count per tier across reports. The
 * points are evenly spaced (one per report), labelled first and last.
 */
public final class TrendChart {

    static final int WIDTH = 640;
    static final int LEFT = 48;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int PLOT_HEIGHT = 160;
    static final int AXIS_HEIGHT = 24;
    static final int LEGEND_ROW = 18;

    /** Colours told apart by most colour-blind readers (Okabe and Ito), each line also dashed differently. */
    private static final String[] COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000"};
    private static final String[] DASHES = {"", "6 3", "2 2", "8 3 2 3", "", "6 3", "2 2"};

    /** One line: its name and one value per point. */
    public record Series(String name, List<Double> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    private TrendChart() {
    }

    /**
     * The chart.
     *
     * @param title       its accessible name
     * @param description the values in words; null for none
     * @param labels      one label per point, e.g. the reports' dates
     * @param series      each with exactly one finite, non-negative value per label
     */
    public static Svg of(String title, String description, List<String> labels, List<Series> series) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(series, "series");
        double max = 0;
        for (Series line : series) {
            if (line.values().size() != labels.size()) {
                throw new IllegalArgumentException("series " + line.name() + " has " + line.values().size()
                        + " values for " + labels.size() + " points");
            }
            for (int i = 0; i < line.values().size(); i++) {
                Double value = line.values().get(i);
                if (value == null) {
                    throw new IllegalArgumentException("value " + i + " of series " + line.name() + " is missing");
                }
                max = Math.max(max, finiteNonNegative(value, "value " + i + " of series " + line.name()));
            }
        }
        int height = TOP + PLOT_HEIGHT + AXIS_HEIGHT + LEGEND_ROW * Math.max(1, series.size());
        StringBuilder svg = new StringBuilder(1024);
        SvgText.open(svg, "chart trend", WIDTH, height, title, description);
        int bottomY = TOP + PLOT_HEIGHT;
        if (labels.isEmpty() || series.isEmpty()) {
            svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                    .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(PLOT_HEIGHT)
                    .append("\" fill=\"none\" stroke=\"#9aa5b1\"/><text x=\"").append(WIDTH / 2).append("\" y=\"")
                    .append(TOP + PLOT_HEIGHT / 2).append("\" text-anchor=\"middle\" fill=\"#334e68\">No reports to chart yet.</text></svg>");
            return new Svg(svg.toString());
        }
        double top = SvgText.niceCeiling(max);
        int steps = Math.max(1, labels.size() - 1);
        svg.append("<g fill=\"#334e68\" font-size=\"11\">");
        for (double tick : new double[] {0, top / 2, top}) {
            double y = bottomY - tick / top * PLOT_HEIGHT;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(coordinate(y)).append("\" y2=\"").append(coordinate(y)).append("\" stroke=\"#e4e7eb\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(coordinate(y + 4))
                    .append("\" text-anchor=\"end\">").append(escape(number(tick))).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(bottomY + 16).append("\">")
                .append(escape(truncate(labels.get(0), 24))).append("</text>");
        if (labels.size() > 1) {
            svg.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(bottomY + 16)
                    .append("\" text-anchor=\"end\">").append(escape(truncate(labels.get(labels.size() - 1), 24)))
                    .append("</text>");
        }
        svg.append("</g>");
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            String dash = DASHES[s % DASHES.length];
            svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"");
            if (!dash.isEmpty()) {
                svg.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            svg.append(" points=\"");
            for (int i = 0; i < line.values().size(); i++) {
                double x = labels.size() == 1 ? LEFT + (WIDTH - LEFT - RIGHT) / 2.0
                        : LEFT + (double) i / steps * (WIDTH - LEFT - RIGHT);
                double y = bottomY - line.values().get(i) / top * PLOT_HEIGHT;
                if (i > 0) {
                    svg.append(' ');
                }
                svg.append(coordinate(x)).append(',').append(coordinate(y));
            }
            svg.append("\"/>");
            int legendY = bottomY + AXIS_HEIGHT + s * LEGEND_ROW;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + 24).append("\" y1=\"")
                    .append(legendY + 9).append("\" y2=\"").append(legendY + 9).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"");
            if (!dash.isEmpty()) {
                svg.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            svg.append("/><text x=\"").append(LEFT + 30).append("\" y=\"").append(legendY + 13)
                    .append("\" font-size=\"12\" fill=\"#334e68\">").append(escape(truncate(line.name(), 60))).append("</text>");
        }
        svg.append("</svg>");
        return new Svg(svg.toString());
    }
}
