package io.demandloop.functions.outcomes;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;
import java.util.Objects;

/**
 * The outcome measurement's configuration, read once at init from the environment {@code template.yaml} sets on
 * {@code OutcomeMeasurementFunction} ({@link #VARIABLES}).
 *
 * @param ticketsTable     the tickets table ({@code TICKETS_TABLE})
 * @param alertsTable      the alerts and episodes table ({@code ALERTS_TABLE})
 * @param slaTable         the SLA table, whose breach index gives the SLA breaches ({@code SLA_TABLE})
 * @param demandTable      the demand table: the linked demands' first raising ({@code DEMAND_TABLE})
 * @param initiativesTable the initiatives table ({@code INITIATIVES_TABLE})
 * @param outcomesTable    the outcomes table ({@code OUTCOMES_TABLE})
 * @param eventBusName     the bus "Outcome Measured" goes to ({@code EVENT_BUS_NAME})
 */
public record OutcomeMeasurementConfig(String ticketsTable, String alertsTable, String slaTable, String demandTable,
                                       String initiativesTable, String outcomesTable, String eventBusName) {

    public static final String TICKETS_TABLE = "TICKETS_TABLE";
    public static final String ALERTS_TABLE = "ALERTS_TABLE";
    public static final String SLA_TABLE = "SLA_TABLE";
    public static final String DEMAND_TABLE = "DEMAND_TABLE";
    public static final String INITIATIVES_TABLE = "INITIATIVES_TABLE";
    public static final String OUTCOMES_TABLE = "OUTCOMES_TABLE";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

    /** Every variable the measurement reads; the template contract test compares it with template.yaml. */
    public static final List<String> VARIABLES = List.of(TICKETS_TABLE, ALERTS_TABLE, SLA_TABLE, DEMAND_TABLE,
            INITIATIVES_TABLE, OUTCOMES_TABLE, EVENT_BUS_NAME);

    public OutcomeMeasurementConfig {
        Objects.requireNonNull(ticketsTable, "ticketsTable");
        Objects.requireNonNull(alertsTable, "alertsTable");
        Objects.requireNonNull(slaTable, "slaTable");
        Objects.requireNonNull(demandTable, "demandTable");
        Objects.requireNonNull(initiativesTable, "initiativesTable");
        Objects.requireNonNull(outcomesTable, "outcomesTable");
        Objects.requireNonNull(eventBusName, "eventBusName");
    }

    /** Reads every variable; fails naming the first one that is missing. */
    public static OutcomeMeasurementConfig fromEnvironment() {
        return new OutcomeMeasurementConfig(
                FunctionEnvironment.required(TICKETS_TABLE),
                FunctionEnvironment.required(ALERTS_TABLE),
                FunctionEnvironment.required(SLA_TABLE),
                FunctionEnvironment.required(DEMAND_TABLE),
                FunctionEnvironment.required(INITIATIVES_TABLE),
                FunctionEnvironment.required(OUTCOMES_TABLE),
                FunctionEnvironment.required(EVENT_BUS_NAME));
    }
}
