package io.demandloop.shared.source;

import io.demandloop.shared.alert.MonitoringEvent;
import io.demandloop.shared.ticket.Ticket;
import java.util.List;

/**
 * What one delivery normalises into.
 *
 * @param tickets       canonical tickets, in delivery order
 * @param alerts        canonical monitoring events, in delivery order
 * @param ignoredReason when the delivery is of a kind deliberately not taken (e.g. a PagerDuty event type we do
 *                      not use): why; it is answered 2xx so that the tool keeps the subscription. Else null.
 */
public record NormalisedDelivery(List<Ticket> tickets, List<MonitoringEvent> alerts, String ignoredReason) {

    public NormalisedDelivery {
        tickets = List.copyOf(tickets);
        alerts = List.copyOf(alerts);
    }

    /** Tickets only. */
    public static NormalisedDelivery ofTickets(List<Ticket> tickets) {
        return new NormalisedDelivery(tickets, List.of(), null);
    }

    /** Monitoring events only. */
    public static NormalisedDelivery ofAlerts(List<MonitoringEvent> alerts) {
        return new NormalisedDelivery(List.of(), alerts, null);
    }

    /** Nothing to take, deliberately; answered 2xx. */
    public static NormalisedDelivery ignored(String reason) {
        return new NormalisedDelivery(List.of(), List.of(), reason);
    }

    /** How many records there are. */
    public int size() {
        return tickets.size() + alerts.size();
    }
}
