package io.demandloop.local.runtime;

/**
 * Invokes a function of the template by its logical id, with the exact bytes Lambda would hand it, and
 * returns the bytes it wrote. The local bus and scheduler call targets only through this.
 */
public interface FunctionInvoker {

    /**
     * @param functionLogicalId the function's logical id in {@code template.yaml}, e.g. {@code TicketStoreFunction}
     * @param event             the invocation payload (JSON)
     * @return the function's response payload
     * @throws FunctionInvocationException when the function fails or does not exist
     */
    byte[] invoke(String functionLogicalId, byte[] event);
}
