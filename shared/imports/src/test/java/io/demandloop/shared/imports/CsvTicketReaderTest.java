package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTicketReaderTest {

    /** A minimal format: column id, and version; the id "refused" is refused as a mapping would. */
    private static final class Rows extends CsvTicketReader {
        Rows(Reader in) throws IOException {
            super(in, List.of("id", "version"), false);
        }

        @Override
        protected Ticket ticketOf(CsvRow row) {
            if (row.get("id").equals("refused")) {
                throw new InvalidRecordException("id 'refused' is refused");
            }
            return Ticket.builder().source("test").sourceId(row.get("id")).kind(TicketKind.INCIDENT)
                    .number(row.get("id")).service(Ticket.UNKNOWN_SERVICE).priority(3).state(TicketState.OPEN)
                    .openedAt(Instant.parse("2026-11-20T08:00:00Z")).sourceVersion(Long.parseLong(row.get("version")))
                    .build();
        }
    }

    private static List<ImportRow> readAll(String csv) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        try (Rows reader = new Rows(new StringReader(csv))) {
            for (ImportRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            assertThat(reader.next()).as("the end stays the end").isNull();
        }
        return rows;
    }

    @Test
    void next_shouldHandOutMalformedAndRefusedRowsInFileOrder() throws IOException {
        // GIVEN malformed rows before, between and after good ones, two of them in a row
        String csv = "id,version\n"
                + "a,1\n"             // 2 good
                + "b\n"               // 3 too few fields
                + "c,1,extra\n"       // 4 too many fields
                + "d,2\n"             // 5 good
                + "refused,1\n"       // 6 refused by the format
                + "\"e\"x,1\n"        // 7 a character after a closing quote
                + "f,\"multi\nline\"\n" // 8-9 good, a value over two lines (then refused: not a number)
                + "g,3\n"             // 10 good
                + "h,1,2,3\n";        // 11 too many fields, at the end

        // WHEN
        List<ImportRow> rows = readAll(csv);

        // THEN
        assertThat(rows).extracting(ImportRow::line, ImportRow::isAccepted).containsExactly(
                tuple(2L, true), tuple(3L, false), tuple(4L, false), tuple(5L, true), tuple(6L, false),
                tuple(7L, false), tuple(8L, false), tuple(10L, true), tuple(11L, false));
        assertThat(rows.get(1).problem()).isEqualTo("expected 2 fields, found 1");
        assertThat(rows.get(1).values()).containsExactly("b");
        assertThat(rows.get(2).values()).containsExactly("c", "1", "extra");
        assertThat(rows.get(4).problem()).isEqualTo("id 'refused' is refused");
        assertThat(rows.get(4).values()).containsExactly("refused", "1");
        assertThat(rows.get(6).values()).containsExactly("f", "multi\nline");
        assertThat(rows.get(6).problem()).contains("multi");
    }

    @Test
    void next_shouldReturnOnlyRejectedRows_whenNoRowIsGood() throws IOException {
        assertThat(readAll("id,version\nx\ny\n")).extracting(ImportRow::line, ImportRow::isAccepted)
                .containsExactly(tuple(2L, false), tuple(3L, false));
    }

    @Test
    void new_shouldThrowNamingTheColumn_whenARequiredColumnIsMissing() {
        assertThatThrownBy(() -> readAll("id,revision\na,1\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("version");
    }
}
