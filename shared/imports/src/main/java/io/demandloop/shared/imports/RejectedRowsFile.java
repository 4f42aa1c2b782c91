package io.demandloop.shared.imports;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rejected rows of an import, as a CSV file the user can fix and import again: the input's header and the rows
 * as they were read, plus two columns at the end, {@value #LINE_COLUMN} and {@value #PROBLEM_COLUMN}, which every
 * format ignores on the next import. The file is created at the first rejected row, so a clean import leaves none.
 * Thread-safe.
 */
public final class RejectedRowsFile implements Closeable {

    /** The column with the line of the input where the row started. */
    public static final String LINE_COLUMN = "import_line";
    /** The column with why the row was rejected. */
    public static final String PROBLEM_COLUMN = "import_problem";

    private final Path path;
    private final List<String> columns;
    /** Positions of the input's own import_line and import_problem columns: set when a rejected file is re-imported. */
    private final java.util.Set<Integer> earlier = new java.util.HashSet<>();
    private Writer out;
    private long rows;

    public RejectedRowsFile(Path path, List<String> columns) {
        this.path = path;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            if (this.columns.get(i).equals(LINE_COLUMN) || this.columns.get(i).equals(PROBLEM_COLUMN)) {
                earlier.add(i);
            }
        }
    }

    /** Writes one row with its problem. */
    public synchronized void write(ImportRow row, String problem) {
        try {
            if (out == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
                // A re-imported rejected file has these columns already: replace them, not repeat them (a header
                // with a column twice could not be imported again).
                List<String> header = withoutEarlier(columns);
                header.add(LINE_COLUMN);
                header.add(PROBLEM_COLUMN);
                writeRecord(header);
            }
            List<String> values = withoutEarlier(row.values());
            // A malformed row may have fewer fields than the header: pad it, so that the line and the problem
            // stay under their own columns and the user fills in what is missing instead of shifting fields.
            while (values.size() < columns.size() - earlier.size()) {
                values.add("");
            }
            values.add(Long.toString(row.line()));
            values.add(problem);
            writeRecord(values);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejected rows to " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file, if any row was written to it. */
    public synchronized Path path() {
        return out == null ? null : path;
    }

    /** How many rows were written. */
    public synchronized long rows() {
        return rows;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private List<String> withoutEarlier(List<String> values) {
        List<String> kept = new ArrayList<>(values.size() + 2);
        for (int i = 0; i < values.size(); i++) {
            if (!earlier.contains(i)) {
                kept.add(values.get(i));
            }
        }
        return kept;
    }

    private void writeRecord(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            // Invalid bytes of the export (read as lone surrogates) are written visibly, as backslash-u escapes, not as '?'.
            out.write(quoted(io.demandloop.shared.source.UnicodeText.printable(values.get(i))));
        }
        out.write("\r\n");
    }

    /** RFC 4180: a field with a comma, quote or line break (or edge spaces, which readers trim) goes in quotes. */
    static String quoted(String value) {
        boolean quote = !value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)));
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
