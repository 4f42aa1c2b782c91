package io.demandloop.local.template;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} as the local runtime needs it, with {@code Globals.Function} merged under
 * the function's own properties and every environment value resolved to the string the function would see.
 *
 * @param logicalId      the logical id in the template, e.g. {@code IntakeFunction}
 * @param codeUri        absolute path of the code (a jar or a directory), resolved against the template directory
 * @param handler        the handler as written, {@code pkg.Class::method}
 * @param runtime        e.g. {@code java21}
 * @param environment    resolved environment variables, in template order
 * @param functionUrl    whether the function has a {@code FunctionUrlConfig}
 * @param timeoutSeconds the timeout ({@code 3} when neither the function nor the globals set one, as Lambda)
 * @param memoryMb       the memory size ({@code 128} when unset, as Lambda)
 */
public record FunctionDef(
        String logicalId,
        Path codeUri,
        String handler,
        String runtime,
        Map<String, String> environment,
        boolean functionUrl,
        int timeoutSeconds,
        int memoryMb) {

    public FunctionDef {
        // Kept in template order (Map.copyOf would not), so logs and diffs read like the template.
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
