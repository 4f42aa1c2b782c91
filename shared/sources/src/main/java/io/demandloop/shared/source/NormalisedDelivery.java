package io.demandloop.shared.source;

import io.demandloop.shared.decision.DemandDecision;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.ticket.Ticket;
import java.util.List;

/**
 * What one delivery normalises into.
 *
 * @param tickets       canonical tickets, in delivery order
 * @param alerts        canonical monitoring events, in delivery order
 * @param ignoredReason when the delivery is of a kind deliberately not taken (e.g. a PagerDuty event type we do
 *                      not use): why; it is answered 2xx so that the tool keeps the subscription. Else null.
 * @param initiatives   canonical initiatives (a Jira epic, a ServiceNow SPM project, the JSON initiative source)
 * @param decisions     decisions about demands (promote, acknowledge, reject), from the decisions path
 */
public record NormalisedDelivery(List<Ticket> tickets, List<MonitoringEvent> alerts, String ignoredReason,
                                 List<Initiative> initiatives, List<DemandDecision> decisions) {

    public NormalisedDelivery {
        tickets = List.copyOf(tickets);
        alerts = List.copyOf(alerts);
        initiatives = initiatives == null ? List.of() : List.copyOf(initiatives);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /** Tickets and monitoring events only. */
    public NormalisedDelivery(List<Ticket> tickets, List<MonitoringEvent> alerts, String ignoredReason) {
        this(tickets, alerts, ignoredReason, List.of(), List.of());
    }

    /** Tickets only. */
    public static NormalisedDelivery ofTickets(List<Ticket> tickets) {
        return new NormalisedDelivery(tickets, List.of(), null);
    }

    /** Monitoring events only. */
    public static NormalisedDelivery ofAlerts(List<MonitoringEvent> alerts) {
        return new NormalisedDelivery(List.of(), alerts, null);
    }

    /** Initiatives only. */
    public static NormalisedDelivery ofInitiatives(List<Initiative> initiatives) {
        return new NormalisedDelivery(List.of(), List.of(), null, initiatives, List.of());
    }

    /** Decisions about demands only. */
    public static NormalisedDelivery ofDecisions(List<DemandDecision> decisions) {
        return new NormalisedDelivery(List.of(), List.of(), null, List.of(), decisions);
    }

    /** Nothing to take, deliberately; answered 2xx. */
    public static NormalisedDelivery ignored(String reason) {
        return new NormalisedDelivery(List.of(), List.of(), reason);
    }

    /** How many records there are. */
    public int size() {
        return tickets.size() + alerts.size() + initiatives.size() + decisions.size();
    }
}
