package io.demandloop.shared.alert;

import io.demandloop.shared.ticket.OpenTicket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stored episodes of a service in line with its stored alerts around some instants (where an alert was
 * just written, and where it was before), so that the stored episodes always converge to
 * {@link EpisodeGrouping#group} of all stored alerts, whatever the arrival order, redeliveries or crashes.
 *
 * <p>Grouping is local: an alert can only change the episodes of the unbroken chain of alerts it belongs to (alerts
 * each within {@link EpisodeRules#maxGap()} of the previous one), and the flapping marks of the alerts starting up
 * to {@link EpisodeRules#flappingInterval()} after it. So the reconciler reads the alerts from the start of the chain
 * reaching the first instant (and the flapping interval before it) to the end of the chain reaching the last instant
 * plus the flapping interval, widening the read until both ends are real gaps; recomputes the episodes starting in
 * that region; writes those that differ from the stored ones and deletes the stored ones no longer computed.
 *
 * <p>Reads are strongly consistent. Concurrent deliveries for the same service are safe: after writing, the alerts
 * of the region are read again, and if they changed meanwhile the region is recomputed, so a delivery that worked
 * from an outdated view repairs what it wrote; a delivery whose view was current wrote the right episodes. After a
 * crash, the retried delivery (a duplicate by then) reconciles again.
 *
 * <p>Linking: an episode keeps the incident it (or an episode it absorbed) was linked to; an unlinked one is linked
 * to an open incident of the service that is not stale: opened no later than {@code incidentStaleAfter} after the
 * episode's last alert and updated no earlier than {@code incidentStaleAfter} before its first alert. The highest
 * priority wins, then the latest activity, then the key.
 */
public final class EpisodeReconciler {

    /** How often the region is recomputed when concurrent deliveries keep changing it. */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(EpisodeReconciler.class);

    private final AlertRepository alerts;
    private final TicketRepository tickets;
    private final EpisodeRules rules;

    public EpisodeReconciler(AlertRepository alerts, TicketRepository tickets, EpisodeRules rules) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * What a reconciliation found and did.
     *
     * @param episodes the episodes of the region, as stored now, oldest first
     * @param written  how many episodes were written (new or changed)
     * @param deleted  how many superseded episodes were deleted
     */
    public record Result(List<AlertEpisode> episodes, int written, int deleted) {

        public Result {
            episodes = List.copyOf(episodes);
        }

        /** The episode whose alerts span this start, if any. */
        public Optional<AlertEpisode> episodeAt(Instant start) {
            return episodes.stream()
                    .filter(e -> !e.start().isAfter(start) && !e.lastStart().isBefore(start))
                    .findFirst();
        }
    }

    /**
     * Reconciles the episodes of {@code service} around the given alert starts.
     *
     * @throws EpisodeReconciliationException when concurrent writes kept changing the region
     */
    public Result reconcile(String service, Collection<Instant> around) {
        Objects.requireNonNull(service, "service");
        if (around.isEmpty()) {
            throw new IllegalArgumentException("nothing to reconcile around");
        }
        Instant lo = Collections.min(around);
        Instant hi = Collections.max(around).plus(rules.flappingInterval());
        Duration before = rules.maxGap().compareTo(rules.flappingInterval()) > 0 ? rules.maxGap() : rules.flappingInterval();
        Instant readFrom = lo.minus(before).minus(rules.maxDuration());
        Instant readTo = hi.plus(rules.maxGap()).plus(rules.maxDuration());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<AlertOccurrence> read;
            Instant regionStart;
            Instant regionEnd;
            while (true) {
                read = alerts.occurrencesStartingBetween(service, readFrom, readTo);
                regionStart = chainStartReaching(read, lo);
                regionEnd = chainEndReaching(read, hi);
                Instant neededFrom = regionStart.minus(before);
                Instant neededTo = regionEnd.plus(rules.maxGap());
                if (!readFrom.isAfter(neededFrom) && !readTo.isBefore(neededTo)) {
                    break;
                }
                // Widen by at least the span read so far, so that a long storm costs few extra reads.
                if (readFrom.isAfter(neededFrom)) {
                    readFrom = neededFrom.minus(Duration.between(readFrom, lo));
                }
                if (readTo.isBefore(neededTo)) {
                    readTo = neededTo.plus(Duration.between(hi, readTo));
                }
            }
            Result result = write(service, read, regionStart, regionEnd);
            List<AlertOccurrence> again = alerts.occurrencesStartingBetween(service, readFrom, readTo);
            if (again.equals(read)) {
                return result;
            }
            LOG.info("alerts of {} changed while its episodes were recomputed (attempt {} of {}); recomputing",
                    service, attempt, MAX_ATTEMPTS);
        }
        throw new EpisodeReconciliationException("the alerts of " + service + " around " + lo + " kept changing while "
                + "their episodes were recomputed (" + MAX_ATTEMPTS + " attempts)");
    }

    /**
     * The start of the unbroken chain of alerts reaching {@code lo} from before (each alert within the gap of the
     * next, the last within the gap of {@code lo}); {@code lo} itself when no alert is within the gap before it.
     */
    Instant chainStartReaching(List<AlertOccurrence> sorted, Instant lo) {
        Instant start = lo;
        for (int i = sorted.size() - 1; i >= 0; i--) {
            Instant at = sorted.get(i).startsAt();
            if (at.isAfter(start)) {
                continue;
            }
            if (at.isBefore(start.minus(rules.maxGap()))) {
                break;
            }
            start = at;
        }
        return start;
    }

    /** The last start of the unbroken chain of alerts continuing after {@code hi}; {@code hi} itself when none. */
    Instant chainEndReaching(List<AlertOccurrence> sorted, Instant hi) {
        Instant end = hi;
        for (AlertOccurrence alert : sorted) {
            Instant at = alert.startsAt();
            if (!at.isAfter(end)) {
                continue;
            }
            if (at.isAfter(end.plus(rules.maxGap()))) {
                break;
            }
            end = at;
        }
        return end;
    }

    private Result write(String service, List<AlertOccurrence> read, Instant regionStart, Instant regionEnd) {
        List<AlertEpisode> computed = new ArrayList<>();
        for (AlertEpisode episode : EpisodeGrouping.group(service, read, rules)) {
            if (!episode.start().isBefore(regionStart) && !episode.start().isAfter(regionEnd)) {
                computed.add(episode);
            }
        }
        List<AlertEpisode> stored = alerts.episodesStartingBetween(service, regionStart, regionEnd);
        Map<Instant, AlertEpisode> storedByStart = new HashMap<>();
        stored.forEach(e -> storedByStart.put(e.start(), e));
        List<OpenTicket> openIncidents = null;
        List<AlertEpisode> result = new ArrayList<>();
        int written = 0;
        for (AlertEpisode episode : computed) {
            String link = keptLink(episode, storedByStart.get(episode.start()), stored);
            if (link == null) {
                if (openIncidents == null) {
                    openIncidents = tickets.findOpen(service, TicketKind.INCIDENT);
                }
                link = incidentFor(episode, openIncidents).map(OpenTicket::key).orElse(null);
            }
            AlertEpisode linked = episode.withLinkedIncident(link);
            if (!linked.equals(storedByStart.get(linked.start()))) {
                alerts.putEpisode(linked);
                written++;
            }
            result.add(linked);
        }
        int deleted = 0;
        for (AlertEpisode old : stored) {
            if (computed.stream().noneMatch(e -> e.start().equals(old.start()))) {
                alerts.deleteEpisode(service, old.start());
                deleted++;
            }
        }
        return new Result(result, written, deleted);
    }

    /** The link of the stored episode with the same start, else of the earliest stored one it overlaps. */
    private static String keptLink(AlertEpisode episode, AlertEpisode same, List<AlertEpisode> stored) {
        if (same != null && same.linkedIncident() != null) {
            return same.linkedIncident();
        }
        return stored.stream()
                .filter(s -> s.linkedIncident() != null)
                .filter(s -> !s.start().isAfter(episode.lastStart()) && !s.lastStart().isBefore(episode.start()))
                .min(Comparator.comparing(AlertEpisode::start))
                .map(AlertEpisode::linkedIncident)
                .orElse(null);
    }

    /** The open, non-stale incident to link an episode to, if any. */
    Optional<OpenTicket> incidentFor(AlertEpisode episode, List<OpenTicket> openIncidents) {
        Instant openedBy = episode.lastStart().plus(rules.incidentStaleAfter());
        Instant activeSince = episode.start().minus(rules.incidentStaleAfter());
        return openIncidents.stream()
                .filter(t -> t.kind() == TicketKind.INCIDENT && !t.state().isTerminal())
                .filter(t -> !t.openedAt().isAfter(openedBy) && !t.lastActivity().isBefore(activeSince))
                .min(Comparator.comparingInt(OpenTicket::priority)
                        .thenComparing(OpenTicket::lastActivity, Comparator.reverseOrder())
                        .thenComparing(OpenTicket::key));
    }
}
