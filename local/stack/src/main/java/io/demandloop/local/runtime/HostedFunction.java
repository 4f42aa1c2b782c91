package io.demandloop.local.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A function as the local runtime hosts it: what {@code template.yaml} says about it.
 *
 * @param logicalId      the logical id, e.g. {@code IntakeFunction}
 * @param codeUri        the deployment jar ({@code CodeUri})
 * @param handler        {@code package.Class::method}
 * @param environment    the resolved environment variables
 * @param timeoutSeconds the {@code Timeout}
 * @param memoryMb       the {@code MemorySize}
 */
public record HostedFunction(
        String logicalId, Path codeUri, String handler, Map<String, String> environment, int timeoutSeconds, int memoryMb) {

    public HostedFunction {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(codeUri, "codeUri");
        Objects.requireNonNull(handler, "handler");
        environment = Map.copyOf(environment);
    }

    /** The handler class name. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /** The handler method name; {@code handleRequest} when the handler names none. */
    public String handlerMethod() {
        int separator = handler.indexOf("::");
        return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    }
}
