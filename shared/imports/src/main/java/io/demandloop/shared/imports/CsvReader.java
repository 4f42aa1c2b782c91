package io.demandloop.shared.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A streaming RFC 4180 reader with a header row: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF, LF or CR line ends, and a leading byte-order mark.
 *
 * <p>Memory is bounded whatever the input: the reader holds one buffer and one row, and a field longer than
 * {@code maxFieldChars} or a row with more than {@code maxFields} fields is skipped (its characters are scanned,
 * not kept) and reported. Malformed rows (a quote left open at the end of the input, a character after a closing
 * quote, the wrong number of fields, an over-long field) go to the problem consumer with the line where the row
 * starts, and reading goes on; only a header that cannot be used throws {@link CsvFormatException}.
 *
 * <p>Leniencies, on purpose because exports do this: a blank line is skipped; a quote inside an unquoted field is
 * kept as a character; header names are trimmed.
 */
public final class CsvReader implements Closeable {

    /** 1 MiB: far above any real ticket field, small enough that a runaway quote cannot exhaust the heap. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 20;
    /** More fields than this in one row means the input is not the CSV we think it is. */
    public static final int DEFAULT_MAX_FIELDS = 4096;

    private static final int EOF = -1;

    private final Reader in;
    private final Consumer<RowProblem> problems;
    private final int maxFieldChars;
    private final int maxFields;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;

    private final StringBuilder field = new StringBuilder(64);
    private final ArrayList<String> fields = new ArrayList<>();
    private String problem;
    private long rowLine;

    private final List<String> columns;
    private final Map<String, Integer> index;

    private CsvReader(Reader in, Collection<String> required, Consumer<RowProblem> problems, int maxFieldChars,
            int maxFields, boolean allowDuplicateColumns) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        this.problems = Objects.requireNonNull(problems, "problems");
        if (maxFieldChars < 1 || maxFields < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFieldChars = maxFieldChars;
        this.maxFields = maxFields;
        skipByteOrderMark();
        boolean blank;
        do {
            if (!readRecord()) {
                throw new CsvFormatException("no header row: the input is empty");
            }
            blank = fields.size() == 1 && fields.get(0).isEmpty();
        } while (blank);
        if (problem != null) {
            throw new CsvFormatException("unreadable header row at line " + rowLine + ": " + problem);
        }
        List<String> names = new ArrayList<>(fields.size());
        Map<String, Integer> positions = new HashMap<>();
        for (String raw : fields) {
            String name = raw.strip();
            if (positions.putIfAbsent(name, names.size()) != null && !allowDuplicateColumns) {
                throw new CsvFormatException("duplicate column '" + name + "' in the header at line " + rowLine);
            }
            names.add(name);
        }
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!positions.containsKey(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvFormatException("the header lacks required column(s) " + missing + "; it has " + names);
        }
        this.columns = Collections.unmodifiableList(names);
        this.index = Collections.unmodifiableMap(positions);
    }

    /**
     * Reads the header row, with the default limits.
     *
     * @param required columns the header must have, else {@link CsvFormatException} naming the missing ones
     * @param problems receives each malformed row instead of an exception
     */
    public static CsvReader open(Reader in, Collection<String> required, Consumer<RowProblem> problems)
            throws IOException {
        return open(in, required, problems, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_FIELDS);
    }

    /** Reads the header row, with explicit limits on a field's length and a row's number of fields. */
    public static CsvReader open(Reader in, Collection<String> required, Consumer<RowProblem> problems,
            int maxFieldChars, int maxFields) throws IOException {
        return new CsvReader(in, required, problems, maxFieldChars, maxFields, false);
    }

    /**
     * Reads the header row, with explicit limits, and optionally accepting a column name more than once (Jira's
     * export repeats {@code Component/s} and {@code Labels} once per value): {@link #indexOf} then gives the first
     * such column and {@link #positionsOf} all of them.
     */
    public static CsvReader open(Reader in, Collection<String> required, Consumer<RowProblem> problems,
            int maxFieldChars, int maxFields, boolean allowDuplicateColumns) throws IOException {
        return new CsvReader(in, required, problems, maxFieldChars, maxFields, allowDuplicateColumns);
    }

