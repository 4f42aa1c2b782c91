package io.demandloop.shared.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the R reference outputs under {@code src/test/resources/outcome/} (written by {@code reference.R}): a header
 * row, plain comma-separated cells, vectors inside a cell separated by ';', R's NA / NaN / Inf spelled as R prints them.
 */
final class ReferenceCsv {

    private ReferenceCsv() {
    }

    /** One row by column name. */
    record Row(Map<String, String> cells) {
        String text(String column) {
            String value = cells.get(column);
            if (value == null) {
                throw new IllegalArgumentException("no column " + column + " in " + cells.keySet());
            }
            return value;
        }

        /** R's NA as null; NaN, Inf and -Inf as the doubles. */
        Double number(String column) {
            return parse(text(column));
        }

        long integer(String column) {
            return Long.parseLong(text(column));
        }

        double[] numbers(String column) {
            String value = text(column);
            if (value.isEmpty()) {
                return new double[0];
            }
            return Arrays.stream(value.split(";")).mapToDouble(ReferenceCsv::parse).toArray();
        }

        boolean[] flags(String column) {
            double[] values = numbers(column);
            boolean[] flags = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                flags[i] = values[i] != 0;
            }
            return flags;
        }
    }

    static Double parse(String text) {
        return switch (text) {
            case "NA" -> null;
            case "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    static List<Row> read(String name) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream("/outcome/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing reference file /outcome/" + name + "; run reference.R");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            String[] header = lines[0].split(",", -1);
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], cells[c]);
                }
                rows.add(new Row(row));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
