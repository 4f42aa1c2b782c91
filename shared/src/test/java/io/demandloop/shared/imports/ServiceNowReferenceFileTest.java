package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The reader over the real 46 MB export, checked against counts made here by plain line reading. */
class ServiceNowReferenceFileTest {

    @Test
    void open_shouldReadEveryRowOfTheReferenceExport_andReportOnlyTheFiveGarbageStates() throws IOException {
        // GIVEN
        Path file = ReferenceIncidentLog.path();
        Expected expected = countIndependently(file);
        // The README's numbers, so that a wrong independent count cannot agree with a wrong reader.
        assertThat(expected.rows).isEqualTo(141_712);
        assertThat(expected.incidents).hasSize(24_918);
        assertThat(expected.garbageStateLines).hasSize(5);

        // WHEN
        List<RowProblem> problems = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        long rows = 0;
        try (ServiceNowAuditLog log = ServiceNowAuditLog.open(file, problems::add)) {
            for (ServiceNowAuditRow row = log.next(); row != null; row = log.next()) {
                rows++;
                numbers.add(row.number());
            }
        }

        // THEN
        assertThat(rows + problems.size()).isEqualTo(expected.rows);
        assertThat(problems).extracting(RowProblem::line).containsExactlyElementsOf(expected.garbageStateLines);
        assertThat(problems).extracting(RowProblem::reason).containsOnly("incident_state '-100' is not a state name");
        // The incidents with garbage rows have good rows too, so no incident disappears.
        assertThat(numbers).isEqualTo(expected.incidents);
    }

    private record Expected(long rows, Set<String> incidents, List<Long> garbageStateLines) {
    }

    /**
     * Counts with nothing but line reading: valid because the export has no quote character at all (checked), so
     * no field holds a line break and every line after the header is one row.
     */
    private static Expected countIndependently(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry = zip.getNextEntry();
            while (entry != null && !entry.getName().equals("incident_event_log.csv")) {
                entry = zip.getNextEntry();
            }
            assertThat(entry).as("incident_event_log.csv in " + file).isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            assertThat(lines.readLine()).startsWith("number,incident_state,");
            long rows = 0;
            long lineNumber = 1;
            Set<String> incidents = new HashSet<>();
            List<Long> garbage = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                assertThat(line.indexOf('"')).as("quote on line %d", lineNumber).isEqualTo(-1);
                rows++;
                int comma = line.indexOf(',');
                incidents.add(line.substring(0, comma));
                if (line.startsWith("-100,", comma + 1)) {
                    garbage.add(lineNumber);
                }
            }
            return new Expected(rows, incidents, garbage);
        }
    }
}
