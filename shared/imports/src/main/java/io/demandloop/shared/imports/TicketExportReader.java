package io.demandloop.shared.imports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Reads the rows of one export as canonical tickets, streaming: memory does not grow with the file. */
public interface TicketExportReader extends Closeable {

    /** The header's columns, in file order: the header of the rejected-rows file. */
    List<String> columns();

    /**
     * The next row, accepted or rejected (a malformed CSV row is a rejected row too); {@code null} at the end.
     * Never throws for one bad row; throws only when the input itself cannot be read.
     */
    ImportRow next() throws IOException;
}
