package io.demandloop.functions.intake;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;

/**
 * The intake's configuration, read once at init.
 *
 * @param eventBusName   the bus records are published to
 * @param webhookSecrets the Secrets Manager secret (id or ARN) holding each source's secrets
 * @param demandTable    the demand table, where the demand ids of initiatives and decisions are checked (GetItem)
 */
public record IntakeConfig(String eventBusName, String webhookSecrets, String demandTable) {

    /** The variable holding the bus name. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    /** The variable naming the Secrets Manager secret of the webhook secrets. */
    public static final String WEBHOOK_SECRETS = "WEBHOOK_SECRETS";

    /** The variable naming the demand table. */
    public static final String DEMAND_TABLE = "DEMAND_TABLE";

    /** Every environment variable this function reads; template.yaml must set exactly these. */
    public static final List<String> VARIABLES = List.of(EVENT_BUS_NAME, WEBHOOK_SECRETS, DEMAND_TABLE);

    /** Reads the configuration from the function's environment; fails naming a missing variable. */
    public static IntakeConfig fromEnvironment() {
        return new IntakeConfig(FunctionEnvironment.required(EVENT_BUS_NAME), FunctionEnvironment.required(WEBHOOK_SECRETS),
                FunctionEnvironment.required(DEMAND_TABLE));
    }
}
