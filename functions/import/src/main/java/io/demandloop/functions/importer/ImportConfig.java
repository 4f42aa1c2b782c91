package io.demandloop.functions.importer;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;
import java.util.Objects;

/**
 * The import function's configuration, read once at init from the environment that {@code template.yaml} sets on
 * {@code ImportFunction}.
 *
 * @param ticketsTable the tickets table the records go to ({@code TICKETS_TABLE})
 * @param importBucket the bucket exports are put in, under {@code imports/} ({@code IMPORT_BUCKET}); events of
 *                     other buckets are refused
 */
public record ImportConfig(String ticketsTable, String importBucket) {

    public static final String TICKETS_TABLE = "TICKETS_TABLE";
    public static final String IMPORT_BUCKET = "IMPORT_BUCKET";

    /** Every variable this function reads; the template contract test compares it with template.yaml. */
    public static final List<String> VARIABLES = List.of(TICKETS_TABLE, IMPORT_BUCKET);

    public ImportConfig {
        Objects.requireNonNull(ticketsTable, "ticketsTable");
        Objects.requireNonNull(importBucket, "importBucket");
        if (ticketsTable.isBlank() || importBucket.isBlank()) {
            throw new IllegalArgumentException("ticketsTable and importBucket must not be blank");
        }
    }

    /** Reads every variable; fails naming the first one that is missing. */
    public static ImportConfig fromEnvironment() {
        return new ImportConfig(FunctionEnvironment.required(TICKETS_TABLE), FunctionEnvironment.required(IMPORT_BUCKET));
    }
}
