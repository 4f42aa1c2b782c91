package io.demandloop.functions.outcomes;

import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.ticket.StoreOutcome;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the newest source version of each initiative; a redelivery or an older version changes nothing. */
public final class InitiativeStoreService {

    private static final Logger LOG = LoggerFactory.getLogger(InitiativeStoreService.class);

    private final InitiativeRepository initiatives;
    private final PipelineMetrics metrics;

    public InitiativeStoreService(InitiativeRepository initiatives) {
        this(initiatives, PipelineMetrics.none());
    }

    /** With the metrics each initiative is counted in, by outcome (stored, duplicate, stale), as the ticket store counts. */
    public InitiativeStoreService(InitiativeRepository initiatives, PipelineMetrics metrics) {
        this.initiatives = Objects.requireNonNull(initiatives, "initiatives");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Stores the initiative if it is newer than what is stored, and says what happened. */
    public StoreOutcome store(Initiative initiative) {
        StoreOutcome outcome = initiatives.store(initiative);
        LOG.info("initiative {} version {}: {}", initiative.id(), initiative.sourceVersion(), outcome);
        metrics.recordStored("initiatives", outcome.name());
        return outcome;
    }
}
