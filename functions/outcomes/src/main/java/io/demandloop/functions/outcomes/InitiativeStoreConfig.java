package io.demandloop.functions.outcomes;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;

/**
 * The initiative store's configuration, read once at init.
 *
 * @param initiativesTable the DynamoDB table of initiatives
 */
public record InitiativeStoreConfig(String initiativesTable) {

    /** The variable naming the initiatives table. */
    public static final String INITIATIVES_TABLE = "INITIATIVES_TABLE";

    /** Every environment variable this function reads; template.yaml must set exactly these. */
    public static final List<String> VARIABLES = List.of(INITIATIVES_TABLE);

    /** Reads the configuration from the function's environment; fails naming a missing variable. */
    public static InitiativeStoreConfig fromEnvironment() {
        return new InitiativeStoreConfig(FunctionEnvironment.required(INITIATIVES_TABLE));
    }
}
