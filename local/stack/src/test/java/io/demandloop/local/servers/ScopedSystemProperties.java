package io.demandloop.local.servers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sets JVM system properties for a test and puts the previous values back on close. */
final class ScopedSystemProperties implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    private ScopedSystemProperties() {
    }

    static ScopedSystemProperties set(Map<String, String> properties) {
        ScopedSystemProperties scope = new ScopedSystemProperties();
        properties.forEach(scope::put);
        return scope;
    }

    ScopedSystemProperties put(String name, String value) {
        // Remember only the first previous value, so that close restores the state before the scope.
        previous.putIfAbsent(name, System.getProperty(name));
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
        return this;
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
