package io.demandloop.functions.slaescalation;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;

/**
 * The environment of the two functions built from this module, read once at init from what {@code template.yaml}
 * sets; the SLA policies themselves come from the {@code sla} section of {@code demandloop.yaml}.
 */
public final class SlaFunctionConfig {

    /** The SLA table (history, state, claims). */
    public static final String SLA_TABLE = "SLA_TABLE";
    /** The bus the escalation publishes to. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

    /** Every variable {@code SlaTrackerFunction} reads; the template contract test compares it with template.yaml. */
    public static final List<String> TRACKER_VARIABLES = List.of(SLA_TABLE);
    /** Every variable {@code SlaEscalationFunction} reads. */
    public static final List<String> ESCALATION_VARIABLES = List.of(SLA_TABLE, EVENT_BUS_NAME);

    private SlaFunctionConfig() {
    }

    /** The SLA table's name; fails naming the variable when it is missing. */
    public static String slaTable() {
        return FunctionEnvironment.required(SLA_TABLE);
    }

    /** The bus's name; fails naming the variable when it is missing. */
    public static String eventBusName() {
        return FunctionEnvironment.required(EVENT_BUS_NAME);
    }
}
