package io.demandloop.shared.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput harness for issue 4 (not a test): parses the reference export on one thread, several times, and
 * prints rows per second for each pass. The first passes warm the JIT up; read the last ones. Unzipping is
 * included, because a real backfill reads the zip too. Usage, from the repository root, after
 * {@code mvn -q -o install -pl shared}:
 *
 * <pre>
 * java -cp shared/target/classes:shared/target/test-classes \
 *     io.demandloop.shared.imports.ServiceNowAuditLogThroughput [file] [passes]
 * </pre>
 */
public final class ServiceNowAuditLogThroughput {

    private ServiceNowAuditLogThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : ReferenceIncidentLog.path();
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        for (int pass = 1; pass <= passes; pass++) {
            List<RowProblem> problems = new ArrayList<>();
            long rows = 0;
            long checksum = 0; // keeps the JIT from discarding the parsed rows
            long start = System.nanoTime();
            try (ServiceNowAuditLog log = ServiceNowAuditLog.open(file, problems::add)) {
                for (ServiceNowAuditRow row = log.next(); row != null; row = log.next()) {
                    rows++;
                    checksum += row.number().length() + (row.sysUpdatedAt() == null ? 0 : 1);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pass %d: %,d rows + %d problems in %.3f s = %,.0f rows/s (checksum %d)%n",
                    pass, rows, problems.size(), seconds, (rows + problems.size()) / seconds, checksum);
        }
    }
}
