package io.demandloop.shared.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.DemandStatusPolicy.Effect;
import io.demandloop.shared.demand.DemandStatusPolicy.StatusDecision;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per transition of docs/demand.md#status. */
class DemandStatusPolicyTest {

    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;
    private static final Instant NEXT_NIGHT = NIGHT.plus(Duration.ofDays(1));
    private static final DemandStatusPolicy POLICY = new DemandStatusPolicy(1.0);

    private static DemandRecord record;

    @BeforeAll
    static void evaluateOnce() {
        DemandHistoryGenerator.History history = new DemandHistoryGenerator(1).generate();
        record = new DemandEvaluator(DemandConfig.from(DemandloopConfig.defaults()), history.catalog())
                .evaluate(history.inputs()).get(0);
    }

    @Test
    void afterEvaluation_shouldRaiseANewDemandAsNew_andEscalateIt() {
        // WHEN
        StoredDemand raised = POLICY.afterEvaluation(record, NIGHT, null);

        // THEN
        assertThat(raised.status()).isEqualTo(DemandStatus.NEW);
        assertThat(raised.statusBy()).isEqualTo(DemandStatusPolicy.EVALUATION);
        assertThat(raised.statusAt()).isEqualTo(NIGHT);
        assertThat(raised.firstRaisedAt()).isEqualTo(NIGHT);
        assertThat(raised.evaluatedAt()).isEqualTo(NIGHT);
        assertThat(raised.pendingEscalation()).isEqualTo(StoredDemand.NEW);
        assertThat(raised.previousTier()).isNull();
        assertThat(raised.contentHash()).isEqualTo(StoredDemand.contentHash(record));
    }

    @Test
    void afterEvaluation_shouldRaiseARejectedDemandAgain_whenItsScoreWorsenedBeyondTheMargin() {
        // GIVEN
        StoredDemand rejected = rejected(stored(record), record.score() - 1.5, NIGHT.plus(Duration.ofHours(3)));

        // WHEN
        StoredDemand raised = POLICY.afterEvaluation(record, NEXT_NIGHT, rejected);

        // THEN
        assertThat(raised.status()).isEqualTo(DemandStatus.NEW);
        assertThat(raised.pendingEscalation()).isEqualTo(StoredDemand.RAISED_AGAIN);
        assertThat(raised.statusBy()).isEqualTo(DemandStatusPolicy.EVALUATION);
        assertThat(raised.statusWhy()).contains("more than the margin 1.00");
        assertThat(raised.statusAt()).isEqualTo(NEXT_NIGHT);
        assertThat(raised.rejectedScore()).isNull();
        assertThat(raised.firstRaisedAt()).isEqualTo(NIGHT);
    }

    @Test
    void afterEvaluation_shouldKeepADemandRejected_whenItsScoreHoldsWithinTheMargin() {
        // GIVEN
        StoredDemand rejected = rejected(stored(record), record.score() - 0.5, NIGHT.plus(Duration.ofHours(3)));

        // WHEN
        StoredDemand kept = POLICY.afterEvaluation(record, NEXT_NIGHT, rejected);

        // THEN
        assertThat(kept.status()).isEqualTo(DemandStatus.REJECTED);
        assertThat(kept.pendingEscalation()).isNull();
        assertThat(kept.statusBy()).isEqualTo("alice");
    }

    @Test
    void afterEvaluation_shouldEscalateATierChange_keepingTheStatusPeopleSet() {
        // GIVEN the stored demand one tier lower than tonight's, acknowledged
        StoredDemand before = acknowledged(stored(otherTier(record)));

        // WHEN
        StoredDemand changed = POLICY.afterEvaluation(record, NEXT_NIGHT, before);

        // THEN
        assertThat(changed.pendingEscalation()).isEqualTo(StoredDemand.TIER_CHANGED);
        assertThat(changed.previousTier()).isEqualTo(before.record().tier());
        assertThat(changed.status()).as("kept").isEqualTo(DemandStatus.ACKNOWLEDGED);
        assertThat(changed.statusBy()).isEqualTo("bob");
    }

    @Test
    void afterEvaluation_shouldNotEscalateATierChange_ofARejectedDemand() {
        // GIVEN
        StoredDemand rejected = rejected(stored(otherTier(record)), record.score(), NIGHT.plusSeconds(60));

        // WHEN
        StoredDemand after = POLICY.afterEvaluation(record, NEXT_NIGHT, rejected);

        // THEN
        assertThat(after.pendingEscalation()).isNull();
        assertThat(after.status()).isEqualTo(DemandStatus.REJECTED);
    }

