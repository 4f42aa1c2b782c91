package io.demandloop.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Entry point of {@code ./demandloop}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream console = System.out;
        int code = new DemandloopCli(console, System.err, System.getenv(), projectRoot(), callerDirectory()).run(args);
        console.flush();
        System.exit(code);
    }

    /** Where the user ran the launcher from (it changes to the root before starting Java): paths are resolved there. */
    private static Path callerDirectory() {
        String cwd = System.getProperty("demandloop.cwd");
        return (cwd != null && !cwd.isBlank() ? Path.of(cwd) : Path.of("")).toAbsolutePath().normalize();
    }

    private static Path projectRoot() {
        String home = System.getProperty("demandloop.home");
        return (home != null ? Path.of(home) : Path.of("")).toAbsolutePath().normalize();
    }
}
