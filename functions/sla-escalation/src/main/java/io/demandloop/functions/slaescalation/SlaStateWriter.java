package io.demandloop.functions.slaescalation;

import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaCycle;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.SlaTicketRecord;
import io.demandloop.shared.sla.TicketVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ticket's stored SLA state and recorded breaches in line with its history and claims: reads the ticket's
 * partition, evaluates its clocks, records, moves or withdraws breaches ({@link SlaTicketRecord#knownBreaches}) and
 * writes the state if it differs, each write conditional on what was read. On a conflict (the tracker and an
 * escalation run, or two runs, writing at once) it reads again and recomputes, so the last write is always computed
 * from a complete view.
 */
final class SlaStateWriter {

    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SlaStateWriter.class);

    private final SlaRepository repository;
    private final SlaEvaluator evaluator;

    SlaStateWriter(SlaRepository repository, SlaEvaluator evaluator) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    String policyVersion() {
        return evaluator.policies().version();
    }

    /**
     * Recomputes and stores the ticket's state under the current policy version.
     *
     * @return the state now stored, or empty when the ticket has no history or no policy applies to it
     */
    Optional<SlaState> refresh(String ticketKey) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            SlaTicketRecord record = repository.load(ticketKey, policyVersion());
            Optional<TicketVersion> latest = record.latest();
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            List<SlaCycle> cycles = evaluator.evaluate(record.versions());
            if (!breachesInLine(record, cycles)) {
                continue; // another writer changed a breach after the read: read again
            }
            if (cycles.isEmpty() && record.state().isEmpty()) {
                return Optional.empty();
            }
            long revision = record.revision();
            SlaState computed = SlaState.of(latest.get(), policyVersion(), revision + 1, cycles, record.handled());
            if (record.state().isPresent() && record.state().get().withRevision(computed.revision()).equals(computed)) {
                return record.state();
            }
            if (repository.saveState(computed, revision)) {
                return Optional.of(computed);
            }
        }
        throw new ConcurrentSlaUpdateException("the SLA state of " + ticketKey + " changed under " + MAX_ATTEMPTS
                + " attempts in a row; the invocation fails so that it is retried");
    }

    /**
     * Makes the recorded breaches those the record shows: one per ticket, metric and cycle, so a redelivery, a
     * replay or a second run writes nothing; the service of the newest version (a breach moves with the ticket);
     * withdrawn when a version delivered late shows the clock did not reach the target after all.
     *
     * @return false when a write found the breach changed since the read
     */
    private boolean breachesInLine(SlaTicketRecord record, List<SlaCycle> cycles) {
        Map<String, SlaBreach> known = record.knownBreaches(cycles);
        for (SlaBreach breach : known.values()) {
            SlaBreach recorded = record.breaches().get(breach.id());
            if (breach.equals(recorded)) {
                continue;
            }
            if (recorded == null ? !repository.recordBreach(breach) : !repository.replaceBreach(recorded, breach)) {
                return false;
            }
            LOG.info("SLA breach {} of {} {}: {} at {}", breach.id(), breach.ticketKey(),
                    recorded == null ? "recorded" : "moved", breach.service(), breach.breachedAt());
        }
        for (SlaBreach recorded : record.breaches().values()) {
            if (!known.containsKey(recorded.id())) {
                if (!repository.removeBreach(recorded)) {
                    return false;
                }
                LOG.info("SLA breach {} of {} withdrawn: the history no longer shows it", recorded.id(), recorded.ticketKey());
            }
        }
        return true;
    }
}
