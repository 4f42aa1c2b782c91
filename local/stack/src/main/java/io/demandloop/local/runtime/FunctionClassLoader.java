package io.demandloop.local.runtime;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one hosted function: its deployment jar on top of the JDK only, as in a Lambda
 * sandbox. The Lambda runtime interfaces ({@code com.amazonaws.services.lambda.runtime}) come from the host,
 * as the Lambda runtime provides them, so that the host can pass its own {@code Context}.
 */
final class FunctionClassLoader extends URLClassLoader {

    private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    FunctionClassLoader(String name, URL jar, ClassLoader host) {
        super(name, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(RUNTIME_PACKAGE)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
