package io.demandloop.shared.demand;

import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the reference log's base rates into the small table {@value #TABLE} that {@link BaseRateGenerator} is
 * seeded from: per service, incidents per 30 days, the share missing their SLA, the priority mix and the subcategory
 * mix (the shares of its {@value #TOP} largest subcategories, then how many smaller ones share the rest). Measured
 * over the log's busy months, {@code [2016-03-01, 2016-06-01)}; only the table is committed, never the log.
 *
 * <p>Run (from the worktree root, after {@code mvn -o -q -pl shared test-compile} and
 * {@code mvn -o -q -pl shared dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}):
 * {@code java -cp shared/target/test-classes:shared/target/classes:$(cat cp.txt) io.demandloop.shared.demand.ReferenceBaseRates}
 */
final class ReferenceBaseRates {

    static final String TABLE = "shared/demand/src/test/resources/demand/reference-base-rates.csv";
    static final Instant FROM = Instant.parse("2016-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2016-06-01T00:00:00Z");
    static final int TOP = 12;

    private ReferenceBaseRates() {
    }

    public static void main(String[] args) throws IOException {
        ReferenceLog log = ReferenceLog.get();
        Map<String, List<Ticket>> byService = new TreeMap<>();
        for (Ticket t : log.tickets.all()) {
            if (t.kind() == TicketKind.INCIDENT && !t.openedAt().isBefore(FROM) && t.openedAt().isBefore(TO)
                    && !Ticket.UNKNOWN_SERVICE.equals(t.service())) {
                byService.computeIfAbsent(t.service(), s -> new ArrayList<>()).add(t);
            }
        }
        double days = (TO.toEpochMilli() - FROM.toEpochMilli()) / 86_400_000.0;
        StringBuilder csv = new StringBuilder("# measured by ReferenceBaseRates from the reference ServiceNow log, incidents"
                + " opened in [" + FROM + ", " + TO + ")\n"
                + "service,incidentsPer30d,slaMissRate,p1,p2,p3,p4,p5,topSubcategoryShares,otherSubcategories\n");
        for (Map.Entry<String, List<Ticket>> e : byService.entrySet()) {
            List<Ticket> incidents = e.getValue();
            int n = incidents.size();
            long missed = incidents.stream().filter(t -> t.signals() != null
                    && Boolean.FALSE.equals(t.signals().slaMet())).count();
            double[] priority = new double[5];
            incidents.forEach(t -> priority[Math.max(1, Math.min(5, t.priority())) - 1]++);
            Map<String, Integer> categories = new TreeMap<>();
            incidents.forEach(t -> categories.merge(String.valueOf(t.category()), 1, Integer::sum));
            List<Integer> sizes = new ArrayList<>(categories.values());
            sizes.sort(Comparator.reverseOrder());
            List<String> top = new ArrayList<>();
            for (int i = 0; i < Math.min(TOP, sizes.size()); i++) {
                top.add(format((double) sizes.get(i) / n));
            }
            csv.append(e.getKey().replace(",", " ")).append(',').append(format(n * 30 / days)).append(',')
                    .append(format((double) missed / n));
            for (double p : priority) {
                csv.append(',').append(format(p / n));
            }
            csv.append(',').append(String.join(";", top)).append(',').append(Math.max(0, sizes.size() - TOP)).append('\n');
        }
        Path out = Path.of(args.length > 0 ? args[0] : TABLE);
        Files.writeString(out, csv);
        System.out.println(csv);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
