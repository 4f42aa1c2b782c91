package io.demandloop.functions.alertstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.source.aws.AwsEventNormaliser;
import io.demandloop.shared.testing.PrimingCheck;
import io.demandloop.shared.testing.RecordingMetricsSink;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AlertStorePrimingTest {

    @Test
    void prime_shouldBindAndNormaliseTheSamplesAndMarshalTheirWrites_withoutNetworkCredentialsMetricsOrTime() throws Exception {
        // GIVEN the real adapters on an address nothing listens on
        DynamoDbClient client = PrimingCheck.unreachable(DynamoDbClient.builder());
        RecordingMetricsSink metrics = new RecordingMetricsSink();
        AlertStoreHandler handler = new AlertStoreHandler(new AlertStoreService(new DynamoDbAlertRepository(client, "alerts"),
                new DynamoDbTicketRepository(client, "tickets"), EpisodeRules.defaults(), new PipelineMetrics(metrics)),
                new AwsEventNormaliser(DemandloopConfig.defaults())::normalise);
        PrimingCheck check = PrimingCheck.before(handler, metrics);

        // WHEN
        List<MonitoringEvent> primed = handler.prime();

        // THEN the canonical sample and the CloudWatch alarm went through, each write stopped before signing
        assertThat(primed).hasSize(2);
        check.assertStoppedAndClean(2);
    }
}
