package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredDemandTest {

    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());

    private static List<DemandRecord> evaluate(History history, java.time.Instant asOf) {
        DemandInputs in = history.inputs();
        return new DemandEvaluator(CONFIG, history.catalog())
                .evaluate(new DemandInputs(asOf, in.tickets(), in.episodes(), in.slaBreaches(), in.problemLinks()));
    }

    @Test
    void record_shouldSurviveAJsonRoundTrip() throws Exception {
        // GIVEN
        List<DemandRecord> records = evaluate(new DemandHistoryGenerator(1).generate(), DemandHistoryGenerator.AS_OF);

        // WHEN / THEN
        for (DemandRecord record : records) {
            String json = Json.mapper().writeValueAsString(record);
            assertThat(Json.mapper().readValue(json, DemandRecord.class)).isEqualTo(record);
        }
    }

    @Test
    void contentHash_shouldIgnoreTheInstantAndExplanation_butNotTheFigures() {
        // GIVEN the same records a minute apart (no ticket in that minute)
        History history = new DemandHistoryGenerator(1).generate();
        List<DemandRecord> night = evaluate(history, DemandHistoryGenerator.AS_OF);
        List<DemandRecord> hourLater = evaluate(history, DemandHistoryGenerator.AS_OF.plus(Duration.ofMinutes(1)));

        // THEN
        assertThat(night).hasSameSizeAs(hourLater);
        for (int i = 0; i < night.size(); i++) {
            assertThat(night.get(i).evidence().asOf()).isNotEqualTo(hourLater.get(i).evidence().asOf());
            assertThat(StoredDemand.contentHash(night.get(i))).isEqualTo(StoredDemand.contentHash(hourLater.get(i)));
        }
        DemandRecord first = night.get(0);
        DemandRecord rescored = new DemandRecord(first.id(), first.service(), first.pattern(), first.tier(), first.rule(),
                first.score() + 1, first.wsjf(), first.scores(), first.criteria(), first.observations(), first.evidence(),
                first.explanation());
        assertThat(StoredDemand.contentHash(rescored)).isNotEqualTo(StoredDemand.contentHash(first));
    }

    @Test
    void demandId_shouldSplitAtThePatternKind_evenWhenTheServiceHasAHash() {
        assertThat(DemandId.parse("Payments#recurring-incidents#category:network"))
                .isEqualTo(new DemandId("Payments", "recurring-incidents#category:network"));
        assertThat(DemandId.parse("Team #2#alert-noise")).isEqualTo(new DemandId("Team #2", "alert-noise"));
        assertThat(DemandId.parse("Email#service-risk")).isEqualTo(new DemandId("Email", "service-risk"));
        assertThatThrownBy(() -> DemandId.parse("Email#something"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Email#something' is not a demand id");
        assertThatThrownBy(() -> DemandStatus.fromWireName("done"))
                .hasMessageContaining("unknown demand status 'done'").hasMessageContaining("rejected");
    }
}
