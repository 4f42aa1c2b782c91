package io.demandloop.shared.imports;

import io.demandloop.shared.ticket.Ticket;
import java.util.List;
import java.util.Objects;

/**
 * One row of an export, read: the canonical ticket it describes, or why it cannot be one. The row's values are kept
 * so that a rejected row can be written back out, unchanged, for the user to fix and import again.
 *
 * @param line    the 1-based line of the file where the row starts
 * @param values  the row's values as read, in header order
 * @param ticket  the ticket; null when rejected
 * @param problem why the row was rejected; null when accepted
 */
public record ImportRow(long line, List<String> values, Ticket ticket, String problem) {

    public ImportRow {
        values = List.copyOf(values);
        if ((ticket == null) == (problem == null)) {
            throw new IllegalArgumentException("a row is either a ticket or a problem");
        }
    }

    /** A row that describes a ticket. */
    public static ImportRow accepted(long line, List<String> values, Ticket ticket) {
        return new ImportRow(line, values, Objects.requireNonNull(ticket, "ticket"), null);
    }

    /** A row that cannot be imported, and why. */
    public static ImportRow rejected(long line, List<String> values, String problem) {
        return new ImportRow(line, values, null, Objects.requireNonNull(problem, "problem"));
    }

    /** Whether the row describes a ticket. */
    public boolean isAccepted() {
        return ticket != null;
    }
}
