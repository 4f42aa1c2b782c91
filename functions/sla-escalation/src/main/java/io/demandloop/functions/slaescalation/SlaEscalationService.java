package io.demandloop.functions.slaescalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.sla.SlaClaim;
import io.demandloop.shared.sla.SlaCycle;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaEventDetail;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaThreshold;
import io.demandloop.shared.sla.SlaTicketRecord;
import io.demandloop.shared.sla.TicketVersion;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One escalation run: finds the tickets with a threshold due at or before the run's instant through the due
 * index, and for each due threshold not yet handled publishes {@code SLA At Risk} or {@code SLA Breached} once.
 *
 * <p>Exactly once per ticket, cycle and threshold, across re-runs, overlapping runs and retries: before publishing,
 * the run claims the threshold with a conditional put; only the run whose put succeeded publishes, then confirms.
 * A claim left unconfirmed (the run died between claim and confirmation) keeps its owner for {@link #LEASE}, longer
 * than an invocation can last; after that the next run takes it over and publishes it. Only in that crash window can
 * an event go out twice, and then with the same {@code id} in its detail.
 *
 * <p>Catching up: the due index is read up to the run's instant, not from the previous run's, so thresholds that
 * fell due during an outage are all found by the first run after it. A warning whose cycle had already stopped by
 * the run (the ticket was resolved meanwhile) is recorded as skipped instead of published: it can no longer help
 * anyone; a breach is always published.
 */
public final class SlaEscalationService {

    /** How long an unconfirmed claim stays with its run: more than the function's timeout (120 s). */
    static final Duration LEASE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(SlaEscalationService.class);

    private final SlaRepository repository;
    private final EventPublisher events;
    private final SlaEvaluator evaluator;
    private final SlaStateWriter writer;
    private final Clock clock;

    /**
     * @param clock the real time, for claim leases (the run's instant, {@code asOf}, may be a replayed one)
     */
    public SlaEscalationService(SlaRepository repository, EventPublisher events, SlaEvaluator evaluator, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.events = Objects.requireNonNull(events, "events");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = new SlaStateWriter(repository, evaluator);
    }

    /**
     * Publishes every due, unhandled threshold as of {@code asOf}.
     *
     * @param runId identifies this run in its claims (the invocation's request id)
     * @throws PublishException after the whole run, when some events were refused by the bus (their claims are
     *                          released, so the retry publishes them)
     */
    public EscalationRun run(Instant asOf, String runId) {
        Objects.requireNonNull(asOf, "asOf");
        List<String> due = repository.findDue(writer.policyVersion(), asOf);
        List<SlaEventDetail> published = new ArrayList<>();
        int skipped = 0;
        int failed = 0;
        for (String ticketKey : due) {
            Outcome outcome = escalate(ticketKey, asOf, runId, published);
            skipped += outcome.skipped();
            failed += outcome.failed();
            writer.refresh(ticketKey);
        }
        LOG.info("SLA escalation as of {}: {} tickets due, {} events published, {} warnings skipped, {} refused",
                asOf, due.size(), published.size(), skipped, failed);
        if (failed > 0) {
            throw new PublishException(failed + " SLA event(s) were refused by the bus; their claims were released for the retry");
        }
        return new EscalationRun(asOf, due.size(), published, skipped);
    }

    /**
     * Rebuilds the SLA state of every ticket tracked under {@code fromPolicyVersion} under the current policy
     * version, from the stored history. The old version's states are left as they are.
     *
     * @return how many tickets now have a state under the current version
     */
    public int replay(String fromPolicyVersion) {
        Objects.requireNonNull(fromPolicyVersion, "fromPolicyVersion");
        int rebuilt = 0;
        for (String ticketKey : repository.findTracked(fromPolicyVersion)) {
            if (writer.refresh(ticketKey).isPresent()) {
                rebuilt++;
            }
        }
        LOG.info("SLA replay from policy version {} to {}: {} tickets rebuilt", fromPolicyVersion, writer.policyVersion(), rebuilt);
        return rebuilt;
    }

    private Outcome escalate(String ticketKey, Instant asOf, String runId, List<SlaEventDetail> published) {
        SlaTicketRecord record = repository.load(ticketKey, writer.policyVersion());
        TicketVersion latest = record.latest().orElse(null);
        if (latest == null) {
            return new Outcome(0, 0);
        }
        Set<String> handled = record.handled();
        List<Pending> pending = new ArrayList<>();
        for (SlaCycle cycle : evaluator.evaluate(record.versions())) {
            for (SlaCycle.Due due : cycle.thresholds()) {
                if (due.dueAt() != null && !due.dueAt().isAfter(asOf) && !handled.contains(cycle.thresholdId(due.percent()))) {
                    pending.add(new Pending(cycle, due));
                }
            }
        }
        pending.sort(Comparator.comparing((Pending p) -> p.due().dueAt())
                .thenComparing(p -> p.cycle().metric())
                .thenComparingInt(p -> p.due().percent()));
        int skipped = 0;
        int failed = 0;
        for (Pending p : pending) {
            String thresholdId = p.cycle().thresholdId(p.due().percent());
            Instant now = clock.instant();
            if (!repository.claim(ticketKey, thresholdId, writer.policyVersion(), runId, now, now.plus(LEASE))) {
                continue; // handled, or being handled, by another run
            }
            if (p.due().percent() < SlaThreshold.BREACH && p.cycle().endedBy(asOf)) {
                repository.complete(ticketKey, thresholdId, runId, SlaClaim.Status.SKIPPED);
                skipped++;
                continue;
            }
            SlaEventDetail detail = detail(latest, p.cycle(), p.due(), asOf);
            try {
                events.publish(List.of(new BusEvent(EventNames.SLA_SOURCE,
                        p.due().percent() == SlaThreshold.BREACH ? EventNames.SLA_BREACHED : EventNames.SLA_AT_RISK,
                        json(detail))));
            } catch (PublishException e) {
                LOG.warn("SLA event {} was refused by the bus; released for the retry: {}", detail.id(), e.getMessage());
                repository.release(ticketKey, thresholdId, runId);
                failed++;
                continue;
            }
            repository.complete(ticketKey, thresholdId, runId, SlaClaim.Status.PUBLISHED);
            published.add(detail);
        }
        return new Outcome(skipped, failed);
    }

    private SlaEventDetail detail(TicketVersion latest, SlaCycle cycle, SlaCycle.Due due, Instant asOf) {
        Duration elapsed = cycle.elapsedAt(asOf);
        Duration target = cycle.target();
        long percent = elapsed.multipliedBy(100).dividedBy(target);
        return new SlaEventDetail(latest.ticketKey() + "#" + cycle.thresholdId(due.percent()), latest.ticketKey(),
                latest.source(), latest.kind().wireName(), latest.number(), latest.service(), cycle.priority(),
                cycle.policy().name(), writer.policyVersion(), cycle.metric().wireName(), cycle.index(), due.percent(),
                due.dueAt(), target.toString(), elapsed.toString(), percent, asOf, latest.link());
    }

    private static String json(SlaEventDetail detail) {
        try {
            return Json.mapper().writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("SLA event " + detail.id() + " could not be written as JSON", e);
        }
    }

    private record Pending(SlaCycle cycle, SlaCycle.Due due) {
    }

    private record Outcome(int skipped, int failed) {
    }

    /**
     * What one run did.
     *
     * @param asOf      the run's instant
     * @param dueTickets how many tickets the due index named
     * @param published the events published, in order
     * @param skipped   warnings recorded as skipped (their cycle had ended)
     */
    public record EscalationRun(Instant asOf, int dueTickets, List<SlaEventDetail> published, int skipped) {
        public EscalationRun {
            published = List.copyOf(published);
        }
    }
}
