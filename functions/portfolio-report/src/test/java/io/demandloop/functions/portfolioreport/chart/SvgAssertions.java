package io.demandloop.functions.portfolioreport.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** Reads a chart back with an XML parser and checks every coordinate lies inside its view box. */
final class SvgAssertions {

    private static final List<String> X = List.of("x", "x1", "x2", "cx");
    private static final List<String> Y = List.of("y", "y1", "y2", "cy");

    private SvgAssertions() {
    }

    static Document parse(Svg svg) {
        Document document = Jsoup.parse(svg.markup(), "", Parser.xmlParser());
        assertThat(document.children()).hasSize(1);
        assertThat(document.child(0).tagName()).isEqualTo("svg");
        return document;
    }

    /** Every x, y, width, height and polyline point within {@code [0, width] × [0, height]} of the view box. */
    static void assertInsideViewBox(Svg svg) {
        Document document = parse(svg);
        Element root = document.child(0);
        String[] box = root.attr("viewBox").split(" ");
        double width = Double.parseDouble(box[2]);
        double height = Double.parseDouble(box[3]);
        List<double[]> points = new ArrayList<>();
        for (Element element : root.getAllElements()) {
            for (String name : X) {
                if (element.hasAttr(name)) {
                    points.add(new double[] {Double.parseDouble(element.attr(name)), 0});
                }
            }
            for (String name : Y) {
                if (element.hasAttr(name)) {
                    points.add(new double[] {0, Double.parseDouble(element.attr(name))});
                }
            }
            if (element.tagName().equals("rect")) {
                double x = Double.parseDouble(element.attr("x"));
                double y = Double.parseDouble(element.attr("y"));
                points.add(new double[] {x + Double.parseDouble(element.attr("width")), y + Double.parseDouble(element.attr("height"))});
                assertThat(Double.parseDouble(element.attr("width"))).isGreaterThanOrEqualTo(0);
                assertThat(Double.parseDouble(element.attr("height"))).isGreaterThanOrEqualTo(0);
            }
            if (element.tagName().equals("polyline")) {
                for (String pair : element.attr("points").split(" ")) {
                    String[] xy = pair.split(",");
                    points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
                }
            }
        }
        assertThat(points).isNotEmpty();
        for (double[] point : points) {
            assertThat(point[0]).as("x in %s", svg.markup()).isBetween(0.0, width);
            assertThat(point[1]).as("y in %s", svg.markup()).isBetween(0.0, height);
        }
    }
}
