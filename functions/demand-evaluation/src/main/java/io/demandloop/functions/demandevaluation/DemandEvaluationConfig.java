package io.demandloop.functions.demandevaluation;

import io.demandloop.shared.config.FunctionEnvironment;
import io.demandloop.shared.config.MissingConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * The demand functions' configuration, read once at init from the environment {@code template.yaml} sets on
 * {@code DemandEvaluationFunction} ({@link #VARIABLES}); {@code DemandStatusFunction}'s is {@link DemandStatusConfig}.
 *
 * @param ticketsTable        the tickets table ({@code TICKETS_TABLE})
 * @param alertsTable         the alerts and episodes table ({@code ALERTS_TABLE})
 * @param slaTable            the SLA table, whose breach index gives the SLA breaches ({@code SLA_TABLE})
 * @param demandTable         the demand table ({@code DEMAND_TABLE})
 * @param eventBusName        the bus "Demand Escalated" goes to ({@code EVENT_BUS_NAME})
 * @param rejectedScoreMargin how much a rejected demand's score must rise above its score when rejected before it
 *                            is raised again ({@code REJECTED_SCORE_MARGIN}, 0-10)
 */
public record DemandEvaluationConfig(String ticketsTable, String alertsTable, String slaTable, String demandTable,
                                     String eventBusName, double rejectedScoreMargin) {

    public static final String TICKETS_TABLE = "TICKETS_TABLE";
    public static final String ALERTS_TABLE = "ALERTS_TABLE";
    public static final String SLA_TABLE = "SLA_TABLE";
    public static final String DEMAND_TABLE = "DEMAND_TABLE";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String REJECTED_SCORE_MARGIN = "REJECTED_SCORE_MARGIN";
    /** The initiatives table, where the status handler keeps a promoted demand's initiative. */
    public static final String INITIATIVES_TABLE = "INITIATIVES_TABLE";

    /** Every variable the evaluation reads; the template contract test compares it with template.yaml. */
    public static final List<String> VARIABLES = List.of(TICKETS_TABLE, ALERTS_TABLE, SLA_TABLE, DEMAND_TABLE,
            EVENT_BUS_NAME, REJECTED_SCORE_MARGIN);

    public DemandEvaluationConfig {
        Objects.requireNonNull(ticketsTable, "ticketsTable");
        Objects.requireNonNull(alertsTable, "alertsTable");
        Objects.requireNonNull(slaTable, "slaTable");
        Objects.requireNonNull(demandTable, "demandTable");
        Objects.requireNonNull(eventBusName, "eventBusName");
        if (!(rejectedScoreMargin >= 0 && rejectedScoreMargin <= 10)) {
            throw new IllegalArgumentException("rejectedScoreMargin must be between 0 and 10, was " + rejectedScoreMargin);
        }
    }

    /** Reads every variable; fails naming the first one that is missing or malformed. */
    public static DemandEvaluationConfig fromEnvironment() {
        return new DemandEvaluationConfig(
                FunctionEnvironment.required(TICKETS_TABLE),
                FunctionEnvironment.required(ALERTS_TABLE),
                FunctionEnvironment.required(SLA_TABLE),
                FunctionEnvironment.required(DEMAND_TABLE),
                FunctionEnvironment.required(EVENT_BUS_NAME),
                margin(FunctionEnvironment.required(REJECTED_SCORE_MARGIN)));
    }

    static double margin(String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 10) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the name
        }
        throw new MissingConfigurationException(REJECTED_SCORE_MARGIN
                + " must be a score difference between 0 and 10, such as 1.5, was '" + value + "'");
    }
}
