package io.demandloop.functions.portfolioreport.chart;

import static io.demandloop.functions.portfolioreport.chart.SvgText.coordinate;
import static io.demandloop.functions.portfolioreport.chart.SvgText.escape;
import static io.demandloop.functions.portfolioreport.chart.SvgText.finiteNonNegative;
import static io.demandloop.functions.portfolioreport.chart.SvgText.truncate;

import java.util.List;
import java.util.Objects;

/**
 * Horizontal bars on one scale with vertical reference lines, e.g. each team's support load as a share of its capacity
 * with lines at the flag and at 100 %. Flagged rows are drawn in the warning colour.
 */
public final class BarChart {

    static final int WIDTH = 640;
    static final int LABEL_WIDTH = 180;
    static final int VALUE_WIDTH = 64;
    static final int TOP = 22;
    static final int ROW = 26;
    static final int BAR = 14;
    static final int BOTTOM = 8;
    static final int LABEL_CHARS = 26;

    private static final String NORMAL = "#2f6fde";
    private static final String FLAGGED = "#c62828";

    /** One bar: its label, its value, the value as shown beside it (e.g. {@code 72 %}), whether it is flagged. */
    public record Bar(String label, double value, String shown, boolean flagged) {
        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(shown, "shown");
            finiteNonNegative(value, "the value of bar " + label);
        }
    }

    /** A vertical line across the bars at {@code value}, labelled at the top. */
    public record Reference(double value, String label) {
        public Reference {
            Objects.requireNonNull(label, "label");
            finiteNonNegative(value, "the reference line " + label);
        }
    }

    private BarChart() {
    }

    /**
     * The chart; the scale runs from zero to the largest bar or reference line.
     *
     * @param title       its accessible name
     * @param description the values in words; null for none
     */
    public static Svg of(String title, String description, List<Bar> bars, List<Reference> references) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(references, "references");
        int height = TOP + Math.max(1, bars.size()) * ROW + BOTTOM;
        StringBuilder svg = new StringBuilder(256 + bars.size() * 256);
        SvgText.open(svg, "chart bars", WIDTH, height, title, description);
        if (bars.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(TOP + ROW / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#334e68\">Nothing to chart.</text></svg>");
            return new Svg(svg.toString());
        }
        double max = 0;
        for (Bar bar : bars) {
            max = Math.max(max, bar.value());
        }
        for (Reference reference : references) {
            max = Math.max(max, reference.value());
        }
        double scaleMax = max == 0 ? 1 : max;
        int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int y = TOP;
        svg.append("<g font-size=\"12\" fill=\"#334e68\">");
        for (Bar bar : bars) {
            double width = bar.value() / scaleMax * plotWidth;
            svg.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + BAR - 2)
                    .append("\" text-anchor=\"end\">").append(escape(truncate(bar.label(), LABEL_CHARS))).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                    .append(coordinate(width)).append("\" height=\"").append(BAR).append("\" fill=\"")
                    .append(bar.flagged() ? FLAGGED : NORMAL).append("\"/>")
                    .append("<text x=\"").append(coordinate(LABEL_WIDTH + width + 6)).append("\" y=\"").append(y + BAR - 2)
                    .append("\">").append(escape(bar.shown())).append("</text>");
            y += ROW;
        }
        svg.append("</g>");
        for (Reference reference : references) {
            String x = coordinate(LABEL_WIDTH + reference.value() / scaleMax * plotWidth);
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP - 6)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#52606d\" stroke-dasharray=\"3 3\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(TOP - 9)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#52606d\">").append(escape(reference.label()))
                    .append("</text>");
        }
        svg.append("</svg>");
        return new Svg(svg.toString());
    }
}
