package io.demandloop.shared.imports;

import java.util.List;
import java.util.Objects;

/**
 * A row that could not be read or typed, with the 1-based line of the file where the row starts, why, and the
 * values read from it (possibly fewer or more than the header has, for a malformed row), so that the row can be
 * written to a rejected-rows file for the user to fix. Readers hand these to the caller instead of throwing, so an
 * import can record them and carry on.
 */
public record RowProblem(long line, String reason, List<String> values) {

    public RowProblem {
        Objects.requireNonNull(reason, "reason");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A problem whose row values are not known. */
    public RowProblem(long line, String reason) {
        this(line, reason, List.of());
    }
}
