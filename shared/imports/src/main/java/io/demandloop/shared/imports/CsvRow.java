package io.demandloop.shared.imports;

import java.util.List;
import java.util.Map;

/**
 * One well-formed data row of a {@link CsvReader}: as many values as the header has columns, never null (an empty
 * field is {@code ""}), and the 1-based line of the file where the row starts.
 */
public final class CsvRow {

    private final Map<String, Integer> index;
    private final List<String> columns;
    private final String[] values;
    private final long line;

    CsvRow(Map<String, Integer> index, List<String> columns, String[] values, long line) {
        this.index = index;
        this.columns = columns;
        this.values = values;
        this.line = line;
    }

    /** The value of a header column; an unknown column is a programming error, not a data problem. */
    public String get(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + column + "' in the header " + columns);
        }
        return values[i];
    }

    /** The value at a 0-based position, for callers that resolved the columns once (see {@link CsvReader#indexOf}). */
    public String get(int position) {
        return values[position];
    }

    /** Whether the header has this column. */
    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** The 1-based line of the file where this row starts (a quoted newline makes a row span several lines). */
    public long line() {
        return line;
    }

    /** The values in header order, as read (an unmodifiable view). */
    public List<String> values() {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(values));
    }

    /** The header's column names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** The number of values, equal to the number of header columns. */
    public int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return "CsvRow[line " + line + ", " + List.of(values) + "]";
    }
}
