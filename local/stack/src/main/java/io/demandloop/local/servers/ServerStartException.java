package io.demandloop.local.servers;

import java.nio.file.Path;

/**
 * A local server child process did not come up: it exited early or did not answer HTTP in time. The message names
 * the server's log file and quotes its last lines.
 */
public final class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The server's log file; not serialised. */
    private final transient Path logFile;

    ServerStartException(String message, Path logFile, Throwable cause) {
        super(message, cause);
        this.logFile = logFile;
    }

    /**
     * Returns the file that holds the server's standard output and error.
     *
     * @return the log file
     */
    public Path logFile() {
        return logFile;
    }
}
