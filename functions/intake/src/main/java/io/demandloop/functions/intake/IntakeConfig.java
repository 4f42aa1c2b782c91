package io.demandloop.functions.intake;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.List;

/**
 * The intake's configuration, read once at init.
 *
 * @param eventBusName   the bus records are published to
 * @param webhookSecrets the Secrets Manager secret (id or ARN) holding each source's secrets
 */
public record IntakeConfig(String eventBusName, String webhookSecrets) {

    /** The variable holding the bus name. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    /** The variable naming the Secrets Manager secret of the webhook secrets. */
    public static final String WEBHOOK_SECRETS = "WEBHOOK_SECRETS";

    /** Every environment variable this function reads; template.yaml must set exactly these. */
    public static final List<String> VARIABLES = List.of(EVENT_BUS_NAME, WEBHOOK_SECRETS);

    /** Reads the configuration from the function's environment; fails naming a missing variable. */
    public static IntakeConfig fromEnvironment() {
        return new IntakeConfig(FunctionEnvironment.required(EVENT_BUS_NAME), FunctionEnvironment.required(WEBHOOK_SECRETS));
    }
}
