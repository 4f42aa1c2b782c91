package io.demandloop.shared.demand;

import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * History for the 20 services of the reference log, seeded from its own base rates ({@link ReferenceBaseRates}, the
 * table {@code demand/reference-base-rates.csv}): each service's incidents per 30 days and subcategory mix, the
 * organisation's priority mix and SLA miss rate (pooled, so that no background service differs from the organisation
 * by construction), steady over the 180 days before the night. On top of it, planted patterns of known strength
 * ({@link #planted}); anything else raised above stay in service management is a false escalation.
 *
 * <p>Strength 1 is the documented minimum (docs/demand.md, "Generated from the reference log's base rates"):
 * <ul>
 *   <li>{@link #RISING}: a subcategory of a service that is 30 % of the service's incidents in the last 30 days,
 *       against a quarter of that count in the 30 days before (process improvement: repeated disruption, rising);</li>
 *   <li>{@link #RISKY}: a subcategory of 10 incidents per 30 days over the whole span, 60 % of them P1-P2 (process
 *       improvement: introduces risk);</li>
 *   <li>{@link #RISKY_RISING}: the two at once on one subcategory (initiative);</li>
 *   <li>{@link #SLA}: a service missing its SLA on 25 points more of its tickets than the organisation (process
 *       improvement: service-risk);</li>
 *   <li>{@link #PROBLEM}: 3 incidents in the last 30 days linked to one problem (process improvement).</li>
 * </ul>
 * Strength {@code s} multiplies the share, the count, the margin (capped) and the linked incidents.
 */
final class BaseRateGenerator {

    static final String RISING = "rising";
    static final String RISKY = "risky";
    static final String RISKY_RISING = "risky-rising";
    static final String SLA = "sla";
    static final String PROBLEM = "problem";
    static final int SPAN_DAYS = 180;

    /** One service's base rates, a row of the table. */
    record Rates(String service, double incidentsPer30d, double slaMissRate, double[] priority, double[] topShares,
                 int otherSubcategories) {
    }

    /** A planted pattern: the demand id it should raise, its tier, what it is and its strength. */
    record Planted(String id, DemandTier tier, String kind, double strength) {
    }

    /** One night: its inputs and what was planted in them. */
    record Night(DemandInputs inputs, List<Planted> planted) {
    }

    private final List<Rates> rates;
    private final double orgSlaMissRate;
    private final double[] orgPriority;

    BaseRateGenerator() {
        this.rates = table();
        double total = rates.stream().mapToDouble(Rates::incidentsPer30d).sum();
        this.orgSlaMissRate = rates.stream().mapToDouble(r -> r.slaMissRate() * r.incidentsPer30d()).sum() / total;
        this.orgPriority = new double[5];
        for (Rates r : rates) {
            for (int p = 0; p < 5; p++) {
                orgPriority[p] += r.priority()[p] * r.incidentsPer30d() / total;
            }
        }
    }

    List<Rates> rates() {
        return rates;
    }

    /** The table, from the test class path. */
    static List<Rates> table() {
        List<Rates> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                BaseRateGenerator.class.getResourceAsStream("/demand/reference-base-rates.csv"),
                "demand/reference-base-rates.csv is missing"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("service,") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",");
                double[] priority = new double[5];
                for (int p = 0; p < 5; p++) {
                    priority[p] = Double.parseDouble(c[3 + p]);
                }
                double[] shares = Arrays.stream(c[8].split(";")).mapToDouble(Double::parseDouble).toArray();
                rows.add(new Rates(c[0], Double.parseDouble(c[1]), Double.parseDouble(c[2]), priority, shares,
                        Integer.parseInt(c[9])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * The night {@code asOf} of seed {@code seed}: every service's steady background, and the five kinds planted at
     * {@code strength} on five different services chosen by the seed.
     */
    Night generate(long seed, Instant asOf, double strength) {
        Random random = new Random(seed);
        UniformRandomProvider rng = new Random(seed ^ 0x5DEECE66DL)::nextLong; // Poisson draws, apart from the choices
        Builder b = new Builder(random, rng, asOf);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        Map<String, Double> slaRate = new TreeMap<>();
        rates.forEach(r -> slaRate.put(r.service(), orgSlaMissRate));
        List<Planted> planted = new ArrayList<>();
        String slaService = rates.get(order.get(3)).service();
        slaRate.put(slaService, Math.min(0.95, orgSlaMissRate + 0.25 * strength));
        planted.add(new Planted(DemandRecord.id(slaService, DemandId.SERVICE_RISK),
                DemandTier.PROCESS_IMPROVEMENT, SLA, strength));
        for (Rates r : rates) {
            b.background(r, slaRate.get(r.service()));
        }
        Rates rising = rates.get(order.get(0));
        planted.add(b.rising(rising, RISING, 0.3 * strength, false, slaRate.get(rising.service())));
        Rates risky = rates.get(order.get(1));
        planted.add(b.risky(risky, RISKY, (int) Math.round(10 * strength), slaRate.get(risky.service())));
        Rates both = rates.get(order.get(2));
        planted.add(b.rising(both, RISKY_RISING, 0.3 * strength, true, slaRate.get(both.service())));
        Rates problem = rates.get(order.get(4));
        planted.add(b.problem(problem, (int) Math.round(3 * strength), slaRate.get(problem.service())));
        // what the nightly reader derives from the tickets' signals: the source's SLA verdicts and problem links
        Map<String, Map<java.time.LocalDate, Integer>> missed = new TreeMap<>();
        Map<String, String> links = new TreeMap<>();
        for (Ticket t : b.tickets) {
            if (Boolean.FALSE.equals(t.signals().slaMet())) {
                Instant at = t.resolvedAt() != null ? t.resolvedAt() : t.openedAt();
                missed.computeIfAbsent(t.service(), x -> new TreeMap<>())
                        .merge(java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), 1, Integer::sum);
            }
            if (t.signals().problem() != null) {
                links.put(t.key(), t.signals().problem());
            }
        }
        List<SlaBreachCount> breaches = new ArrayList<>();
        missed.forEach((service, days) -> days.forEach((day, n) -> breaches.add(new SlaBreachCount(service, day, n))));
        return new Night(new DemandInputs(asOf, b.tickets, List.of(), breaches, links), planted);
    }

    private final class Builder {
        final Random random;
        final UniformRandomProvider rng;
        final Instant asOf;
        final Instant start;
        final List<Ticket> tickets = new ArrayList<>();
        int sequence;

        Builder(Random random, UniformRandomProvider rng, Instant asOf) {
            this.random = random;
            this.rng = rng;
            this.asOf = asOf;
            this.start = asOf.minus(Duration.ofDays(SPAN_DAYS));
        }

        void background(Rates r, double slaMissRate) {
            PoissonDistribution.Sampler perDay = PoissonDistribution.of(r.incidentsPer30d() / 30).createSampler(rng);
            for (int day = 0; day < SPAN_DAYS; day++) {
                int n = perDay.sample();
                for (int i = 0; i < n; i++) {
                    incident(r.service(), subcategory(r), priority(orgPriority), at(day), slaMissRate, null);
                }
            }
        }

        Planted rising(Rates r, String kind, double share, boolean risky, double slaMissRate) {
            String category = "planted-" + kind;
            // share of the service's incidents in the window, the planted ones included
            double of = Math.min(share, 0.9);
            int now = (int) Math.ceil(of / (1 - of) * r.incidentsPer30d());
            int before = Math.max(1, now / 4);
            for (int i = 0; i < now; i++) {
                incident(r.service(), category, risky && i % 5 < 3 ? 1 + random.nextInt(2) : priority(orgPriority),
                        at(SPAN_DAYS - 30 + random.nextInt(30)), slaMissRate, null);
            }
            for (int i = 0; i < before; i++) {
                incident(r.service(), category, risky && i % 5 < 3 ? 1 + random.nextInt(2) : priority(orgPriority),
                        at(SPAN_DAYS - 60 + random.nextInt(30)), slaMissRate, null);
            }
            return new Planted(DemandRecord.id(r.service(), DemandId.RECURRING_INCIDENTS + "#category:" + category),
                    risky ? DemandTier.INITIATIVE : DemandTier.PROCESS_IMPROVEMENT, kind, share / 0.3);
        }

        Planted risky(Rates r, String kind, int per30d, double slaMissRate) {
            String category = "planted-" + kind;
            for (int month = 0; month < SPAN_DAYS / 30; month++) {
                for (int i = 0; i < per30d; i++) {
                    incident(r.service(), category, i % 5 < 3 ? 1 + random.nextInt(2) : 3 + random.nextInt(3),
                            at(month * 30 + random.nextInt(30)), slaMissRate, null);
                }
            }
            return new Planted(DemandRecord.id(r.service(), DemandId.RECURRING_INCIDENTS + "#category:" + category),
                    DemandTier.PROCESS_IMPROVEMENT, kind, per30d / 10.0);
        }

        Planted problem(Rates r, int linked, double slaMissRate) {
            String problem = "generated#problem#PRB-" + r.service().replace(' ', '-');
            for (int i = 0; i < linked; i++) {
                incident(r.service(), subcategory(r), priority(orgPriority), at(SPAN_DAYS - 30 + random.nextInt(30)),
                        slaMissRate, problem);
            }
            return new Planted(DemandRecord.id(r.service(), DemandId.RECURRING_INCIDENTS + "#problem:" + problem),
                    DemandTier.PROCESS_IMPROVEMENT, PROBLEM, linked / 3.0);
        }

        String subcategory(Rates r) {
            double u = random.nextDouble();
            for (int i = 0; i < r.topShares().length; i++) {
                u -= r.topShares()[i];
                if (u < 0) {
                    return r.service() + " sub " + i;
                }
            }
            return r.service() + " other " + (r.otherSubcategories() == 0 ? 0 : random.nextInt(r.otherSubcategories()));
        }

        int priority(double[] mix) {
            double u = random.nextDouble();
            for (int p = 0; p < 4; p++) {
                u -= mix[p];
                if (u < 0) {
                    return p + 1;
                }
            }
            return 5;
        }

        Instant at(int day) {
            return start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
        }

        void incident(String service, String category, int priority, Instant opened, double slaMissRate, String problem) {
            String id = "GEN" + (++sequence);
            Instant resolved = opened.plus(Duration.ofHours(1 + random.nextInt(48)));
            boolean finished = resolved.isBefore(asOf);
            tickets.add(Ticket.builder().source("generated").sourceId(id).kind(TicketKind.INCIDENT).number(id)
                    .service(service).priority(priority).state(finished ? TicketState.CLOSED : TicketState.IN_PROGRESS)
                    .openedAt(opened).resolvedAt(finished ? resolved : null).assignmentGroup(service + " desk")
                    .category(category).sourceVersion(1).sourceUpdatedAt(opened)
                    .signals(new TicketSignals(problem, null, random.nextDouble() >= slaMissRate)).build());
        }
    }
}
