package io.demandloop.functions.alertstore;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;

/**
 * The alert store's configuration from its environment, read once at init. The episode rules come from the
 * configuration file (section {@code episodes}), not from the environment.
 *
 * @param alertsTable  the DynamoDB table of alerts and episodes ({@code ALERTS_TABLE})
 * @param ticketsTable the DynamoDB table of tickets, read for open incidents to link to ({@code TICKETS_TABLE})
 */
public record AlertStoreConfig(String alertsTable, String ticketsTable) {

    public static final String ALERTS_TABLE = "ALERTS_TABLE";
    public static final String TICKETS_TABLE = "TICKETS_TABLE";

    /** Every environment variable this function reads; template.yaml must set exactly these. */
    public static final List<String> VARIABLES = List.of(ALERTS_TABLE, TICKETS_TABLE);

    /** Reads the configuration from the function's environment; fails naming a missing variable. */
    public static AlertStoreConfig fromEnvironment() {
        return new AlertStoreConfig(FunctionEnvironment.required(ALERTS_TABLE), FunctionEnvironment.required(TICKETS_TABLE));
    }
}