    @Test
    void afterEvaluation_shouldNotEscalate_whenTheTierHolds() {
        // WHEN
        StoredDemand after = POLICY.afterEvaluation(record, NEXT_NIGHT, acknowledged(stored(record)));

        // THEN
        assertThat(after.pendingEscalation()).isNull();
        assertThat(after.status()).isEqualTo(DemandStatus.ACKNOWLEDGED);
        assertThat(after.evaluatedAt()).isEqualTo(NEXT_NIGHT);
    }

    @Test
    void decide_shouldApplyANewerRejection_keepingTheScoreItWasRejectedAt() {
        // GIVEN
        StoredDemand current = stored(record);
        Instant at = NIGHT.plus(Duration.ofHours(3));

        // WHEN
        StatusDecision decision = DemandStatusPolicy.decide(current,
                new DemandStatusChange(current.id(), DemandStatus.REJECTED, "alice", "funded already", at));

        // THEN
        assertThat(decision.effect()).isEqualTo(Effect.APPLIED);
        assertThat(decision.changed()).isTrue();
        assertThat(decision.demand().status()).isEqualTo(DemandStatus.REJECTED);
        assertThat(decision.demand().statusBy()).isEqualTo("alice");
        assertThat(decision.demand().statusWhy()).isEqualTo("funded already");
        assertThat(decision.demand().statusAt()).isEqualTo(at);
        assertThat(decision.demand().rejectedScore()).isEqualTo(record.score());
    }

    @Test
    void decide_shouldApplyANewerPromotion_fromARejection_clearingTheRejectedScore() {
        // GIVEN
        StoredDemand current = rejected(stored(record), record.score(), NIGHT.plusSeconds(60));

        // WHEN
        StatusDecision decision = DemandStatusPolicy.decide(current,
                new DemandStatusChange(current.id(), DemandStatus.PROMOTED, "carol", null, NIGHT.plusSeconds(120)));

        // THEN
        assertThat(decision.effect()).isEqualTo(Effect.APPLIED);
        assertThat(decision.demand().status()).isEqualTo(DemandStatus.PROMOTED);
        assertThat(decision.demand().rejectedScore()).isNull();
    }

    @Test
    void decide_shouldChangeNothing_forARedelivery() {
        // GIVEN
        StoredDemand current = rejected(stored(record), record.score(), NIGHT.plusSeconds(60));

        // WHEN the same instant again, whatever it says
        StatusDecision decision = DemandStatusPolicy.decide(current,
                new DemandStatusChange(current.id(), DemandStatus.PROMOTED, "carol", null, NIGHT.plusSeconds(60)));

        // THEN
        assertThat(decision.effect()).isEqualTo(Effect.REPEATED);
        assertThat(decision.changed()).isFalse();
        assertThat(decision.demand()).isSameAs(current);
    }

    @Test
    void decide_shouldChangeNothing_forADecisionOlderThanTheOneInForce() {
        // GIVEN
        StoredDemand current = rejected(stored(record), record.score(), NIGHT.plusSeconds(60));

        // WHEN
        StatusDecision decision = DemandStatusPolicy.decide(current,
                new DemandStatusChange(current.id(), DemandStatus.ACKNOWLEDGED, "bob", null, NIGHT.plusSeconds(30)));

        // THEN
        assertThat(decision.effect()).isEqualTo(Effect.SUPERSEDED);
        assertThat(decision.changed()).isFalse();
        assertThat(decision.demand()).isSameAs(current);
    }

    private static StoredDemand stored(DemandRecord r) {
        return POLICY.afterEvaluation(r, NIGHT, null);
    }

    private static StoredDemand rejected(StoredDemand stored, double scoreThen, Instant at) {
        return stored.toBuilder().status(DemandStatus.REJECTED).statusBy("alice").statusWhy("not now").statusAt(at)
                .rejectedScore(scoreThen).pendingEscalation(null).build();
    }

    private static StoredDemand acknowledged(StoredDemand stored) {
        return stored.toBuilder().status(DemandStatus.ACKNOWLEDGED).statusBy("bob").statusWhy(null)
                .statusAt(stored.evaluatedAt()).rejectedScore(null).previousTier(null).pendingEscalation(null).build();
    }

    private static DemandRecord otherTier(DemandRecord r) {
        DemandTier other = r.tier() == DemandTier.PROCESS_IMPROVEMENT ? DemandTier.INITIATIVE : DemandTier.PROCESS_IMPROVEMENT;
        return new DemandRecord(r.id(), r.service(), r.pattern(), other, r.rule(), r.score(), r.wsjf(), r.scores(),
                r.criteria(), r.observations(), r.evidence(), r.explanation());
    }
}
