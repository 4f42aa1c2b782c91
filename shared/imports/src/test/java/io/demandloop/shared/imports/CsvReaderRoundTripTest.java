package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random tables written as RFC 4180 text must read back value for value, with the right start lines. */
class CsvReaderRoundTripTest {

    private static final String ALPHABET = "ab ,\"\r\n\u00e9\uD83D\uDE00?-";

    @Test
    void next_shouldReadBackWhatAnRfc4180WriterWrote_forRandomTables() throws IOException {
        Random random = new Random(4); // fixed seed: a failure must be reproducible
        for (int table = 0; table < 200; table++) {
            // GIVEN
            int columns = 1 + random.nextInt(6);
            List<String[]> expected = new ArrayList<>();
            List<Long> expectedLines = new ArrayList<>();
            String newline = random.nextBoolean() ? "\r\n" : "\n";
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append('\uFEFF');
            }
            String[] header = new String[columns];
            for (int c = 0; c < columns; c++) {
                header[c] = "c" + c;
            }
            long line = 1;
            line += write(text, header, newline);
            int rows = random.nextInt(30);
            for (int r = 0; r < rows; r++) {
                String[] values = new String[columns];
                for (int c = 0; c < columns; c++) {
                    values[c] = randomValue(random);
                }
                if (columns == 1 && values[0].isEmpty()) {
                    values[0] = "x"; // a lone empty field is a blank line, which the reader skips on purpose
                }
                expected.add(values);
                expectedLines.add(line);
                line += write(text, values, newline);
            }
            if (random.nextBoolean() && text.length() > newline.length()) {
                text.setLength(text.length() - newline.length()); // no line end after the last row
            }
            List<RowProblem> problems = new ArrayList<>();

            // WHEN
            List<CsvRow> read = new ArrayList<>();
            try (CsvReader reader = CsvReader.open(new StringReader(text.toString()), List.of("c0"), problems::add)) {
                for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                    read.add(row);
                }
            }

            // THEN
            assertThat(problems).as("table %d", table).isEmpty();
            assertThat(read).as("table %d", table).hasSize(expected.size());
            for (int r = 0; r < read.size(); r++) {
                assertThat(read.get(r).line()).as("table %d row %d", table, r).isEqualTo(expectedLines.get(r));
                for (int c = 0; c < columns; c++) {
                    assertThat(read.get(r).get("c" + c)).as("table %d row %d col %d", table, r, c)
                            .isEqualTo(expected.get(r)[c]);
                }
            }
        }
    }

    private static String randomValue(Random random) {
        int length = random.nextInt(12);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            if (Character.isHighSurrogate(c)) {
                value.append("\uD83D\uDE00");
            } else if (!Character.isLowSurrogate(c)) {
                value.append(c);
            }
        }
        return value.toString();
    }

    /** Writes one record the RFC 4180 way and returns how many lines it spans (line breaks inside plus its end). */
    private static long write(StringBuilder out, String[] values, String newline) {
        long lines = 1;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values[i];
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            if (quote) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
            lines += v.replace("\r\n", "\n").chars().filter(ch -> ch == '\n' || ch == '\r').count();
        }
        out.append(newline);
        return lines;
    }
}
