package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromotedInitiativesTest {

    private static final Instant AT = Instant.parse("2026-11-22T09:10:00Z");

    private static DemandRecord record(String pattern, Criterion... met) {
        List<CriterionResult> criteria = Arrays.stream(Criterion.values())
                .map(c -> new CriterionResult(c, true, Arrays.asList(met).contains(c), List.of())).toList();
        return new DemandRecord(DemandRecord.id("Payments", pattern), "Payments", pattern, DemandTier.INITIATIVE,
                "test", 7.5, 1.2, new DemandRecord.Scores(7, 8, 7, 7.3, 5), criteria, List.of(), null, "test");
    }

    @ParameterizedTest
    @CsvSource({
        "recurring-incidents#category:network, introduces-risk, major-incidents, category:network",
        "recurring-incidents#symptom:login, repeated-disruption, incidents, symptom:login",
        "request-demand#category:access-request, unmet-need, requests, category:access-request",
        "alert-noise, repeated-disruption, alert-episodes, ",
        "service-risk, introduces-risk, sla-breaches, "})
    void expected_shouldFollowThePatternAndCriteria(String pattern, String met, String metric, String category) {
        ExpectedOutcome expected = PromotedInitiatives.expected(record(pattern, Criterion.fromWireName(met)), -0.3);

        assertThat(expected.metric()).isEqualTo(OutcomeMetric.parse(metric));
        assertThat(expected.category()).isEqualTo(category);
        assertThat(expected.targetChange()).isEqualTo(-0.3);
    }

    @Test
    void of_shouldLinkTheDemand_andVersionByTheDecision() {
        DemandRecord record = record("recurring-incidents#category:network", Criterion.REPEATED_DISRUPTION);
        StoredDemand demand = StoredDemand.builder().record(record).contentHash("h").evaluatedAt(AT).firstRaisedAt(AT)
                .status(DemandStatus.PROMOTED).statusBy("you").statusAt(AT).build();
        PromotedInitiatives promoted = new PromotedInitiatives(-0.3, service -> service.equals("Payments") ? "Payments Platform" : null);

        Initiative titled = promoted.of(demand, "  Fix the network ", AT);
        Initiative untitled = promoted.of(demand, null, AT.plusSeconds(60));

        assertThat(titled.id()).isEqualTo("demandloop#Payments#recurring-incidents#category:network");
        assertThat(titled.title()).isEqualTo("Fix the network");
        assertThat(titled.services()).containsExactly("Payments");
        assertThat(titled.demandIds()).containsExactly(record.id());
        assertThat(titled.status()).isEqualTo(InitiativeStatus.APPROVED);
        assertThat(titled.team()).isEqualTo("Payments Platform");
        assertThat(titled.sourceVersion()).isEqualTo(AT.toEpochMilli());
        assertThat(untitled.title()).isEqualTo("Payments: recurring-incidents category:network");
        assertThat(untitled.sourceVersion()).isGreaterThan(titled.sourceVersion());
    }
}
