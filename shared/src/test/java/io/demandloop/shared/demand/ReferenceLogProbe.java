package io.demandloop.shared.demand;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReferenceLogProbe {
    @Test
    void probe() {
        long t0 = System.nanoTime();
        ReferenceLog log = ReferenceLog.get();
        long t1 = System.nanoTime();
        var cfg = log.config;
        String overlay = System.getProperty("probe.overlay");
        if (overlay != null) {
            cfg = cfg.withOverlay(new java.io.ByteArrayInputStream(overlay.replace("\\n", "\n").getBytes()), "probe");
        }
        DemandConfig demand = DemandConfig.from(cfg);
        DemandEvaluator evaluator = DemandEvaluator.from(cfg);
        DemandInputs inputs = log.reader(demand).read(Instant.parse("2016-06-01T00:00:00Z"));
        List<DemandRecord> records = evaluator.evaluate(inputs);
        long t2 = System.nanoTime();
        System.out.printf("import %d ms, evaluate %d ms, %d tickets read%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, inputs.tickets().size());
        Map<String, Integer> months = new TreeMap<>();
        log.tickets.all().forEach(t -> months.merge(t.openedAt().toString().substring(0, 7), 1, Integer::sum));
        System.out.println("opened per month " + months);
        Map<String, Integer> byTier = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        for (DemandRecord r : records) {
            byTier.merge(r.tier().wireName(), 1, Integer::sum);
            String kind = r.pattern().contains(":") ? r.pattern().substring(0, r.pattern().indexOf(':')) : r.pattern();
            byKind.merge(r.tier().wireName() + " " + kind, 1, Integer::sum);
        }
        System.out.println(records.size() + " " + byTier);
        byKind.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        records.stream().sorted(Comparator.comparing(DemandRecord::tier).reversed().thenComparing(Comparator.comparingDouble(DemandRecord::score).reversed()))
                .limit(Integer.getInteger("probe.top", 200))
                .forEach(r -> System.out.println(r.score() + " " + r.tier().wireName().substring(0,4) + " " + r.id() + " w=" + r.evidence().window().name() + " " + r.evidence().figures().entrySet().stream().filter(e -> List.of("incidents","previousIncidents","majorIncidents","effortHours","serviceIncidents","problemLinked","slaBreaches").contains(e.getKey())).map(e -> e.getKey().substring(0,4)+"="+e.getValue().intValue()).toList() + " " + r.criteria().stream().filter(CriterionResult::met).map(c -> c.criterion().wireName().substring(0,6)).toList()));
    }
}
