package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.functions.portfolioreport.PortfolioReportConfig;
import io.demandloop.local.LocalStack;
import io.demandloop.local.template.RuleDef;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.quality.DeadLetterQueues.Depth;
import io.demandloop.shared.report.aws.SqsDeadLetterQueues;
import io.demandloop.shared.testing.JsonSchemaCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The report's dead-letter count, the whole path on the embedded stack: an event the ticket store refuses every time
 * is dead-lettered by the local bus after its retries; the local SQS endpoint counts it in its rule's queue; the
 * report function, given {@code DEAD_LETTER_QUEUE_URLS} by the template, reads it with {@link SqsDeadLetterQueues}
 * and writes it into portfolio.json. A stack of its own, so that no other test's dead letters count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterDepthIT {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final String TICKET_QUEUE = "TicketStoreFunctionTicketReceivedQueue";

    @TempDir
    static Path stateDir;

    private LocalStack stack;

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.startPrivate(stateDir);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void report_shouldCountTheRulesDeadLetters_andSayNotAvailableForQueuesWithoutALocalCounterpart() throws Exception {
        // GIVEN a Ticket Received event whose detail is no ticket: the ticket store throws on it every time
        RuleDef rule = stack.template().rules().stream()
                .filter(r -> r.ruleName().equals("TicketStoreFunctionTicketReceived")).findFirst().orElseThrow();
        PutEventsResponse put;
        try (EventBridgeClient events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            put = events.putEvents(r -> r.entries(e -> e.eventBusName(rule.busName()).source("demandloop.intake")
                    .detailType("Ticket Received").detail("{\"source\": \"dead-letter-it\"}")));
        }
        assertThat(put.failedEntryCount()).isZero();
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        Map<String, String> urls = queueUrls();
        assertThat(urls).containsKeys("FailedInvocationsQueue", TICKET_QUEUE);

        // WHEN the adapter reads the depths through AWS_ENDPOINT_URL_SQS (aws.endpointUrlSqs)
        List<Depth> depths = SqsDeadLetterQueues.create(urls).depths();

        // THEN the ticket store's queue holds the one dead letter; the failure destination has no local counterpart
        assertThat(depths).extracting(Depth::queue).containsExactlyElementsOf(urls.keySet().stream().sorted().toList());
        assertThat(depths).contains(new Depth(TICKET_QUEUE, 1L), new Depth("FailedInvocationsQueue", null),
                new Depth("PortfolioReportFunctionNightlyQueue", null));

        // WHEN the report job runs
        Instant asOf = Instant.parse("2031-04-02T05:30:00Z");
        stack.scheduler().fire("portfolio-report", asOf);
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        // THEN portfolio.json says the same
        String bucket = stack.template().physicalName("ReportsBucket");
        byte[] json;
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            json = s3.getObjectAsBytes(g -> g.bucket(bucket).key("reports/2031/04/02/portfolio.json")).asByteArray();
        }
        JsonSchemaCheck.assertValid(JsonSchemaCheck.REPORT_SCHEMA, json);
        JsonNode report = Json.mapper().readTree(json);
        JsonNode deadLetters = report.path("dataQuality").path("deadLetters");
        assertThat(deadLetters.path("available").asBoolean()).as(deadLetters.toString()).isTrue();
        Map<String, JsonNode> byQueue = new LinkedHashMap<>();
        deadLetters.path("queues").forEach(q -> byQueue.put(q.path("queue").asText(), q.path("messages")));
        assertThat(byQueue.keySet()).containsExactlyElementsOf(urls.keySet().stream().sorted().toList());
        assertThat(byQueue.get(TICKET_QUEUE).asLong()).isEqualTo(1L);
        assertThat(byQueue.get("FailedInvocationsQueue").isNull()).isTrue();
    }

    // The report function's own DEAD_LETTER_QUEUE_URLS, as the local stack resolved it from template.yaml.
    private Map<String, String> queueUrls() {
        String value = stack.template().functions().stream()
                .filter(f -> f.logicalId().equals("PortfolioReportFunction")).findFirst().orElseThrow()
                .environment().get(PortfolioReportConfig.DEAD_LETTER_QUEUE_URLS);
        Map<String, String> urls = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            urls.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return urls;
    }
}
