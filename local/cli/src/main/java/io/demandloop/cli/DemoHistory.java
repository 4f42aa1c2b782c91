package io.demandloop.cli;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo's service history: {@link DemandHistoryGenerator#demo} (the generator the planted-pattern tests hold the
 * evaluation to) written straight into the stack's tickets and alerts tables, as an import would, and the demand
 * records the nightly evaluation then keeps, printed for a reader.
 */
final class DemoHistory {

    /** Parallel writes: DynamoDB Local on disk is bound by its fsyncs, not by the client. */
    private static final int WRITERS = 8;
    /** The widest explanation line printed. */
    private static final int LINE = 100;

    private DemoHistory() {
    }

    /** What was written. */
    record Loaded(int tickets, int episodes) {
    }

    /** Generates the demo's history ending at {@code asOf} and writes it; returns how much was written. */
    static Loaded load(DynamoDbClient dynamoDb, String ticketsTable, String alertsTable, Instant asOf)
            throws InterruptedException, ExecutionException {
        return load(dynamoDb, ticketsTable, alertsTable, DemandHistoryGenerator.demo(asOf));
    }

    /** Writes the history of {@code generator}; returns how much was written. */
    static Loaded load(DynamoDbClient dynamoDb, String ticketsTable, String alertsTable, DemandHistoryGenerator generator)
            throws InterruptedException, ExecutionException {
        History history = generator.generate();
        DynamoDbTicketRepository tickets = new DynamoDbTicketRepository(dynamoDb, ticketsTable);
        DynamoDbAlertRepository alerts = new DynamoDbAlertRepository(dynamoDb, alertsTable);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Ticket ticket : history.inputs().tickets()) {
                writes.add(writers.submit(() -> tickets.store(ticket)));
            }
            for (AlertEpisode episode : history.inputs().episodes()) {
                writes.add(writers.submit(() -> alerts.putEpisode(episode)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }
        return new Loaded(history.inputs().tickets().size(), history.inputs().episodes().size());
    }

    /** Stores the history's two delivered initiatives ({@link DemandHistoryGenerator#initiatives}); returns them. */
    static List<io.demandloop.shared.initiative.Initiative> storeInitiatives(DynamoDbClient dynamoDb,
                                                                           String initiativesTable, Instant asOf) {
        List<io.demandloop.shared.initiative.Initiative> initiatives = DemandHistoryGenerator.initiatives(asOf);
        io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository repository =
                new io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository(dynamoDb, initiativesTable);
        initiatives.forEach(repository::store);
        return initiatives;
    }

    /** Prints each measured outcome: verdict, initiative, sentence; returns how many were printed. */
    static int printOutcomes(DynamoDbClient dynamoDb, String outcomesTable, PrintStream out) {
        int printed = 0;
        for (io.demandloop.shared.outcome.StoredOutcome stored
                : new io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository(dynamoDb, outcomesTable).findAll()) {
            io.demandloop.shared.outcome.Outcome outcome = stored.outcome();
            out.printf("  %-16s %s (%s, delivered %s)%n", outcome.verdict().wireName(), outcome.title(),
                    outcome.initiativeId(), outcome.deliveredAt().toString().substring(0, 10));
            for (String line : wrap(outcome.sentence(), LINE)) {
                out.println("      " + line);
            }
            printed++;
        }
        return printed;
    }

    /**
     * Prints the current demand records, most serious tier first and highest score first within a tier, each with
     * its explanation; returns how many were printed.
     */
    static int printDemands(DynamoDbClient dynamoDb, String demandTable, PrintStream out) {
        DynamoDbDemandRepository demands = new DynamoDbDemandRepository(dynamoDb, demandTable);
        List<DemandTier> mostSeriousFirst = new ArrayList<>(List.of(DemandTier.values()));
        mostSeriousFirst.sort(Comparator.comparingInt(DemandTier::ordinal).reversed());
        int printed = 0;
        for (DemandTier tier : mostSeriousFirst) {
            List<StoredDemand> inTier = new ArrayList<>(demands.findByTier(tier));
            inTier.sort(Comparator.comparingDouble((StoredDemand d) -> d.record().score()).reversed()
                    .thenComparing(StoredDemand::id));
            for (StoredDemand demand : inTier) {
                DemandRecord record = demand.record();
                out.printf("  %-26s %5.2f  %s%n", tier.wireName(), record.score(), record.id());
                for (String line : wrap(record.explanation(), LINE)) {
                    out.println("      " + line);
                }
                printed++;
            }
        }
        return printed;
    }

    /** Splits text into lines of at most {@code width} characters at spaces (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
