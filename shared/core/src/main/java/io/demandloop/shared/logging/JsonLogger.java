package io.demandloop.shared.logging;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes each event as one JSON line: {@code timestamp}, {@code level}, {@code logger}, {@code message}, every MDC
 * entry, and {@code error} (type, message, stack trace) when a throwable is given. Lambda's JSON log format passes
 * such a line through as is, and CloudWatch Logs Insights reads its fields.
 */
final class JsonLogger extends LegacyAbstractLogger {

    /** Where the lines go; standard output on Lambda. */
    @FunctionalInterface
    interface Output {
        Output STDOUT = line -> {
            // One write of the whole line, so that lines of concurrent threads never interleave.
            System.out.print(line);
            System.out.flush();
        };

        void write(String line);
    }

    private static final long serialVersionUID = 1L;

    private final transient Output output;
    private final transient MDCAdapter mdc;
    private final Level threshold;

    JsonLogger(String name, Output output, MDCAdapter mdc, Level threshold) {
        this.name = name;
        this.output = output;
        this.mdc = mdc;
        this.threshold = threshold;
    }

    /** The level named by Lambda's {@code AWS_LAMBDA_LOG_LEVEL} (TRACE ... FATAL), INFO when unset or unknown. */
    static Level threshold(String value) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        if ("FATAL".equals(upper)) {
            return Level.ERROR;
        }
        try {
            return Level.valueOf(upper);
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        Throwable error = throwable;
        String message;
        if (arguments == null || arguments.length == 0) {
            message = messagePattern;
        } else {
            var formatted = MessageFormatter.arrayFormat(messagePattern, arguments, throwable);
            message = formatted.getMessage();
            if (error == null) {
                error = formatted.getThrowable();
            }
        }
        output.write(line(Instant.now(), level, name, message, mdc.getCopyOfContextMap(), error));
    }

    /** The JSON line, with its newline. */
    static String line(Instant timestamp, Level level, String logger, String message, Map<String, String> context,
            Throwable error) {
        StringBuilder json = new StringBuilder(160);
        json.append("{\"timestamp\":\"").append(timestamp).append("\",\"level\":\"").append(level.name())
                .append("\",\"logger\":");
        quote(json, logger);
        json.append(",\"message\":");
        quote(json, message);
        if (context != null) {
            for (Map.Entry<String, String> entry : context.entrySet()) {
                if (!isReserved(entry.getKey())) {
                    json.append(',');
                    quote(json, entry.getKey());
                    json.append(':');
                    quote(json, entry.getValue());
                }
            }
        }
        if (error != null) {
            String stack = stackTrace(error);
            json.append(",\"error\":{\"type\":");
            quote(json, error.getClass().getName());
            json.append(",\"message\":");
            quote(json, error.getMessage());
            json.append(",\"stackTrace\":");
            quote(json, stack);
            json.append('}');
        }
        return json.append("}\n").toString();
    }

    /**
     * The throwable's frames and its causes' (as {@code Caused by: ...} sections, each cause once), the text a Java
     * stack trace shows, built here so that nothing is written to a stream on the way.
     */
    static String stackTrace(Throwable error) {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            text.append(t == error ? "" : "Caused by: ").append(t).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                text.append("\tat ").append(frame).append('\n');
            }
        }
        return text.toString();
    }

    private static boolean isReserved(String key) {
        return switch (key) {
            case "timestamp", "level", "logger", "message", "error" -> true;
            default -> false;
        };
    }

    private static void quote(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
