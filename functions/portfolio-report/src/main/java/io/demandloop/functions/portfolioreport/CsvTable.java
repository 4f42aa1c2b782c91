package io.demandloop.functions.portfolioreport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One CSV file of the report, RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, quote, CR
 * or LF, quotes doubled. The one place where cells are neutralised against formula injection.
 *
 * <p>Spreadsheets run a cell that starts with {@code = + - @}, tab or CR as a formula. A text cell (names, titles,
 * sentences: anything a ticket tool or a person typed) that starts so gets a leading {@code '} and is quoted, as OWASP's
 * CSV-injection advice says. Numbers are written by this class itself ({@link #number}), never from text, and are left
 * as they are: {@code -3} is a value, and a quote would turn it into text in the spreadsheet. Instants, dates and
 * booleans cannot start with those characters.
 */
final class CsvTable {

    private static final String LINE_END = "\r\n";

    private final StringBuilder csv = new StringBuilder(4096);

    CsvTable(List<String> header) {
        row(header.toArray());
    }

    /**
     * Appends one row. A {@link String} is a text cell (neutralised); a {@link Number} a numeric one (plain decimal
     * notation); an {@link Instant}, {@link LocalDate} or {@link Boolean} its ISO or {@code true/false} form; null an
     * empty cell.
     */
    CsvTable row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append(LINE_END);
        return this;
    }

    byte[] bytes() {
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Instant || value instanceof LocalDate || value instanceof Boolean) {
            return value.toString();
        }
        return text(value.toString());
    }

    /** A text field: formula guard first, then quoting, so that a guarded value is always quoted. */
    static String text(String value) {
        boolean formula = startsLikeFormula(value);
        String guarded = formula ? "'" + value : value;
        boolean quote = formula || guarded.indexOf(',') >= 0 || guarded.indexOf('"') >= 0
                || guarded.indexOf('\r') >= 0 || guarded.indexOf('\n') >= 0;
        return quote ? '"' + guarded.replace("\"", "\"\"") + '"' : guarded;
    }

    /** Plain decimal notation (never {@code 1.0E-4}), trailing zeros stripped. */
    static String number(Number value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("a report number must be finite, was " + d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static boolean startsLikeFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
