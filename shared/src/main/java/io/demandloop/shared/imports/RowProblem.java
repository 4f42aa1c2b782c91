package io.demandloop.shared.imports;

import java.util.Objects;

/**
 * A row that could not be read or typed, with the 1-based line of the file where the row starts and why.
 * Readers hand these to the caller instead of throwing, so an import can record them and carry on.
 */
public record RowProblem(long line, String reason) {

    public RowProblem {
        Objects.requireNonNull(reason, "reason");
    }
}
