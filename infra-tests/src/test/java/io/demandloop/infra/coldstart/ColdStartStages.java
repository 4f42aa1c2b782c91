package io.demandloop.infra.coldstart;

import io.demandloop.shared.aws.Priming;
import io.demandloop.shared.events.EventEnvelope;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the ticket store's cold start goes, by stage, in one fresh JVM: wall and CPU milliseconds (the process's
 * user + system time from {@code /proc/self/stat}, 10 ms ticks, JIT and GC threads included) of the JSON logger's
 * first line, the {@code ObjectMapper}, binding the sample event, the first embedded-metric line, building the DynamoDB
 * client, and marshalling its PutItem up to signing ({@link Priming}; nothing is sent, so no endpoint is needed).
 * Not a test: run by hand beside the ticket store's jar (docs/PERFORMANCE.md, "Cold start"):
 *
 * <pre>
 * env -i PATH=$PATH AWS_REGION=us-east-1 java -XX:TieredStopAtLevel=1 \
 *   -cp functions/ticket-store/target/ticket-store.jar:infra-tests/target/test-classes \
 *   io.demandloop.infra.coldstart.ColdStartStages events/TicketStoreFunction/ticket-received.json
 * </pre>
 */
public final class ColdStartStages {

    private static final StringBuilder OUT = new StringBuilder();
    private static long wall;
    private static long cpu;

    private ColdStartStages() {
    }

    public static void main(String[] args) throws Exception {
        wall = System.nanoTime();
        cpu = cpuMillis();
        OUT.append("jvm cpu ").append(cpu).append(" | ");
        org.slf4j.LoggerFactory.getLogger(ColdStartStages.class).info("first line");
        mark("log");
        var mapper = Json.mapper();
        mark("objectMapper");
        EventEnvelope event = mapper.readValue(Files.readAllBytes(Path.of(args[0])), EventEnvelope.class);
        Ticket ticket = mapper.treeToValue(event.detail(), Ticket.class);
        mark("bind");
        PipelineMetrics.emf("coldstart").recordStored("tickets", "stored");
        mark("firstMetric");
        DynamoDbTicketRepository repository = DynamoDbTicketRepository.create("tickets");
        mark("dynamoDbClient");
        Priming.withoutNetwork(() -> repository.store(ticket));
        mark("marshalPutItem");
        System.err.println("STAGES wall/cpu ms: " + OUT);
    }

    private static void mark(String stage) throws Exception {
        long nowWall = System.nanoTime();
        long nowCpu = cpuMillis();
        OUT.append(stage).append(' ').append((nowWall - wall) / 1_000_000).append('/').append(nowCpu - cpu).append(" | ");
        wall = System.nanoTime();
        cpu = cpuMillis();
    }

    private static long cpuMillis() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
