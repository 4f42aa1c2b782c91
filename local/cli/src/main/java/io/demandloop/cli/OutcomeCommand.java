package io.demandloop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.Intervention;
import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeRepository;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code ./demandloop measure} (any intervention date, no initiative record, through the nightly function's reader and
 * measurement) and {@code query initiatives|outcomes|lineage}, each through the tables' own adapters (Query and
 * GetItem), on the local stack's tables.
 */
final class OutcomeCommand {

    private final DynamoDbClient dynamoDb;
    private final UnaryOperator<String> tables;
    private final PrintStream out;

    /**
     * @param dynamoDb the client, or null when nothing was ever stored
     * @param tables   the physical name of a table of template.yaml, by logical id
     */
    OutcomeCommand(DynamoDbClient dynamoDb, UnaryOperator<String> tables, PrintStream out) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.out = out;
    }

    /** The intervention {@code measure} measures: an id and title of its own, the default target change. */
    static Intervention intervention(CommandLine.Measure measure) {
        String date = LocalDate.ofInstant(measure.at(), ZoneOffset.UTC).toString();
        return new Intervention("adhoc#" + measure.service() + "@" + date,
                "Intervention on " + measure.service() + " at " + date, List.of(measure.service()), List.of(),
                new ExpectedOutcome(measure.metric(), ExpectedOutcome.DEFAULT_TARGET_CHANGE, measure.category()),
                measure.at(), measure.windows());
    }

    /** Measures the intervention date as of {@code --as-of} (else {@code now}); prints the outcome. */
    Outcome measure(CommandLine.Measure measure, DemandloopConfig config, Instant now) {
        Instant asOf = measure.asOf() != null ? measure.asOf() : now;
        OutcomeFactsReader reader = new OutcomeFactsReader(
                new DynamoDbTicketRepository(dynamoDb, tables.apply("TicketsTable")),
                new DynamoDbAlertRepository(dynamoDb, tables.apply("AlertsTable")),
                new DynamoDbSlaRepository(dynamoDb, tables.apply("SlaTable")),
                new DynamoDbDemandRepository(dynamoDb, tables.apply("DemandTable")),
                ServiceCatalog.from(config), DemandConfig.from(config));
        Outcome outcome = reader.read(intervention(measure), asOf).measure();
        if (measure.json()) {
            out.println(json(outcome));
        } else {
            print(outcome, out);
        }
        return outcome;
    }

    /** Lists the initiatives, newest change first; returns how many. */
    int initiatives(boolean json) {
        List<Initiative> all = read(() -> initiativeRepository().findAll(), List.of());
        if (all.isEmpty() && !json) {
            out.println("No initiatives yet: they come from promoted demands, the portfolio tools' webhooks and"
                    + " roadmap imports (docs/outcomes.md).");
        }
        for (Initiative initiative : all) {
            if (json) {
                out.println(json(initiative));
            } else {
                out.printf("  %-34s %-11s %-10s %-22s %s%n", initiative.id(), initiative.status().wireName(),
                        initiative.deliveredAt() == null ? "-" : day(initiative.deliveredAt()),
                        String.join(", ", initiative.services()), initiative.title());
            }
        }
        return all.size();
    }

    /** Lists the current outcomes, by initiative id; returns how many. */
    int outcomes(boolean json) {
        List<StoredOutcome> all = read(() -> outcomeRepository().findAll(), List.of());
        if (all.isEmpty() && !json) {
            out.println("No outcomes yet: the nightly outcome-measurement job measures delivered initiatives"
                    + " (./demandloop run outcome-measurement --at <date>).");
        }
        for (StoredOutcome stored : all) {
            if (json) {
                out.println(json(stored.outcome()));
            } else {
                print(stored.outcome(), out);
            }
        }
        return all.size();
    }

    /**
     * Prints the lineage of a demand, an initiative or an outcome (the outcome's id is its initiative's): pattern,
     * demand, initiative, outcome.
     *
     * @return false when nothing has that id
     */
    boolean lineage(String id, boolean json) {
        Map<String, StoredDemand> demands = new LinkedHashMap<>();
        Map<String, Initiative> initiatives = new LinkedHashMap<>();
        Optional<StoredDemand> demand = isDemandId(id) ? read(() -> demandRepository().find(id), Optional.empty())
                : Optional.empty();
        if (demand.isPresent()) {
            demands.put(id, demand.get());
            read(() -> initiativeRepository().findByDemand(id), List.<Initiative>of())
                    .forEach(i -> initiatives.put(i.id(), i));
        } else {
            read(() -> initiativeRepository().find(id), Optional.<Initiative>empty()).ifPresent(i -> {
                initiatives.put(i.id(), i);
                for (String demandId : i.demandIds()) {
                    if (isDemandId(demandId)) {
                        read(() -> demandRepository().find(demandId), Optional.<StoredDemand>empty())
                                .ifPresent(d -> demands.put(demandId, d));
                    }
                }
            });
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String initiativeId : initiatives.isEmpty() ? List.of(id) : List.copyOf(initiatives.keySet())) {
            read(() -> outcomeRepository().find(initiativeId), Optional.<StoredOutcome>empty())
                    .ifPresent(o -> outcomes.put(initiativeId, o.outcome()));
        }
        if (demands.isEmpty() && initiatives.isEmpty() && outcomes.isEmpty()) {
            return false;
        }
        if (json) {
            ObjectNode lineage = Json.mapper().createObjectNode();
            lineage.put("id", id);
            ArrayNode patterns = lineage.putArray("patterns");
            demands.values().forEach(d -> patterns.addObject().put("service", d.record().service())
                    .put("pattern", d.record().pattern()));
            lineage.set("demands", Json.mapper().valueToTree(demands.values()));
            lineage.set("initiatives", Json.mapper().valueToTree(initiatives.values()));
            lineage.set("outcomes", Json.mapper().valueToTree(outcomes.values()));
            out.println(lineage);
            return true;
        }
        for (StoredDemand d : demands.values()) {
            out.printf("pattern     %s on %s%n", d.record().pattern(), d.record().service());
            out.printf("demand      %s: %s, score %.2f, %s by %s, first raised %s%n", d.id(), d.record().tier().wireName(),
                    d.record().score(), d.status().wireName(), d.statusBy(), d.firstRaisedAt());
        }
        for (Initiative i : initiatives.values()) {
            out.printf("initiative  %s \"%s\": %s%s, services %s%s%n", i.id(), i.title(), i.status().wireName(),
                    i.deliveredAt() == null ? "" : " " + i.deliveredAt(), String.join(", ", i.services()),
                    i.team() == null ? "" : ", team " + i.team());
        }
        for (Outcome o : outcomes.values()) {
            out.printf("outcome     %s as of %s: %s%n", o.verdict().wireName(), o.measuredAt(), o.sentence());
        }
        if (initiatives.isEmpty() && !demands.isEmpty()) {
            out.println("initiative  none yet (./demandloop demand promote " + id + " --title ... --by ...)");
        }
        return true;
    }

    /** Prints one outcome: verdict and sentence, then the windows' figures of each metric. */
    static void print(Outcome outcome, PrintStream out) {
        out.printf("%s  %s (%s)%n", outcome.verdict().wireName(), outcome.title(), outcome.initiativeId());
        out.println("    " + outcome.sentence());
        out.printf("    delivered %s, measured as of %s, services %s%s%s%n", outcome.deliveredAt(), outcome.measuredAt(),
                String.join(", ", outcome.services()),
                outcome.category() == null ? "" : ", pattern " + outcome.category(),
                outcome.baselineEnd() == null ? "" : ", baseline ends " + day(outcome.baselineEnd())
                        + " (demand first raised)");
        out.printf("    %-18s %-16s %-30s %-30s %s%n", "metric", "verdict", "before", "after", "change (95 % interval)");
        figures(outcome.primary(), out);
        outcome.secondary().forEach(m -> figures(m, out));
    }

    private static void figures(MetricOutcome metric, PrintStream out) {
        out.printf("    %-18s %-16s %-30s %-30s %s%n", metric.metric().wireName(), metric.verdict().wireName(),
                window(metric, metric.before()), window(metric, metric.after()), change(metric.change()));
    }

    private static String window(MetricOutcome metric, MetricOutcome.WindowFigures figures) {
        if (figures == null) {
            return "-";
        }
        String range = day(figures.from()) + ".." + day(figures.to());
        if (figures.median() != null) {
            return String.format(Locale.ROOT, "%s median %s h", range, number(figures.median().estimate()));
        }
        return String.format(Locale.ROOT, "%s %s/wk", range, number(figures.ratePerWeek()));
    }

    private static String change(IntervalEstimate change) {
        if (change == null || change.estimate() == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s (%s to %s)", percent(change.estimate()), percent(change.lower()),
                percent(change.upper()));
    }

    private static String percent(Double value) {
        return value == null ? "NA" : String.format(Locale.ROOT, "%+.0f %%", value * 100);
    }

    private static String number(Double value) {
        return value == null ? "NA" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static boolean isDemandId(String id) {
        try {
            DemandId.parse(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads through an adapter; what a table that was never created holds: nothing. */
    private <T> T read(Supplier<T> read, T none) {
        if (dynamoDb == null) {
            return none;
        }
        try {
            return read.get();
        } catch (ResourceNotFoundException e) {
            return none;
        }
    }

    private InitiativeRepository initiativeRepository() {
        return new DynamoDbInitiativeRepository(dynamoDb, tables.apply("InitiativesTable"));
    }

    private OutcomeRepository outcomeRepository() {
        return new DynamoDbOutcomeRepository(dynamoDb, tables.apply("OutcomesTable"));
    }

    private DemandRepository demandRepository() {
        return new DynamoDbDemandRepository(dynamoDb, tables.apply("DemandTable"));
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
