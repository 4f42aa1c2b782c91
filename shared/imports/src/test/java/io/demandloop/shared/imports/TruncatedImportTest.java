package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.6: an import of a truncated copy of the real ServiceNow log accounts for every row, writes what was complete
 * before the break and names what it did not write; importing the complete file afterwards completes it.
 */
class TruncatedImportTest {

    @TempDir
    Path temp;

    @Test
    void truncatedZip_shouldAccountForEveryRow_nameTheBreak_andBeCompletedByASecondRun() throws Exception {
        // GIVEN the first fifth of the real log's zip, cut mid-stream
        Path full = ReferenceIncidentLog.path();
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = Files.write(temp.resolve("incident_event_log.csv.zip"), Arrays.copyOf(bytes, bytes.length / 5));
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        TicketImporter importer = new TicketImporter(tickets);
        ExportFormat format = ExportFormats.create("servicenow", DemandloopConfig.defaults());
        Path firstRejected = temp.resolve("first.rejected.csv");

        // WHEN
        ImportSummary first = importer.run(format, Files.newInputStream(truncated), truncated.toString(),
                Files.size(truncated), firstRejected, ImportProgress.NONE);

        // THEN the break is named and the import is not complete
        assertThat(first.broken()).isNotNull().contains("the file breaks after " + first.rowsRead() + " rows");
        assertThat(first.complete()).isFalse();
        assertThat(first.describe()).anyMatch(line -> line.contains("INCOMPLETE"));
        assertThat(first.rowsRead()).isGreaterThan(10_000);
        // every row read is in exactly one place, and every record written has one outcome
        assertThat(first.rowsRejected() + first.rowsSuperseded() + first.records() + first.rowsNotWritten())
                .isEqualTo(first.rowsRead());
        assertThat(first.stored() + first.unchanged() + first.failed()).isEqualTo(first.records());
        assertThat(first.failed()).isZero();
        // what was stored is what the summary says, and the record at the break is named and not written
        List<Ticket> afterFirst = tickets.all();
        assertThat((long) afterFirst.size()).isEqualTo(first.stored());
        assertThat(first.rowsNotWritten()).isPositive();
        assertThat(first.notWrittenRecord()).startsWith("servicenow#incident#INC");
        assertThat(afterFirst).extracting(Ticket::key).doesNotContain(first.notWrittenRecord());
        // and the rejected rows file holds exactly the rejected rows (and failed records: none)
        long rejectedLines = Files.exists(firstRejected) ? Files.readAllLines(firstRejected).size() - 1 : 0;
        assertThat(rejectedLines).isEqualTo(first.rowsRejected() + first.failed());

        // WHEN the complete file is imported afterwards
        ImportSummary second = importer.run(format, Files.newInputStream(full), full.toString(), Files.size(full),
                temp.resolve("second.rejected.csv"), ImportProgress.NONE);

        // THEN it completes the import: every incident stored, the first run's records unchanged unless newer
        assertThat(second.complete()).isTrue();
        assertThat(second.broken()).isNull();
        assertThat(second.rowsRejected() + second.rowsSuperseded() + second.records() + second.rowsNotWritten())
                .isEqualTo(second.rowsRead());
        assertThat(second.records()).isEqualTo(24_918);
        assertThat(second.stored() + second.unchanged()).isEqualTo(24_918);
        assertThat(tickets.all()).hasSize(24_918);
        String number = first.notWrittenRecord().substring("servicenow#incident#".length());
        assertThat(tickets.find("servicenow", TicketKind.INCIDENT, number)).isPresent();
    }

    @Test
    void rowWithInvalidUtf8_shouldBeRejectedNamingTheColumn_notStoredWithReplacedText() throws IOException, InterruptedException {
        // GIVEN a ServiceNow export whose second row's category holds bytes that are not UTF-8
        byte[] header = "number,incident_state,sys_mod_count,opened_at,priority,category\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] good = "INC1,New,0,5/3/2016 12:00,2 - Medium,Network\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = "INC2,New,0,5/3/2016 12:00,2 - Medium,Net\u0001\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bad[bad.length - 3] = (byte) 0xC3; // a lead byte without its continuation
        java.io.ByteArrayOutputStream export = new java.io.ByteArrayOutputStream();
        export.write(header);
        export.write(good);
        export.write(bad);
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        Path rejected = temp.resolve("bytes.rejected.csv");

        // WHEN
        ImportSummary summary = new TicketImporter(tickets).run(ExportFormats.create("servicenow", DemandloopConfig.defaults()),
                new java.io.ByteArrayInputStream(export.toByteArray()), "bytes.csv", export.size(), rejected, ImportProgress.NONE);

        // THEN the row is rejected by column, the other stored
        assertThat(summary.rowsRejected()).isEqualTo(1);
        assertThat(summary.rejectReasons().keySet()).singleElement().asString()
                .contains("column 'category' is not valid UTF-8");
        assertThat(tickets.all()).extracting(Ticket::sourceId).containsExactly("INC1");
        assertThat(Files.readString(rejected)).contains("INC2").doesNotContain("?");
    }
}
