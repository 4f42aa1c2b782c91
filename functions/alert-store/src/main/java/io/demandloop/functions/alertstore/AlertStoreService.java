package io.demandloop.functions.alertstore;

import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.alert.AlertWrite;
import io.demandloop.shared.alert.EpisodeReconciler;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.ticket.TicketRepository;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest source version of each alert and the alert episodes derived from them.
 *
 * <p>Two steps: the alert's conditional write, then the reconciliation of the episodes around it. The second
 * runs whatever the first did, also for a duplicate or stale delivery: that is what repairs the episodes when a
 * previous delivery crashed between the two (EventBridge retries it, and the retry is a duplicate by then).
 */
public final class AlertStoreService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStoreService.class);

    private final AlertRepository alerts;
    private final EpisodeReconciler episodes;
    private final PipelineMetrics metrics;

    public AlertStoreService(AlertRepository alerts, TicketRepository tickets, EpisodeRules rules) {
        this(alerts, tickets, rules, PipelineMetrics.none());
    }

    /** With the metrics each alert is counted in, by outcome (stored, duplicate, stale), as the ticket store counts. */
    public AlertStoreService(AlertRepository alerts, TicketRepository tickets, EpisodeRules rules, PipelineMetrics metrics) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.episodes = new EpisodeReconciler(alerts, tickets, rules);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Stores the alert if it is newer than what is stored, brings its episodes in line, and says what happened. */
    public AlertStoreResult store(MonitoringEvent event) {
        MonitoringEvent alert = withService(event);
        AlertWrite write = alerts.store(alert);
        EpisodeReconciler.Result result = episodes.reconcile(alert.service(), write.starts());
        AlertStoreResult stored = new AlertStoreResult(alert.key(), alert.service(), write.outcome(),
                result.episodeAt(write.storedStartsAt()).orElse(null), result.written(), result.deleted());
        LOG.info("alert {} of {} version {}: {}; episode {}, {} episode(s) written, {} deleted", alert.key(),
                alert.service(), alert.sourceVersion(), write.outcome(),
                stored.episode() == null ? "none" : stored.episode().id(), result.written(), result.deleted());
        // Counted once the episodes are in line: a delivery that fails between the two steps is retried, not counted.
        metrics.recordStored("alerts", write.outcome().name());
        return stored;
    }

    // A blank service cannot be a partition key; it means the source named none.
    private static MonitoringEvent withService(MonitoringEvent e) {
        if (!e.service().isBlank()) {
            return e;
        }
        return new MonitoringEvent(e.source(), e.alertId(), e.fingerprint(), MonitoringEvent.UNKNOWN_SERVICE, e.severity(),
                e.status(), e.startsAt(), e.endsAt(), e.title(), e.labels(), e.sourceVersion(), e.observedAt(), e.link());
    }
}
