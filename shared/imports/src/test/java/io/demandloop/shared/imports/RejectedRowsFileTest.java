package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedRowsFileTest {

    @TempDir
    Path dir;

    private static List<List<String>> readBack(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(new StringReader(Files.readString(file, StandardCharsets.UTF_8)),
                List.of(), problems::add)) {
            rows.add(reader.columns());
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row.values());
            }
        }
        assertThat(problems).isEmpty();
        return rows;
    }

    @Test
    void write_shouldRoundTripEveryValueThroughTheReader_whenValuesNeedQuoting() throws IOException {
        // GIVEN values with commas, quotes, line breaks, edge spaces, and none at all
        Path file = dir.resolve("sub/rejected.csv");
        List<String> values = List.of("a,b", "say \"hi\"", "two\nlines", "cr\rlf\r\n", " lead", "trail ", "", "plain",
                "\"", "Opened by  8");

        // WHEN
        try (RejectedRowsFile rejected = new RejectedRowsFile(file, List.of("c1", "c2", "c3", "c4", "c5", "c6", "c7",
                "c8", "c9", "c10"))) {
            rejected.write(ImportRow.rejected(7, values, "problem, with \"quotes\""), "problem, with \"quotes\"");
            assertThat(rejected.rows()).isEqualTo(1);
            assertThat(rejected.path()).isEqualTo(file);
        }

        // THEN
        List<List<String>> rows = readBack(file);
        assertThat(rows.get(0)).containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10",
                RejectedRowsFile.LINE_COLUMN, RejectedRowsFile.PROBLEM_COLUMN);
        List<String> expected = new ArrayList<>(values);
        expected.add("7");
        expected.add("problem, with \"quotes\"");
        assertThat(rows.get(1)).isEqualTo(expected);
    }

    @Test
    void close_shouldLeaveNoFile_whenNothingWasRejected() throws IOException {
        Path file = dir.resolve("rejected.csv");

        try (RejectedRowsFile rejected = new RejectedRowsFile(file, List.of("a"))) {
            assertThat(rejected.path()).isNull();
            assertThat(rejected.rows()).isZero();
        }

        assertThat(file).doesNotExist();
    }

    @Test
    void write_shouldPadAShortRow_soThatTheLineAndProblemStayInTheirColumns() throws IOException {
        Path file = dir.resolve("rejected.csv");

        try (RejectedRowsFile rejected = new RejectedRowsFile(file, List.of("a", "b", "c"))) {
            rejected.write(ImportRow.rejected(4, List.of("x"), "expected 3 fields, found 1"), "expected 3 fields, found 1");
        }

        assertThat(readBack(file).get(1)).containsExactly("x", "", "", "4", "expected 3 fields, found 1");
    }

    @Test
    void write_shouldReplaceTheImportColumns_whenARejectedFileIsImportedAgain() throws IOException {
        // GIVEN the header of a rejected-rows file, as the input of a second import
        Path file = dir.resolve("again.rejected.csv");
        List<String> header = List.of("a", "b", RejectedRowsFile.LINE_COLUMN, RejectedRowsFile.PROBLEM_COLUMN);

        // WHEN one of its rows is rejected again
        try (RejectedRowsFile rejected = new RejectedRowsFile(file, header)) {
            rejected.write(ImportRow.rejected(2, List.of("x", "y", "9", "old problem"), "new problem"), "new problem");
        }

        // THEN the columns appear once, with the new line and problem
        List<List<String>> rows = readBack(file);
        assertThat(rows.get(0)).containsExactly("a", "b", RejectedRowsFile.LINE_COLUMN, RejectedRowsFile.PROBLEM_COLUMN);
        assertThat(rows.get(1)).containsExactly("x", "y", "2", "new problem");
    }
}
