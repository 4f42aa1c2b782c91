package io.demandloop.shared.imports;

import io.demandloop.shared.config.DemandloopConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throughput harness for issue 4 (not a test): reads the reference export through the {@code servicenow} import
 * format on one thread, several times, and prints rows per second for each pass. Each pass does what an import does
 * before it writes: unzip, decode, split the CSV, clean the values, and normalise every row into a canonical ticket
 * with the webhook intake's ServiceNow rules (rejecting the five {@code -100} rows). The first passes warm the JIT up.
 * Usage, from the repository root, after {@code mvn -q -o install -pl shared}:
 *
 * <pre>
 * java -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -Xmx64m \
 *     -cp "shared/target/classes:shared/target/test-classes:$(cat shared/target/classpath.txt)" \
 *     io.demandloop.shared.imports.ImportThroughput [file] [passes]
 * </pre>
 */
public final class ImportThroughput {

    private ImportThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : ReferenceIncidentLog.path();
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        ExportFormat format = ExportFormats.create("servicenow", DemandloopConfig.defaults());
        for (int pass = 1; pass <= passes; pass++) {
            long accepted = 0;
            long rejected = 0;
            long checksum = 0; // keeps the JIT from discarding the tickets
            long start = System.nanoTime();
            try (Reader text = ExportInput.open(Files.newInputStream(file), file.toString());
                 TicketExportReader reader = format.open(text)) {
                for (ImportRow row = reader.next(); row != null; row = reader.next()) {
                    if (row.isAccepted()) {
                        accepted++;
                        checksum += row.ticket().sourceVersion() + row.ticket().service().length();
                    } else {
                        rejected++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pass %d: %,d tickets + %d rejected rows in %.3f s = %,.0f rows/s (checksum %d)%n",
                    pass, accepted, rejected, seconds, (accepted + rejected) / seconds, checksum);
        }
    }
}
