package io.demandloop.shared.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The functions' SLF4J backend: one JSON object per log event, one line, on standard output, with the MDC's
 * correlation ids ({@code deliveryId}, {@code eventId}) as fields. It replaces Log4j 2, whose initialisation took
 * about half a second of every cold start; this one has nothing to initialise but a level read from
 * {@code AWS_LAMBDA_LOG_LEVEL} (Lambda sets it from {@code LoggingConfig.ApplicationLogLevel}), so a snapshot
 * restored by SnapStart carries no state that could go stale. Each function jar registers it in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}; shared itself does not, so that the local tools keep
 * their own backend.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        mdcAdapter = new BasicMDCAdapter();
        markerFactory = new BasicMarkerFactory();
        loggerFactory = new JsonLoggerFactory(JsonLogger.Output.STDOUT, mdcAdapter,
                JsonLogger.threshold(System.getenv("AWS_LAMBDA_LOG_LEVEL")));
    }
}
