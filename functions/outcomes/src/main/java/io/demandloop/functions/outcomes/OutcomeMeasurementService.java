package io.demandloop.functions.outcomes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.Intervention;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeRepository;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.Verdict;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One night's outcome measurement (docs/outcomes.md, "The nightly measurement"): reads the delivered initiatives whose
 * after window is still open or ended less than {@link #GRACE} ago (late tickets and tickets resolved since may still
 * change a verdict), reads their facts by Query ({@link OutcomeFactsReader}), measures each, keeps its outcome and
 * publishes {@code Outcome Measured} when its verdict is new or changed.
 *
 * <p>Idempotent per as-of instant: an outcome already measured as of {@code asOf} (or later) is left as it is, so a
 * re-run of the same night writes and publishes nothing. An event due is flagged on the outcome with its write and
 * cleared once the bus accepted it; a re-run after a crash in between publishes it then (at least once).
 */
public final class OutcomeMeasurementService {

    /** How long after the after window is complete an outcome is still measured. */
    public static final Duration GRACE = Duration.ofDays(28);
    /** After any delivery instant an initiative can have: a delivery in the future is measured too (too early). */
    static final Instant LAST_DELIVERY = Instant.parse("9999-12-31T00:00:00Z");

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeMeasurementService.class);

    private final OutcomeFactsReader reader;
    private final InitiativeRepository initiatives;
    private final OutcomeRepository outcomes;
    private final EventPublisher events;
    private final OutcomeWindows windows;

    public OutcomeMeasurementService(OutcomeFactsReader reader, InitiativeRepository initiatives,
                                     OutcomeRepository outcomes, EventPublisher events, OutcomeWindows windows) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.initiatives = Objects.requireNonNull(initiatives, "initiatives");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.events = Objects.requireNonNull(events, "events");
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    /** The earliest delivery still measured as of {@code asOf}. */
    public Instant measuredSince(Instant asOf) {
        return asOf.minus(Duration.ofDays((long) windows.settleDays() + windows.afterDays())).minus(GRACE);
    }

    /** Measures as of {@code asOf}, keeps what changed and announces new and changed verdicts. */
    public OutcomeMeasurementResult measure(Instant asOf) {
        Instant since = measuredSince(asOf);
        // Initiatives delivered in the windows of those measured keep their services out of the controls.
        Instant othersSince = since.minus(Duration.ofDays(
                (long) windows.beforeDays() + windows.settleDays() + windows.afterDays()));
        List<Intervention> others = initiatives.findDeliveredBetween(othersSince, LAST_DELIVERY).stream()
                .filter(Initiative::delivered).map(i -> Intervention.of(i, windows)).toList();
        List<Intervention> due = new ArrayList<>();
        Map<String, StoredOutcome> previous = new HashMap<>();
        List<StoredOutcome> unsent = new ArrayList<>();
        for (Intervention intervention : others) {
            if (intervention.deliveredAt().isBefore(since)) {
                continue;
            }
            StoredOutcome stored = outcomes.find(intervention.id()).orElse(null);
            if (stored != null && !stored.outcome().measuredAt().isBefore(asOf)) {
                if (stored.pendingEvent() && stored.outcome().measuredAt().equals(asOf)) {
                    unsent.add(stored); // written by a run that died before the bus took its event
                }
                continue;
            }
            if (stored != null) {
                previous.put(intervention.id(), stored);
            }
            due.add(intervention);
        }
        List<StoredOutcome> toPublish = new ArrayList<>(unsent);
        Map<String, Verdict> previousVerdicts = new HashMap<>();
        int written = 0;
        for (OutcomeFactsReader.Measurements measurements : reader.read(due, others, asOf)) {
            Outcome outcome = measurements.measure();
            StoredOutcome before = previous.get(outcome.initiativeId());
            Outcome previousOutcome = before == null ? null : before.outcome();
            boolean changed = previousOutcome == null || previousOutcome.verdict() != outcome.verdict();
            if (outcomes.save(outcome, previousOutcome, changed)) {
                written++;
                if (changed) {
                    toPublish.add(new StoredOutcome(outcome, true));
                    if (previousOutcome != null) {
                        previousVerdicts.put(outcome.initiativeId(), previousOutcome.verdict());
                    }
                }
            }
        }
        List<String> eventIds = toPublish.isEmpty() ? List.of() : events.publish(toPublish.stream()
                .map(s -> event(s.outcome(), previousVerdicts.get(s.outcome().initiativeId()))).toList());
        for (StoredOutcome sent : toPublish) {
            outcomes.confirmEvent(sent.outcome().initiativeId(), sent.outcome().measuredAt());
        }
        List<String> measured = due.stream().map(Intervention::id).toList();
        List<String> published = toPublish.stream().map(s -> s.outcome().initiativeId()).toList();
        LOG.info("Outcome measurement as of {}: {} delivered initiatives in reach, {} measured, {} written, {} published",
                asOf, others.size(), measured.size(), written, published.size());
        List<String> verdicts = toPublish.stream().map(s -> s.outcome().verdict().wireName()).toList();
        return new OutcomeMeasurementResult(asOf, measured, written, published, eventIds, verdicts);
    }

    private static BusEvent event(Outcome outcome, Verdict previous) {
        try {
            return new BusEvent(EventNames.OUTCOME_SOURCE, EventNames.OUTCOME_MEASURED,
                    Json.mapper().writeValueAsString(OutcomeMeasuredDetail.of(outcome, previous)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
