package io.demandloop.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lines a block writes to standard output, where the functions' JSON log lines (and embedded-metric lines) go:
 * for tests of what a log line carries (correlation ids).
 */
public final class StdoutLines {

    /** A block that may throw. */
    @FunctionalInterface
    public interface Block {
        void run() throws Exception;
    }

    private StdoutLines() {
    }

    /** Runs the block with standard output captured, and returns its lines. */
    public static List<String> of(Block block) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            block.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
