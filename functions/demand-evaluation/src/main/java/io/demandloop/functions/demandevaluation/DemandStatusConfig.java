package io.demandloop.functions.demandevaluation;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;
import java.util.Objects;

/**
 * {@code DemandStatusFunction}'s configuration, read once at init from the environment {@code template.yaml} sets on
 * it ({@link #VARIABLES}).
 *
 * @param demandTable      the demand table whose status changes ({@code DEMAND_TABLE})
 * @param initiativesTable the initiatives table, where a promoted demand's initiative is kept ({@code INITIATIVES_TABLE})
 */
public record DemandStatusConfig(String demandTable, String initiativesTable) {

    /** Every variable the status function reads; the template contract test compares it with template.yaml. */
    public static final List<String> VARIABLES =
            List.of(DemandEvaluationConfig.DEMAND_TABLE, DemandEvaluationConfig.INITIATIVES_TABLE);

    public DemandStatusConfig {
        Objects.requireNonNull(demandTable, "demandTable");
        Objects.requireNonNull(initiativesTable, "initiativesTable");
    }

    /** Reads every variable; fails naming the first one that is missing. */
    public static DemandStatusConfig fromEnvironment() {
        return new DemandStatusConfig(FunctionEnvironment.required(DemandEvaluationConfig.DEMAND_TABLE),
                FunctionEnvironment.required(DemandEvaluationConfig.INITIATIVES_TABLE));
    }
}
