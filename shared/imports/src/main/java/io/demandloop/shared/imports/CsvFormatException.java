package io.demandloop.shared.imports;

/**
 * The input cannot be read as the expected CSV at all (no header, missing required columns, duplicate column
 * names): unlike a {@link RowProblem}, no row of it can be trusted, so reading stops at once.
 */
public class CsvFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
        super(message);
    }
}
