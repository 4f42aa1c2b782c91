package io.demandloop.functions.ticketstore;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;

/**
 * The ticket store's configuration, read once at init.
 *
 * @param ticketsTable the DynamoDB table of tickets
 */
public record TicketStoreConfig(String ticketsTable) {

    /** The variable naming the tickets table. */
    public static final String TICKETS_TABLE = "TICKETS_TABLE";

    /** Every environment variable this function reads; template.yaml must set exactly these. */
    public static final List<String> VARIABLES = List.of(TICKETS_TABLE);

    /** Reads the configuration from the function's environment; fails naming a missing variable. */
    public static TicketStoreConfig fromEnvironment() {
        return new TicketStoreConfig(FunctionEnvironment.required(TICKETS_TABLE));
    }
}
