package io.demandloop.functions.portfolioreport.chart;

import static io.demandloop.functions.portfolioreport.chart.SvgText.coordinate;
import static io.demandloop.functions.portfolioreport.chart.SvgText.escape;
import static io.demandloop.functions.portfolioreport.chart.SvgText.finiteNonNegative;
import static io.demandloop.functions.portfolioreport.chart.SvgText.number;
import static io.demandloop.functions.portfolioreport.chart.SvgText.shortDate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An initiative's metric per week: the weekly values as a line, a vertical line at the delivery, the before and after
 * rates as horizontal segments over their windows, and the after window's interval as a shaded band.
 *
 * <p>Built with {@link #builder(String)}; {@link Builder#build()} returns the SVG. Every number must be finite and not
 * negative; an empty series draws a frame that says there is nothing to chart.
 */
public final class WeeklyLineChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 36;

    private static final String LINE = "#2f6fde";
    private static final String BEFORE = "#7b8794";
    private static final String AFTER = "#1f7a4d";
    private static final String BAND = "#c6e9d6";
    private static final String DELIVERY = "#c62828";
    private static final String AXIS = "#9aa5b1";
    private static final String TEXT = "#334e68";

    /** One week's value; {@code start} is the first day of the week. */
    public record Week(LocalDate start, double value) {
        public Week {
            Objects.requireNonNull(start, "start");
            finiteNonNegative(value, "the value of the week of " + start);
        }
    }

    /** A rate drawn as a horizontal segment over {@code [from, to]}. */
    public record Rate(LocalDate from, LocalDate to, double value) {
        public Rate {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            finiteNonNegative(value, "a rate");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("a rate's window ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }

    /** An interval {@code [low, high]} over {@code [from, to]}, drawn as a shaded band. */
    public record Band(LocalDate from, LocalDate to, double low, double high) {
        public Band {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            finiteNonNegative(low, "the interval's low end");
            finiteNonNegative(high, "the interval's high end");
            if (high < low) {
                throw new IllegalArgumentException("the interval's high end (" + high + ") is below its low end (" + low + ")");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("the interval's window ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }

    private WeeklyLineChart() {
    }

    /** A chart titled {@code title} (its accessible name). */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The chart's parts; only the title is required. */
    public static final class Builder {
        private final String title;
        private String description;
        private String unit = "per week";
        private List<Week> weeks = List.of();
        private LocalDate delivery;
        private Rate before;
        private Rate after;
        private Band band;

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** The sentence stating the values, for readers who cannot see the chart. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The unit of the vertical axis, e.g. {@code incidents per week}. */
        public Builder unit(String unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        public Builder weeks(List<Week> weeks) {
            this.weeks = List.copyOf(weeks);
            return this;
        }

        public Builder delivery(LocalDate delivery) {
            this.delivery = delivery;
            return this;
        }

        public Builder before(Rate before) {
            this.before = before;
            return this;
        }

        public Builder after(Rate after) {
            this.after = after;
            return this;
        }

        public Builder band(Band band) {
            this.band = band;
            return this;
        }

        public Svg build() {
            return draw(this);
        }
    }

    private static Svg draw(Builder chart) {
        StringBuilder svg = new StringBuilder(2048);
        SvgText.open(svg, "chart weekly", WIDTH, HEIGHT, chart.title, chart.description);
        if (chart.weeks.isEmpty()) {
            svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                    .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
                    .append("\" fill=\"none\" stroke=\"").append(AXIS).append("\"/>")
                    .append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" fill=\"").append(TEXT).append("\">No weekly data to chart.</text></svg>");
            return new Svg(svg.toString());
        }

        // Horizontal scale: epoch days from the earliest to the latest date any part names.
        List<LocalDate> dates = new ArrayList<>();
        chart.weeks.forEach(w -> dates.add(w.start()));
        if (chart.delivery != null) {
            dates.add(chart.delivery);
        }
        for (Rate rate : new Rate[] {chart.before, chart.after}) {
            if (rate != null) {
                dates.add(rate.from());
                dates.add(rate.to());
            }
        }
        if (chart.band != null) {
            dates.add(chart.band.from());
            dates.add(chart.band.to());
        }
        long first = dates.stream().mapToLong(LocalDate::toEpochDay).min().orElseThrow();
        long last = dates.stream().mapToLong(LocalDate::toEpochDay).max().orElseThrow();
        long span = Math.max(1, last - first);

        double max = chart.weeks.stream().mapToDouble(Week::value).max().orElse(0);
        if (chart.before != null) {
            max = Math.max(max, chart.before.value());
        }
        if (chart.after != null) {
            max = Math.max(max, chart.after.value());
        }
        if (chart.band != null) {
            max = Math.max(max, chart.band.high());
        }
        double top = SvgText.niceCeiling(max);
        Scale scale = new Scale(first, span, top);

        // Axes, with the vertical axis's 0, middle and top.
        int bottomY = HEIGHT - BOTTOM;
        svg.append("<g fill=\"").append(TEXT).append("\" font-size=\"11\">");
        for (double tick : new double[] {0, top / 2, top}) {
            String y = coordinate(scale.y(tick));
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#e4e7eb\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(coordinate(scale.y(tick) + 4))
                    .append("\" text-anchor=\"end\">").append(escape(number(tick))).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6).append("\">")
                .append(escape(shortDate(chart.weeks.get(0).start()))).append("</text>")
                .append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"end\">").append(escape(shortDate(chart.weeks.get(chart.weeks.size() - 1).start())))
                .append("</text>")
                .append("<text x=\"").append(LEFT).append("\" y=\"").append(TOP - 4).append("\">").append(escape(chart.unit))
                .append("</text></g>");
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(bottomY).append("\" stroke=\"").append(AXIS).append("\"/>");

        if (chart.band != null) {
            double x1 = scale.x(chart.band.from());
            double x2 = scale.x(chart.band.to());
            double y1 = scale.y(chart.band.high());
            double y2 = scale.y(chart.band.low());
            svg.append("<rect class=\"band\" x=\"").append(coordinate(x1)).append("\" y=\"").append(coordinate(y1))
                    .append("\" width=\"").append(coordinate(x2 - x1)).append("\" height=\"").append(coordinate(y2 - y1))
                    .append("\" fill=\"").append(BAND).append("\" fill-opacity=\"0.7\"/>");
        }

        svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(LINE)
                .append("\" stroke-width=\"2\" points=\"");
        for (int i = 0; i < chart.weeks.size(); i++) {
            Week week = chart.weeks.get(i);
            if (i > 0) {
                svg.append(' ');
            }
            svg.append(coordinate(scale.x(week.start()))).append(',').append(coordinate(scale.y(week.value())));
        }
        svg.append("\"/>");

        // The rates on top of the weekly line, which would otherwise hide a rate equal to its weeks.
        appendRate(svg, scale, chart.before, "rate-before", BEFORE, "before");
        appendRate(svg, scale, chart.after, "rate-after", AFTER, "after");
        if (chart.delivery != null) {
            String x = coordinate(scale.x(chart.delivery));
            svg.append("<line class=\"delivery\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(bottomY).append("\" stroke=\"").append(DELIVERY)
                    .append("\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(HEIGHT - 18)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"").append(DELIVERY).append("\">delivered ")
                    .append(escape(shortDate(chart.delivery))).append("</text>");
        }
        svg.append("</svg>");
        return new Svg(svg.toString());
    }

    private static void appendRate(StringBuilder svg, Scale scale, Rate rate, String cssClass, String colour, String name) {
        if (rate == null) {
            return;
        }
        String y = coordinate(scale.y(rate.value()));
        svg.append("<text x=\"").append(coordinate(scale.x(rate.from()) + 2)).append("\" y=\"")
                .append(coordinate(scale.y(rate.value()) - 5)).append("\" font-size=\"10\" fill=\"").append(colour)
                .append("\">").append(name).append(' ').append(escape(number(rate.value()))).append("</text>");
        svg.append("<line class=\"").append(cssClass).append("\" x1=\"").append(coordinate(scale.x(rate.from())))
                .append("\" x2=\"").append(coordinate(scale.x(rate.to()))).append("\" y1=\"").append(y).append("\" y2=\"")
                .append(y).append("\" stroke=\"").append(colour).append("\" stroke-width=\"3\" stroke-opacity=\"0.85\"/>");
    }

    /** Dates and values to coordinates inside the plot area. */
    private record Scale(long firstDay, long spanDays, double top) {
        double x(LocalDate date) {
            return LEFT + (double) (date.toEpochDay() - firstDay) / spanDays * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - value / top * (HEIGHT - TOP - BOTTOM);
        }
    }
}
