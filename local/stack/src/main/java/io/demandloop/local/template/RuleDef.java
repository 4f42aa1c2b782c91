package io.demandloop.local.template;

import java.util.OptionalInt;

/**
 * An {@code EventBridgeRule} (or legacy {@code CloudWatchEvent}) event source of a function: the rule SAM creates on
 * {@code busName} with the function as its only target.
 *
 * @param functionLogicalId      the target function
 * @param eventName              the key under the function's {@code Events}
 * @param busName                the resolved physical bus name, {@code default} when {@code EventBusName} is absent
 * @param patternJson            the {@code Pattern} as JSON text, intrinsic functions in it resolved
 * @param maximumRetryAttempts   {@code RetryPolicy.MaximumRetryAttempts}, if set
 * @param maximumEventAgeSeconds {@code RetryPolicy.MaximumEventAgeInSeconds}, if set
 * @param enabled                {@code false} when {@code State: DISABLED}
 */
public record RuleDef(
        String functionLogicalId,
        String eventName,
        String busName,
        String patternJson,
        OptionalInt maximumRetryAttempts,
        OptionalInt maximumEventAgeSeconds,
        boolean enabled) {

    /**
     * @return the logical id SAM gives the generated {@code AWS::Events::Rule} ({@code <Function><EventName>}), unique
     *         in the template and used locally as the rule's name
     */
    public String ruleName() {
        return functionLogicalId + eventName;
    }
}
