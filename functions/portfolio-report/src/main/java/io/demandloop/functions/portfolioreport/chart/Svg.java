package io.demandloop.functions.portfolioreport.chart;

import java.util.Objects;

/**
 * An inline SVG chart: markup this package built from numbers and labels, every label escaped. Only the charts of this
 * package make one (the constructor is package-private), so a template may write it as markup without ever writing
 * text that came from a ticket unescaped.
 */
public final class Svg {

    private final String markup;

    Svg(String markup) {
        this.markup = Objects.requireNonNull(markup, "markup");
    }

    /** The {@code <svg>…</svg>} element. */
    public String markup() {
        return markup;
    }

    @Override
    public String toString() {
        return markup;
    }
}
