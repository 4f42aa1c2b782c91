package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.functions.portfolioreport.PortfolioReportService;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.infra.DemandReadScaleIT.ReadCost;
import io.demandloop.infra.DemandReadScaleIT.ReadMeter;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.quality.aws.DynamoDbRefusalLog;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.JsonSchemaCheck;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The portfolio report reads the tables the template defines by Query, GetItem and BatchGetItem only: every
 * repository it uses goes through a metered client that refuses a Scan (DemandReadScaleIT's meter), on the shared
 * embedded stack, at a random far-off date so that other tests' items stay outside its windows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortfolioReportReadsIT {

    private final ReadMeter meter = new ReadMeter();
    private DynamoDbClient metered;
    private PortfolioReportService service;
    private Instant asOf;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        metered = meter.client();
        String tickets = stack.template().physicalName("TicketsTable");
        String demand = stack.template().physicalName("DemandTable");
        asOf = Instant.parse((3000 + ThreadLocalRandom.current().nextInt(5000)) + "-06-01T05:30:00Z");
        DynamoDbTicketRepository plain = DynamoDbTicketRepository.create(tickets);
        for (int i = 0; i < 5; i++) {
            Instant opened = asOf.minus(Duration.ofDays(3 + i));
            plain.store(Ticket.builder().source("servicenow").sourceId("RPT" + asOf.toEpochMilli() + "-" + i)
                    .kind(TicketKind.INCIDENT).number("INC" + i).service("Reports-IT").priority(2)
                    .state(i % 2 == 0 ? TicketState.RESOLVED : TicketState.OPEN).openedAt(opened)
                    .resolvedAt(i % 2 == 0 ? opened.plusSeconds(3_600) : null).title("t").sourceVersion(1)
                    .sourceUpdatedAt(opened).build());
        }
        DynamoDbRefusalLog.create(demand).refused("servicenow", "unauthenticated", asOf.minus(Duration.ofDays(1)));
        service = PortfolioReportService.builder(new DynamoDbTicketRepository(metered, tickets),
                        new InMemoryReportStore(), new RecordingEventPublisher())
                .windowDays(90)
                .sla(new DynamoDbSlaRepository(metered, stack.template().physicalName("SlaTable")), "1")
                .demands(new DynamoDbDemandRepository(metered, demand), 0.5)
                .initiatives(new DynamoDbInitiativeRepository(metered, stack.template().physicalName("InitiativesTable")))
                .outcomes(new DynamoDbOutcomeRepository(metered, stack.template().physicalName("OutcomesTable")))
                .alerts(new DynamoDbAlertRepository(metered, stack.template().physicalName("AlertsTable")))
                .refusals(new DynamoDbRefusalLog(metered, demand))
                .build();
    }

    @AfterAll
    void close() {
        if (metered != null) {
            metered.close();
        }
    }

    @Test
    void report_shouldReadByQueryGetItemAndBatchGetItemOnly_andCountWhatItRead() {
        // GIVEN / WHEN
        PortfolioReport[] report = new PortfolioReport[1];
        ReadCost cost = meter.measure(() -> report[0] = service.report(asOf));

        // THEN no Scan (the meter would have refused it), and the figures come from the tables
        assertThat(cost.operations()).isNotEmpty().doesNotContain("Scan")
                .allMatch(op -> op.equals("Query") || op.equals("GetItem") || op.equals("BatchGetItem"));
        Map<String, Integer> incidents = new java.util.HashMap<>();
        report[0].services().services().forEach(s -> incidents.put(s.service(), s.incidents()));
        assertThat(incidents).containsEntry("Reports-IT", 5);
        assertThat(report[0].dataQuality().refusals().counts())
                .anyMatch(c -> c.source().equals("servicenow") && c.reason().equals("unauthenticated") && c.count() >= 1);
        JsonSchemaCheck.assertValid(JsonSchemaCheck.REPORT_SCHEMA,
                PortfolioReportService.render(report[0]).get("portfolio.json"));
    }
}
