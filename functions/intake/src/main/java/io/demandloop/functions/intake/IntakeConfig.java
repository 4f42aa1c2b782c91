package io.demandloop.functions.intake;

import io.demandloop.shared.config.FunctionEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The intake's configuration, read once at init.
 *
 * @param eventBusName the bus records are published to
 * @param secrets      the accepted shared secrets per source (several while rotating); empty when none is set
 */
public record IntakeConfig(String eventBusName, Map<String, List<String>> secrets) {

    /** The variable holding the ServiceNow shared secret(s), comma-separated. */
    public static final String SERVICENOW_SECRET = "DEMANDLOOP_SECRET_SERVICENOW";
    /** The variable holding the bus name. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

    /** Every environment variable this function reads; template.yaml must set exactly these. */
    public static final List<String> VARIABLES = List.of(EVENT_BUS_NAME, SERVICENOW_SECRET);

    /** Reads the configuration from the function's environment; fails naming a missing variable. */
    public static IntakeConfig fromEnvironment() {
        String bus = FunctionEnvironment.required(EVENT_BUS_NAME);
        List<String> serviceNow = FunctionEnvironment.optional(SERVICENOW_SECRET)
                .map(IntakeConfig::splitSecrets).orElse(List.of());
        return new IntakeConfig(bus, Map.of("servicenow", serviceNow));
    }

    static List<String> splitSecrets(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
