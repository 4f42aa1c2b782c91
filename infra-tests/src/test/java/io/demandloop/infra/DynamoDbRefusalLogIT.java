package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.quality.RefusalCount;
import io.demandloop.shared.quality.aws.DynamoDbRefusalLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The refusal counters against DynamoDB Local, in the demand table template.yaml defines: one item per day, source and
 * reason, raised in place; read back one Query per day; invisible to the demand reads. A random far-off year keeps a
 * persistent endpoint's earlier runs out of the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbRefusalLogIT {

    private DynamoDbRefusalLog log;
    private DynamoDbDemandRepository demands;
    private LocalDate day;

    @BeforeAll
    void connect() {
        LocalStack stack = EmbeddedStack.shared();
        String table = stack.template().physicalName("DemandTable");
        log = DynamoDbRefusalLog.create(table);
        demands = DynamoDbDemandRepository.create(table);
        day = LocalDate.of(3000 + ThreadLocalRandom.current().nextInt(5000), 3, 1);
    }

    @Test
    void refused_shouldCountPerDaySourceAndReason_andCountsBetweenReadThemBack() {
        // GIVEN
        Instant morning = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        Instant nextDay = day.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC);

        // WHEN
        log.refused("servicenow", "unauthenticated", morning);
        log.refused("servicenow", "unauthenticated", morning.plusSeconds(60));
        log.refused("jira", "malformed", morning);
        log.refused("jira", "malformed", nextDay);

        // THEN
        assertThat(log.countsBetween(day, day)).containsExactly(
                new RefusalCount(day, "jira", "malformed", 1),
                new RefusalCount(day, "servicenow", "unauthenticated", 2));
        assertThat(log.countsBetween(day, day.plusDays(2))).hasSize(3);
        assertThat(log.countsBetween(day.minusDays(3), day.minusDays(1))).isEmpty();
        // and the demand reads by tier never meet the counters
        for (DemandTier tier : DemandTier.values()) {
            assertThat(demands.findByTier(tier)).noneMatch(d -> d.id().startsWith("#refusals"));
        }
    }
}
