package io.demandloop.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.TemplateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class LocalDeadLetterQueuesTest {

    private static final String STACK = "demandloop";
    private static final SamTemplate TEMPLATE = TemplateFiles.projectTemplate();

    @TempDir
    Path dir;

    private LocalDeadLetterQueues queues;
    private SqsClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (queues != null) {
            queues.close();
        }
    }

    private void start(Optional<Path> deadLetters) {
        queues = LocalDeadLetterQueues.start(TEMPLATE, STACK, deadLetters, "dead-letters.redriving.jsonl");
        client = SqsClient.builder()
                .endpointOverride(queues.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private Map<QueueAttributeName, String> attributes(String queueUrl) {
        return client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    }

    private static String letter(String rule) {
        return "{\"rule\": \"" + rule + "\", \"function\": \"F\", \"error\": \"e\", \"attempts\": 3, \"event\": {\"id\": \"1\"}}\n";
    }

    @Test
    void getQueueAttributes_shouldCountTheRulesDeadLetters_andThoseBeingRedrivenAsNotVisible() throws IOException {
        // GIVEN two dead letters of the ticket store's rule, one of the SLA tracker's, one of each being redriven,
        // and a line still being appended
        Path file = dir.resolve("dead-letters.jsonl");
        Files.writeString(file, letter("TicketStoreFunctionTicketReceived") + letter("SlaTrackerFunctionSlaTicketReceived")
                + letter("TicketStoreFunctionTicketReceived") + "{\"rule\": \"TicketStoreFunctionTick");
        Files.writeString(dir.resolve("dead-letters.redriving.jsonl"), letter("TicketStoreFunctionTicketReceived"));
        start(Optional.of(file));

        // WHEN / THEN by the queue's local Ref (<stack>-<LogicalId>) and by a URL ending in it
        assertThat(attributes("demandloop-TicketStoreFunctionTicketReceivedQueue")).containsExactlyInAnyOrderEntriesOf(Map.of(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "2",
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1"));
        assertThat(attributes("http://127.0.0.1/000000000000/demandloop-SlaTrackerFunctionSlaTicketReceivedQueue"))
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void getQueueAttributes_shouldAnswerZero_forARuleQueueWhenNothingWasDeadLettered() {
        // GIVEN a state directory without a dead-letter file yet
        start(Optional.of(dir.resolve("dead-letters.jsonl")));

        // WHEN / THEN
        assertThat(attributes("demandloop-ImportFunctionExportPutQueue"))
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }

    @Test
    void getQueueAttributes_shouldSayTheQueueDoesNotExist_forQueuesWithoutALocalCounterpart() {
        // GIVEN the bus keeps dead letters
        start(Optional.of(dir.resolve("dead-letters.jsonl")));

        // WHEN / THEN the failure destination and a schedule's queue are not counted locally, so not 0
        assertThatThrownBy(() -> attributes("demandloop-FailedInvocationsQueue"))
                .isInstanceOf(QueueDoesNotExistException.class).hasMessageContaining("FailedInvocationsQueue");
        assertThatThrownBy(() -> attributes("demandloop-PortfolioReportFunctionNightlyQueue"))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void getQueueAttributes_shouldSayTheQueueDoesNotExist_whenTheBusKeepsNoDeadLetters() {
        // GIVEN a stack without a state directory
        start(Optional.empty());

        // WHEN / THEN
        assertThatThrownBy(() -> attributes("demandloop-TicketStoreFunctionTicketReceivedQueue"))
                .isInstanceOf(QueueDoesNotExistException.class).hasMessageContaining("keeps none");
    }

    @Test
    void template_shouldResolveTheReportsQueueList_includingTheQueuesSamGenerates() {
        // GIVEN / WHEN the report function's environment as the local stack resolved it
        String list = TEMPLATE.functions().stream().filter(f -> f.logicalId().equals("PortfolioReportFunction"))
                .findFirst().orElseThrow().environment().get("DEAD_LETTER_QUEUE_URLS");

        // THEN each queue's local Ref
        assertThat(list.split(",")).contains("FailedInvocationsQueue=demandloop-FailedInvocationsQueue",
                "TicketStoreFunctionTicketReceivedQueue=demandloop-TicketStoreFunctionTicketReceivedQueue");
    }
}
