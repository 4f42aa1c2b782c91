package io.demandloop.functions.demandevaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.DemandInputs;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatus;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.json.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One night's demand evaluation: reads the inputs of the evaluation's span (by Query), evaluates, keeps each raised
 * demand (its record, a history entry when it changed) and the night's capacity snapshot (support load against team
 * capacity), and publishes {@code Demand Escalated} for the demands that are new, changed tier, or were rejected and
 * have worsened beyond the margin since.
 *
 * <p>Idempotent per as-of instant: a demand already evaluated as of {@code asOf} (or later) is left as it is, and a
 * capacity snapshot already kept for {@code asOf} too, so a re-run of the same night writes and publishes nothing. An escalation is flagged on the demand with its write and
 * cleared once the bus accepted the event; a re-run after a crash in between publishes it then (at least once).
 */
public final class DemandEvaluationService {

    /** Who sets the status of a demand the evaluation raises. */
    public static final String EVALUATION = "demand-evaluation";

    private static final Logger LOG = LoggerFactory.getLogger(DemandEvaluationService.class);
    private static final int MAX_ATTEMPTS = 5;

    private final DemandFactsReader reader;
    private final DemandEvaluator evaluator;
    private final DemandRepository demands;
    private final EventPublisher events;
    private final double rejectedScoreMargin;

    public DemandEvaluationService(DemandFactsReader reader, DemandEvaluator evaluator, DemandRepository demands,
                                   EventPublisher events, double rejectedScoreMargin) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.demands = Objects.requireNonNull(demands, "demands");
        this.events = Objects.requireNonNull(events, "events");
        this.rejectedScoreMargin = rejectedScoreMargin;
    }

    /** Evaluates as of {@code asOf} and keeps and announces what changed. */
    public DemandEvaluationResult evaluate(Instant asOf) {
        DemandInputs inputs = reader.read(asOf);
        List<DemandRecord> records = evaluator.evaluate(inputs);
        List<StoredDemand> toEscalate = new ArrayList<>();
        int written = 0;
        for (DemandRecord record : records) {
            Optional<StoredDemand> saved = keep(record, asOf);
            if (saved.isPresent()) {
                written++;
            }
            demands.find(record.id())
                    .filter(d -> d.evaluatedAt().equals(asOf) && d.pendingEscalation() != null)
                    .ifPresent(toEscalate::add);
        }
        // Before publishing: a bus that refuses the events does not cost the night its snapshot.
        CapacitySnapshot capacity = evaluator.capacity(inputs);
        boolean capacityWritten = demands.saveCapacity(capacity);
        List<String> eventIds = toEscalate.isEmpty() ? List.of() : events.publish(toEscalate.stream()
                .map(DemandEvaluationService::event).toList());
        for (StoredDemand demand : toEscalate) {
            demands.confirmEscalation(demand.id(), asOf);
        }
        List<String> escalated = toEscalate.stream().map(StoredDemand::id).toList();
        List<String> escalatedTiers = toEscalate.stream().map(d -> d.record().tier().name()).toList();
        LOG.info("Demand evaluation as of {}: {} raised, {} written, {} escalated; capacity snapshot of {} teams and {} "
                + "services over {} {}", asOf, records.size(), written, escalated.size(), capacity.teams().size(),
                capacity.serviceCount(), capacity.window(), capacityWritten ? "written" : "already kept");
        return new DemandEvaluationResult(asOf, records.size(), written, escalated, eventIds, capacityWritten, escalatedTiers);
    }

    /** Writes the demand unless it is already evaluated as of {@code asOf}; the written demand, if any. */
    private Optional<StoredDemand> keep(DemandRecord record, Instant asOf) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredDemand previous = demands.find(record.id()).orElse(null);
            if (previous != null && !previous.evaluatedAt().isBefore(asOf)) {
                return Optional.empty();
            }
            StoredDemand next = next(record, asOf, previous);
            if (demands.save(next, previous)) {
                return Optional.of(next);
            }
            // a status was set, or another run wrote, between the read and the write: decide again
        }
        throw new IllegalStateException("the demand '" + record.id() + "' kept changing while it was evaluated");
    }

    /** The demand after this evaluation, by the status rules of docs/demand.md#status. */
    StoredDemand next(DemandRecord record, Instant asOf, StoredDemand previous) {
        String hash = StoredDemand.contentHash(record);
        if (previous == null) {
            return StoredDemand.builder().record(record).contentHash(hash).evaluatedAt(asOf).firstRaisedAt(asOf)
                    .status(DemandStatus.NEW).statusBy(EVALUATION).statusAt(asOf).pendingEscalation(StoredDemand.NEW)
                    .build();
        }
        DemandStatus status = previous.status();
        String by = previous.statusBy();
        String why = previous.statusWhy();
        Instant statusAt = previous.statusAt();
        Double rejectedScore = previous.rejectedScore();
        String escalation = null;
        if (status == DemandStatus.REJECTED) {
            double threshold = (rejectedScore == null ? 0 : rejectedScore) + rejectedScoreMargin;
            if (record.score() > threshold && asOf.isAfter(statusAt)) {
                escalation = StoredDemand.RAISED_AGAIN;
                why = String.format(Locale.ROOT, "score rose from %.2f when rejected to %.2f, more than the margin %.2f",
                        rejectedScore == null ? 0 : rejectedScore, record.score(), rejectedScoreMargin);
                status = DemandStatus.NEW;
                by = EVALUATION;
                statusAt = asOf;
                rejectedScore = null;
            }
        } else if (record.tier() != previous.record().tier()) {
            escalation = StoredDemand.TIER_CHANGED;
        }
        return StoredDemand.builder().record(record).contentHash(hash).evaluatedAt(asOf)
                .firstRaisedAt(previous.firstRaisedAt()).status(status).statusBy(by).statusWhy(why).statusAt(statusAt)
                .rejectedScore(rejectedScore).previousTier(previous.record().tier()).pendingEscalation(escalation)
                .build();
    }

    private static BusEvent event(StoredDemand demand) {
        try {
            return new BusEvent(EventNames.DEMAND_SOURCE, EventNames.DEMAND_ESCALATED,
                    Json.mapper().writeValueAsString(DemandEscalation.of(demand)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
