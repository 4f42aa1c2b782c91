package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private final List<RowProblem> problems = new ArrayList<>();

    private CsvReader reader(String text, String... required) throws IOException {
        return CsvReader.open(new StringReader(text), List.of(required), problems::add);
    }

    private static List<CsvRow> all(CsvReader reader) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void next_shouldReadQuotedFields_withDoubledQuotesCommasAndNewlines() throws IOException {
        // GIVEN
        String text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,\"\"\n";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("a")).isEqualTo("x, y");
        assertThat(rows.get(0).get("b")).isEqualTo("say \"hi\"");
        assertThat(rows.get(0).get("c")).isEqualTo("two\nlines");
        assertThat(rows.get(1).get("a")).isEqualTo("plain");
        assertThat(rows.get(1).get("b")).isEmpty();
        assertThat(rows.get(1).get("c")).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void next_shouldGiveTheLineWhereEachRowStarts_whenAQuotedFieldSpansLines() throws IOException {
        // GIVEN
        String text = "a,b\r\n1,\"x\r\ny\r\nz\"\r\n2,w\r\n";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 5L);
        assertThat(rows.get(0).get("b")).isEqualTo("x\r\ny\r\nz");
        assertThat(rows.get(1).get("b")).isEqualTo("w");
    }

    @Test
    void next_shouldAcceptLfCrLfAndCr_andALastRowWithoutLineEnd() throws IOException {
        // GIVEN
        String text = "a,b\n1,2\r\n3,4\r5,6";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).extracting(r -> r.get("a")).containsExactly("1", "3", "5");
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L);
        assertThat(rows.get(2).get("b")).isEqualTo("6");
    }

    @Test
    void open_shouldSkipAByteOrderMark_soTheFirstColumnKeepsItsName() throws IOException {
        // GIVEN
        String text = "\uFEFFnumber,state\nINC1,New\n";

        // WHEN
        CsvReader reader = reader(text, "number");

        // THEN
        assertThat(reader.columns()).containsExactly("number", "state");
        assertThat(reader.next().get("number")).isEqualTo("INC1");
    }

    @Test
    void next_shouldSkipBlankLines() throws IOException {
        // GIVEN
        String text = "a,b\n\n1,2\n\n\n3,4\n\n";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).extracting(CsvRow::line).containsExactly(3L, 6L);
        assertThat(problems).isEmpty();
    }

    @Test
    void next_shouldReportAWrongFieldCount_andGoOn() throws IOException {
        // GIVEN
        String text = "a,b\n1\n2,3\n4,5,6\n7,8\n";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).extracting(r -> r.get("a")).containsExactly("2", "7");
        assertThat(problems).containsExactly(
                new RowProblem(2, "expected 2 fields, found 1", List.of("1")),
                new RowProblem(4, "expected 2 fields, found 3", List.of("4", "5", "6")));
    }

    @Test
    void next_shouldReportAQuoteLeftOpenAtTheEnd_asAProblemNotAnException() throws IOException {
        // GIVEN
        String text = "a,b\n1,2\n3,\"never closed\n4,5\n";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).extracting(r -> r.get("a")).containsExactly("1");
        assertThat(problems).containsExactly(new RowProblem(3, "unterminated quoted field starting at line 3",
                List.of("3", "never closed\n4,5\n")));
    }

    @Test
    void next_shouldReportTextAfterAClosingQuote() throws IOException {
        // GIVEN
        String text = "a,b\n\"x\"y,2\n3,4\n";

        // WHEN
        List<CsvRow> rows = all(reader(text));

        // THEN
        assertThat(rows).extracting(r -> r.get("a")).containsExactly("3");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("after the closing quote of field 1");
        });
    }

    @Test
    void next_shouldKeepAQuoteInsideAnUnquotedField() throws IOException {
        // GIVEN
        String text = "a,b\n5\" screen,2\n";

        // WHEN
        CsvRow row = reader(text).next();

        // THEN
        assertThat(row.get("a")).isEqualTo("5\" screen");
    }

    @Test
    void next_shouldRejectAFieldOverTheLimit_namingTheLine_andReadTheNextRow() throws IOException {
        // GIVEN a field of 100 characters against a limit of 10, quoted and unquoted
        String text = "a,b\n1,2\n3," + "x".repeat(100) + "\n4,\"" + "y".repeat(100) + "\"\n5,6\n";
        CsvReader reader = CsvReader.open(new StringReader(text), List.of(), problems::add, 10, 100);

        // WHEN
        List<CsvRow> rows = all(reader);

        // THEN
        assertThat(rows).extracting(r -> r.get("a")).containsExactly("1", "5");
        assertThat(problems).extracting(RowProblem::line).containsExactly(3L, 4L);
        assertThat(problems).extracting(RowProblem::reason)
                .allSatisfy(reason -> assertThat(reason).contains("field 2 is longer than 10 characters"));
    }

    @Test
    void next_shouldKeepMemoryBounded_whenAQuoteRunsAwayThroughAHugeInput() throws IOException {
        // GIVEN 64 MB of characters inside one open quote, generated on the fly, never held
        long size = 64L << 20;
        Reader endless = new Reader() {
            private long sent;
            private boolean header;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (!header) {
                    header = true;
                    String start = "a\n\"";
                    start.getChars(0, start.length(), cbuf, off);
                    return start.length();
                }
                if (sent >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - sent);
                java.util.Arrays.fill(cbuf, off, off + n, 'z');
                sent += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        CsvReader reader = CsvReader.open(endless, List.of("a"), problems::add);

        // WHEN
        CsvRow row = reader.next();

        // THEN
        assertThat(row).isNull();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("longer than " + CsvReader.DEFAULT_MAX_FIELD_CHARS);
        });
    }

    @Test
    void open_shouldFailAtOnce_namingEveryMissingRequiredColumn() {
        // GIVEN
        String text = "number,state\nINC1,New\n";

        // WHEN / THEN
        assertThatThrownBy(() -> reader(text, "number", "opened_at", "priority"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("[opened_at, priority]");
    }

    @Test
    void open_shouldFail_whenTheInputIsEmptyOrHasADuplicateColumn() {
        assertThatThrownBy(() -> reader("")).isInstanceOf(CsvFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> reader("a,b,a\n1,2,3\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("duplicate column 'a'");
    }

    @Test
    void get_shouldRefuseAColumnTheHeaderDoesNotHave() throws IOException {
        // GIVEN
        CsvRow row = reader("a\n1\n").next();

        // WHEN / THEN
        assertThat(row.has("b")).isFalse();
        assertThatThrownBy(() -> row.get("b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
    }

    @Test
    void next_shouldReadRowsAcrossBufferBoundaries() throws IOException {
        // GIVEN rows whose fields straddle the reader's 64 K buffer, fed one character per read
        StringBuilder text = new StringBuilder("id,text\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(",\"v ").append(i).append(" \"\"q\"\",\n").append("x".repeat(i % 50)).append("\"\n");
        }
        Reader trickle = new Reader() {
            private final StringReader in = new StringReader(text.toString());

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return in.read(cbuf, off, Math.min(len, 7));
            }

            @Override
            public void close() {
            }
        };

        // WHEN
        List<CsvRow> rows = all(CsvReader.open(trickle, List.of("id"), problems::add));

        // THEN
        assertThat(rows).hasSize(5_000);
        assertThat(rows.get(4_999).get("text")).isEqualTo("v 4999 \"q\",\n" + "x".repeat(4_999 % 50));
        assertThat(rows.get(4_999).line()).isEqualTo(2 + 2 * 4_999);
        assertThat(problems).isEmpty();
    }
}