    /** The header's column names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** The 0-based position of a column, or -1 if the header does not have it; for fast {@link CsvRow#get(int)}. */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    /** The 0-based positions of every column with this name, in file order; empty if the header has none. */
    public List<Integer> positionsOf(String column) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equals(column)) {
                positions.add(i);
            }
        }
        return positions;
    }

    /**
     * The next well-formed row, or {@code null} at the end of the input. Malformed rows met on the way are handed
     * to the problem consumer and skipped.
     */
    public CsvRow next() throws IOException {
        while (readRecord()) {
            if (problem != null) {
                problems.accept(new RowProblem(rowLine, problem, fields));
            } else if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue; // a blank line: exports end with them, and they carry nothing
            } else if (fields.size() != columns.size()) {
                problems.accept(new RowProblem(rowLine,
                        "expected " + columns.size() + " fields, found " + fields.size(), fields));
            } else {
                return new CsvRow(index, columns, fields.toArray(new String[0]), rowLine);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void skipByteOrderMark() throws IOException {
        if (fill() && buf[pos] == '\uFEFF') {
            pos++;
        }
    }

    /** Makes at least one character available; false at the end of the input. */
    private boolean fill() throws IOException {
        while (pos >= limit) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            pos = 0;
            limit = n;
        }
        return true;
    }

    private int read() throws IOException {
        return pos < limit || fill() ? buf[pos++] : EOF;
    }

    /** Consumes the LF of a CRLF, so that the pair counts as one line end. */
    private void afterCarriageReturn() throws IOException {
        if ((pos < limit || fill()) && buf[pos] == '\n') {
            pos++;
        }
    }

    /**
     * Reads one record into {@link #fields}, setting {@link #problem} if it is malformed and {@link #rowLine} to
     * where it starts. False only at the end of the input with nothing read.
     */
    private boolean readRecord() throws IOException {
        fields.clear();
        field.setLength(0);
        problem = null;
        rowLine = line;
        if (!fill()) {
            return false;
        }
        boolean overlong = false;
        while (true) {
            int c = read();
            if (c == '"' && field.length() == 0) {
                overlong |= readQuoted();
                c = read();
                // RFC 4180 allows only a separator or a line end after the closing quote; keep the rest, but say so.
                if (c != ',' && c != '\n' && c != '\r' && c != EOF && problem == null) {
                    problem = "unexpected character after the closing quote of field " + (fields.size() + 1);
                }
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    overlong |= append((char) c);
                    c = read();
                }
            } else {
                // Fast path: copy a run of plain characters from the buffer at once.
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    int start = pos - 1;
                    int end = pos;
                    while (end < limit) {
                        char d = buf[end];
                        if (d == ',' || d == '\n' || d == '\r') {
                            break;
                        }
                        end++;
                    }
                    overlong |= append(buf, start, end - start);
                    pos = end;
                    c = read();
                }
            }
            endField(overlong);
            overlong = false;
            if (c == ',') {
                continue;
            }
            if (c == '\r') {
                afterCarriageReturn();
            }
            if (c != EOF) {
                line++;
            }
            return true;
        }
    }

    /** Reads a quoted field's content after its opening quote, up to and including its closing quote. */
    private boolean readQuoted() throws IOException {
        long start = line;
        boolean overlong = false;
        while (true) {
            int c = read();
            if (c == EOF) {
                if (problem == null) {
                    problem = "unterminated quoted field starting at line " + start;
                }
                return overlong;
            }
            if (c == '"') {
                if ((pos < limit || fill()) && buf[pos] == '"') {
                    pos++;
                    overlong |= append('"');
                    continue;
                }
                return overlong;
            }
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                line++;
                overlong |= append('\r');
                if ((pos < limit || fill()) && buf[pos] == '\n') {
                    pos++;
                    overlong |= append('\n');
                }
                continue;
            }
            overlong |= append((char) c);
        }
    }

    /** True if the field is now over the limit; from then on its characters are dropped, not kept. */
    private boolean append(char c) {
        if (field.length() >= maxFieldChars) {
            return true;
        }
        field.append(c);
        return false;
    }

    private boolean append(char[] chars, int offset, int length) {
        int room = maxFieldChars - field.length();
        if (length > room) {
            field.append(chars, offset, room);
            return true;
        }
        field.append(chars, offset, length);
        return false;
    }

    private void endField(boolean overlong) {
        if (overlong) {
            // Keep an earlier reason (such as a quote left open, the usual cause of a huge field) and add this one.
            String tooLong = "field " + (fields.size() + 1) + " is longer than " + maxFieldChars
                    + " characters (row starting at line " + rowLine + ")";
            problem = problem == null ? tooLong : problem + "; " + tooLong;
        }
        if (fields.size() >= maxFields) {
            if (problem == null) {
                problem = "more than " + maxFields + " fields (row starting at line " + rowLine + ")";
            }
        } else {
            fields.add(overlong ? "" : field.toString());
        }
        field.setLength(0);
    }
}
