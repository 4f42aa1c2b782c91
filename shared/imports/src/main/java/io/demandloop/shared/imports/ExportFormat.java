package io.demandloop.shared.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * One kind of history export that can be imported ({@code servicenow}, {@code jira}, {@code csv}), bound to its
 * configuration. Implementations are immutable and thread-safe; each {@link #open} reads one export.
 */
public interface ExportFormat {

    /** The name used on the command line ({@code ./demandloop import <format> …}) and in S3 keys ({@code imports/<format>/…}). */
    String name();

    /**
     * Reads the export's header.
     *
     * @throws CsvFormatException when the input is not an export of this format (no header, a required column
     *                            missing): the import must stop at once, naming the problem
     */
    TicketExportReader open(Reader csv) throws IOException;
}
