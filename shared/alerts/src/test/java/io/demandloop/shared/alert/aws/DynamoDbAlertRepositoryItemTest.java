package io.demandloop.shared.alert.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbAlertRepositoryItemTest {

    private static final Instant START = Instant.parse("2030-02-01T06:00:00.250Z");

    @Test
    void toItem_shouldKeyTheAlertByServiceAndIdentity_andSortItByStart() {
        MonitoringEvent event = new MonitoringEvent("alertmanager", "f00d@2030", "f00d", "Checkout", Severity.CRITICAL,
                AlertStatus.FIRING, START, null, "High error rate", Map.of("alertname", "HighErrorRate"), 3, START, null);

        Map<String, AttributeValue> item = DynamoDbAlertRepository.toItem(event);

        assertThat(item.get("pk").s()).isEqualTo("Checkout");
        assertThat(item.get("sk").s()).isEqualTo("alert#alertmanager#f00d@2030");
        assertThat(item.get("startSort").s()).isEqualTo("2030-02-01T06:00:00.250Z#alertmanager#f00d@2030");
        assertThat(DynamoDbAlertRepository.eventFromItem(item)).isEqualTo(event);
    }

    @Test
    void toItem_shouldKeepEpisodesOutOfTheStartIndex_andRoundTrip() {
        AlertEpisode episode = new AlertEpisode("Checkout", START, START.plusSeconds(300), START.plusSeconds(900),
                AlertStatus.RESOLVED, Severity.HIGH, 4, 0, 2, true, List.of("a", "b"), "alertmanager#x",
                "servicenow#incident#1");

        Map<String, AttributeValue> item = DynamoDbAlertRepository.toItem(episode);

        assertThat(item.get("sk").s()).isEqualTo("episode#2030-02-01T06:00:00.250Z");
        assertThat(item).doesNotContainKey("startSort");
        assertThat(DynamoDbAlertRepository.episodeFromItem(item)).isEqualTo(episode);
        assertThat(DynamoDbItemSize.of(item)).isLessThan(400);
    }
}
