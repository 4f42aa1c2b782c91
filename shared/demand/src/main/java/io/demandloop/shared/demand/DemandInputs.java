package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one evaluation reads, as plain values: the evaluation is a pure function of this (and of the
 * configuration), so the same inputs give equal records. A reader fills it per service and day with Query
 * (tickets opened in the longest window and the window before it, alert episodes started in them, SLA breaches
 * per day); tickets and episodes outside those windows are ignored, so passing more history changes nothing.
 *
 * @param asOf         the evaluation instant: every window ends here (exclusive)
 * @param tickets      tickets of every kind; several versions of one ticket may be given: the highest
 *                     {@code sourceVersion} counts
 * @param episodes     alert episodes
 * @param slaBreaches  SLA breaches per service and day
 * @param problemLinks incident key ({@link Ticket#key()}) to the key of the problem it is linked to, for the
 *                     incidents whose source links one (the reader takes them from each ticket's
 *                     {@code signals.problem}); may be empty
 */
public record DemandInputs(Instant asOf, List<Ticket> tickets, List<AlertEpisode> episodes,
                           List<SlaBreachCount> slaBreaches, Map<String, String> problemLinks) {

    public DemandInputs {
        Objects.requireNonNull(asOf, "asOf");
        tickets = List.copyOf(tickets);
        episodes = List.copyOf(episodes);
        slaBreaches = slaBreaches == null ? List.of() : List.copyOf(slaBreaches);
        problemLinks = problemLinks == null ? Map.of() : new TreeMap<>(problemLinks);
    }
}
