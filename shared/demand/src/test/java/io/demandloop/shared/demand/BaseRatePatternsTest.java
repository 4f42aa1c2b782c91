package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on history generated from the reference log's own base rates ({@link BaseRateGenerator}): every
 * planted pattern of at least the documented minimum strength is raised at its tier, and at most one false
 * escalation above stay in service management per 20 services per night. A few seeded nights here; the full figures
 * ({@link #main}) are in docs/demand.md.
 */
class BaseRatePatternsTest {

    static final Instant FIRST_NIGHT = Instant.parse("2026-06-01T05:00:00Z");
    static final DemandEvaluator EVALUATOR = DemandEvaluator.from(DemandloopConfig.defaults());

    /** One night's verdict: planted patterns missed (or at another tier), and false escalations. */
    record Verdict(List<String> missed, List<String> falseEscalations) {
    }

    static Verdict judge(BaseRateGenerator.Night night) {
        List<DemandRecord> records = EVALUATOR.evaluate(night.inputs());
        Map<String, DemandTier> raised = records.stream()
                .collect(Collectors.toMap(DemandRecord::id, DemandRecord::tier));
        List<String> missed = night.planted().stream()
                .filter(p -> raised.get(p.id()) != p.tier())
                .map(p -> p.kind() + " " + p.id() + " at " + raised.get(p.id()) + ", planted " + p.tier())
                .toList();
        Set<String> planted = night.planted().stream().map(BaseRateGenerator.Planted::id).collect(Collectors.toSet());
        List<String> false_ = records.stream()
                .filter(r -> r.tier() != DemandTier.STAY_IN_SERVICE_MANAGEMENT && !planted.contains(r.id()))
                .map(r -> r.id() + " " + r.tier().wireName() + " " + r.criteriaMet()).toList();
        return new Verdict(missed, false_);
    }

    @Test
    void evaluate_shouldRaiseEveryPlantedPatternAtItsTier_andAtMostOneFalseEscalationPer20ServicesPerNight() {
        BaseRateGenerator generator = new BaseRateGenerator();
        int services = generator.rates().size();
        for (int seed = 1; seed <= 4; seed++) {
            // GIVEN one night of the 20 services' steady base rates, the five kinds planted at the minimum strength
            BaseRateGenerator.Night night = generator.generate(seed,
                    FIRST_NIGHT.plus(Duration.ofDays(7L * seed)), 1.0);

            // WHEN
            Verdict verdict = judge(night);

            // THEN
            assertThat(verdict.missed()).as("seed " + seed).isEmpty();
            assertThat(verdict.falseEscalations()).as("seed " + seed)
                    .hasSizeLessThanOrEqualTo(Math.max(1, services / 20));
        }
    }

    @Test
    void table_shouldHoldTheReferenceLogsTwentyServices_withTheirMeasuredRates() {
        List<BaseRateGenerator.Rates> rates = BaseRateGenerator.table();
        assertThat(rates).hasSize(20);
        assertThat(rates).allSatisfy(r -> {
            assertThat(r.incidentsPer30d()).isPositive();
            assertThat(r.slaMissRate()).isBetween(0.0, 1.0);
            assertThat(java.util.Arrays.stream(r.priority()).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.001));
            assertThat(java.util.Arrays.stream(r.topShares()).sum()).isLessThanOrEqualTo(1.001); // shares to 4 decimals
        });
    }

    /**
     * The full figures for docs/demand.md: {@code nights} nights (default 50) at strengths 0.5, 0.75, 1 and 2; per
     * strength, the share of each kind raised at its tier and the false escalations per 20 services per night.
     */
    public static void main(String[] args) {
        int nights = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        BaseRateGenerator generator = new BaseRateGenerator();
        int services = generator.rates().size();
        for (double strength : new double[] {0.5, 0.75, 1, 2}) {
            Map<String, int[]> found = new java.util.TreeMap<>();
            int falseTotal = 0;
            int falseMax = 0;
            for (int n = 1; n <= nights; n++) {
                BaseRateGenerator.Night night = generator.generate(1000 + n, FIRST_NIGHT.plus(Duration.ofDays(n)), strength);
                Verdict verdict = judge(night);
                for (BaseRateGenerator.Planted p : night.planted()) {
                    int[] c = found.computeIfAbsent(p.kind(), k -> new int[2]);
                    c[1]++;
                    if (verdict.missed().stream().noneMatch(m -> m.startsWith(p.kind() + " "))) {
                        c[0]++;
                    }
                }
                falseTotal += verdict.falseEscalations().size();
                falseMax = Math.max(falseMax, verdict.falseEscalations().size());
                if (strength == 1 && !verdict.falseEscalations().isEmpty()) {
                    System.out.println("  night " + n + " false: " + verdict.falseEscalations());
                }
            }
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "strength %.2f:", strength));
            found.forEach((kind, c) -> line.append(' ').append(kind).append(' ').append(c[0]).append('/').append(c[1]));
            line.append(String.format(java.util.Locale.ROOT, "; false escalations per %d services per night: mean %.2f, max %d",
                    services, (double) falseTotal / nights, falseMax));
            System.out.println(line);
        }
    }
}
