package io.demandloop.shared.sla.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.aws.DynamoDbItemSize;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbSlaRepositoryItemTest {

    private final SlaEvaluator evaluator = new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults()));

    private static TicketVersion version(String key, String service, long v, TicketState state, String at) {
        return new TicketVersion(key, "servicenow", TicketKind.INCIDENT, "INC0010001", service, 2, state,
                Instant.parse("2026-11-16T08:02:11.250Z"), Instant.parse(at), v, "https://example.service-now.com/x");
    }

    @Test
    void stateItem_shouldFitOneWriteUnit_forATicketWithACyclePerMetric() {
        // GIVEN a long key and service name, a response and a resolution cycle, paused then running again
        String key = "servicenow#incident#" + "9d385017c611228701d22104cc95c371".repeat(2);
        String service = "Enterprise Messaging and Collaboration Services";
        List<TicketVersion> history = List.of(
                version(key, service, 0, TicketState.OPEN, "2026-11-16T08:02:11.250Z"),
                version(key, service, 1, TicketState.ON_HOLD, "2026-11-16T09:10:00.125Z"),
                version(key, service, 2, TicketState.IN_PROGRESS, "2026-11-16T10:10:00.125Z"));
        SlaState state = SlaState.of(history.get(2), "2026-11-01", 17, evaluator.evaluate(history), Set.of());

        // WHEN
        Map<String, AttributeValue> item = DynamoDbSlaRepository.stateItem(state);

        // THEN
        assertThat(DynamoDbItemSize.of(item)).isLessThanOrEqualTo(DynamoDbItemSize.WRITE_UNIT_BYTES);
        assertThat(item.get("dueSort").s()).isEqualTo(io.demandloop.shared.time.SortableInstant.format(state.nextDue()) + "#"
                + DynamoDbSlaRepository.keyDigest(key));
    }

    @Test
    void breachItem_shouldHoldItsKeysAndTheBreachIndexKeysOnly() {
        // GIVEN
        String key = "servicenow#incident#" + "9d385017c611228701d22104cc95c371".repeat(2);
        SlaBreach breach = new SlaBreach(key, SlaMetric.RESOLUTION, 1, "Enterprise Messaging and Collaboration Services",
                Instant.parse("2026-11-16T16:10:00.125999Z"));

        // WHEN
        Map<String, AttributeValue> item = DynamoDbSlaRepository.breachItem(breach);

        // THEN
        assertThat(item).containsOnlyKeys("pk", "sk", "breachService", "breachedAt");
        assertThat(item.get("sk").s()).isEqualTo("breach#resolution#1");
        assertThat(item.get("breachService").s()).isEqualTo("Enterprise Messaging and Collaboration Services");
        assertThat(item.get("breachedAt").s()).isEqualTo("2026-11-16T16:10:00.125Z");
        assertThat(DynamoDbItemSize.of(item)).isLessThanOrEqualTo(DynamoDbItemSize.WRITE_UNIT_BYTES);
    }

    @Test
    void keyDigest_shouldBeShortAndStable_forTheLongestKey() {
        String longest = Ticket.key("servicenow", TicketKind.INCIDENT, "\u20ac".repeat(Ticket.MAX_ID_LENGTH));

        assertThat(DynamoDbSlaRepository.keyDigest(longest)).hasSize(22).isEqualTo(DynamoDbSlaRepository.keyDigest(longest));
        assertThat(DynamoDbSlaRepository.keyDigest(longest + "x")).isNotEqualTo(DynamoDbSlaRepository.keyDigest(longest));
    }
}
