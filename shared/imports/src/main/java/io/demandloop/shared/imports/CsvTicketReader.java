package io.demandloop.shared.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The common part of the CSV export readers: reads rows with {@link CsvReader}, turns each into a ticket with
 * {@link #ticketOf(CsvRow)}, and hands out malformed rows and rows the mapping refuses as rejected
 * {@link ImportRow}s in file order, so that one bad row never stops an import.
 */
public abstract class CsvTicketReader implements TicketExportReader {

    private final ArrayDeque<RowProblem> problems = new ArrayDeque<>();
    private final CsvReader csv;
    /** A well-formed row read while malformed rows before it were still to be handed out. */
    private CsvRow pending;

    /**
     * Reads the header.
     *
     * @param required the columns without which no row of this format can be read
     * @throws CsvFormatException naming the missing columns or the unreadable header
     */
    protected CsvTicketReader(Reader in, Collection<String> required, boolean allowDuplicateColumns) throws IOException {
        this.csv = CsvReader.open(in, required, problems::add, CsvReader.DEFAULT_MAX_FIELD_CHARS,
                CsvReader.DEFAULT_MAX_FIELDS, allowDuplicateColumns);
    }

    /**
     * The ticket a well-formed row describes.
     *
     * @throws InvalidRecordException (or {@link IllegalArgumentException}) naming the problem, when the row cannot
     *                                be one; the row is then rejected with that message
     */
    protected abstract Ticket ticketOf(CsvRow row);

    /** The CSV reader, for subclasses that resolve column positions once. */
    protected final CsvReader csv() {
        return csv;
    }

    @Override
    public final List<String> columns() {
        return csv.columns();
    }

    @Override
    public final ImportRow next() throws IOException {
        if (!problems.isEmpty()) {
            return rejected(problems.poll());
        }
        if (pending != null) {
            CsvRow row = pending;
            pending = null;
            return read(row);
        }
        CsvRow row = csv.next();
        if (!problems.isEmpty()) {
            // The malformed rows the reader skipped come before the row it stopped at: keep file order.
            pending = row;
            return rejected(problems.poll());
        }
        return row == null ? null : read(row);
    }

    private ImportRow read(CsvRow row) {
        try {
            return ImportRow.accepted(row.line(), row.values(), ticketOf(row));
        } catch (InvalidRecordException | IllegalArgumentException e) {
            return ImportRow.rejected(row.line(), row.values(), e.getMessage());
        }
    }

    private static ImportRow rejected(RowProblem problem) {
        return ImportRow.rejected(problem.line(), problem.values(), problem.reason());
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    /**
     * The row as a flat JSON object, column name to cleaned value ({@link CsvValues#clean}), leaving out empty
     * values and the export's markers for "no value": the shape the webhook normalisers read.
     */
    protected static ObjectNode asObject(CsvRow row, Set<String> missing) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        List<String> columns = row.columns();
        for (int i = 0; i < columns.size(); i++) {
            String value = CsvValues.clean(row.get(i), missing);
            if (value != null && !object.has(columns.get(i))) {
                object.put(columns.get(i), value);
            }
        }
        return object;
    }
}
