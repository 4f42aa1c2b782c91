package io.demandloop.cli;

import io.demandloop.shared.decision.DemandDecision;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.PromotedInitiatives;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./demandloop demand promote|ack|reject <id> --by W [--why Y] [--title T]}: the decision becomes the same
 * {@code Demand Status Changed} event the {@code /hooks/demand-decisions} path publishes, onto the local bus, where
 * {@code DemandStatusFunction} sets the status and, for a promotion, stores the initiative. An unknown demand is
 * refused before anything is published.
 */
final class DemandCommand {

    private final DemandDecision decision;
    private final DemandRepository demands;
    private final InitiativeRepository initiatives;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @throws UsageException when the decision is not one (the parser's checks miss nothing, but the record has the
     *                        last word)
     */
    DemandCommand(CommandLine.Decision decision, DemandRepository demands, InitiativeRepository initiatives,
                  PrintStream out, PrintStream err) throws UsageException {
        try {
            this.decision = new DemandDecision(decision.id(), DemandDecision.statusOfAction(decision.action()),
                    decision.by(), decision.why(), decision.title());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        this.demands = demands;
        this.initiatives = initiatives;
        this.out = out;
        this.err = err;
    }

    DemandCommand(CommandLine.Decision decision, DynamoDbClient dynamoDb, String demandTable, String initiativesTable,
                  PrintStream out, PrintStream err) throws UsageException {
        this(decision, new DynamoDbDemandRepository(dynamoDb, demandTable),
                new DynamoDbInitiativeRepository(dynamoDb, initiativesTable), out, err);
    }

    /**
     * Publishes the decision and waits until the demand function applied it.
     *
     * @param publisher the bus
     * @param idle      waits until the bus has delivered everything; false when it did not in time
     * @return the exit code: 0 applied, 2 no such demand, 1 not applied in time
     */
    int run(EventPublisher publisher, BooleanSupplier idle) {
        Optional<StoredDemand> before = demands.find(decision.id());
        if (before.isEmpty()) {
            err.println("demandloop: '" + decision.id() + "' is not a stored demand; ./demandloop query demand lists them");
            return DemandloopCli.EXIT_USAGE;
        }
        List<String> ids = publisher.publish(List.of(new BusEvent(EventNames.DEMAND_SOURCE,
                EventNames.DEMAND_STATUS_CHANGED, decision.detail().toString())));
        out.println("Published 'Demand Status Changed' " + ids.get(0) + ": " + decision.id() + " -> "
                + decision.status().wireName());
        if (!idle.getAsBoolean() || !applied(before.get())) {
            err.println("demandloop: the decision was published, but the demand function has not applied it yet;"
                    + " see .demandloop/logs/functions.log and dead-letters.jsonl");
            return DemandloopCli.EXIT_FAILED;
        }
        StoredDemand after = demands.find(decision.id()).orElseThrow();
        out.println("Demand " + after.id() + " is " + after.status().wireName() + " (by " + after.statusBy()
                + (after.statusWhy() == null ? "" : ": " + after.statusWhy()) + ")");
        if (decision.status() == DemandStatus.PROMOTED) {
            Optional<Initiative> initiative = initiatives.find(
                    Initiative.identity(PromotedInitiatives.SOURCE, decision.id()));
            if (initiative.isEmpty()) {
                err.println("demandloop: the demand is promoted, but its initiative is not stored; see"
                        + " .demandloop/logs/functions.log");
                return DemandloopCli.EXIT_FAILED;
            }
            Initiative i = initiative.get();
            out.println("Initiative " + i.id() + ": \"" + i.title() + "\" (" + i.status().wireName() + "), services "
                    + String.join(", ", i.services()) + ", expected " + i.expected().metric().wireName() + " "
                    + Math.round(i.expected().targetChange() * 100) + " %"
                    + (i.expected().category() == null ? "" : " of " + i.expected().category())
                    + (i.team() == null ? "" : ", team " + i.team()));
        }
        return DemandloopCli.EXIT_OK;
    }

    /** Whether the demand shows a status set after the one it had; polls briefly, as a running serve applies it. */
    private boolean applied(StoredDemand before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            StoredDemand now = demands.find(decision.id()).orElseThrow();
            if (now.statusAt().isAfter(before.statusAt()) && now.status() == decision.status()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }
}
