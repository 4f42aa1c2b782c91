package io.demandloop.shared.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/** One {@link JsonLogger} per name; the AWS SDK's own loggers only from WARN, as its DEBUG is per request. */
final class JsonLoggerFactory implements ILoggerFactory {

    private static final String SDK_PREFIX = "software.amazon.awssdk";

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final JsonLogger.Output output;
    private final MDCAdapter mdc;
    private final Level threshold;

    JsonLoggerFactory(JsonLogger.Output output, MDCAdapter mdc, Level threshold) {
        this.output = output;
        this.mdc = mdc;
        this.threshold = threshold;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLogger(n, output, mdc,
                n.startsWith(SDK_PREFIX) && threshold.toInt() < Level.WARN.toInt() ? Level.WARN : threshold));
    }
}
