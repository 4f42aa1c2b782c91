package io.demandloop.shared.events;

/**
 * Every event source and detail-type the pipeline puts on its bus, in one place. The rules in
 * {@code template.yaml} match on these strings; the contract test keeps them in step.
 */
public final class EventNames {

    /** Source of every record the webhook intake publishes. */
    public static final String INTAKE_SOURCE = "demandloop.intake";
    /** Source of the events the portfolio report publishes. */
    public static final String REPORT_SOURCE = "demandloop.report";
    /** Source of the SLA escalation's events. */
    public static final String SLA_SOURCE = "demandloop.sla";
    /** Source of the demand evaluation's events, and of the status decisions sent to it. */
    public static final String DEMAND_SOURCE = "demandloop.demand";
    /** Source of the outcome measurement's events. */
    public static final String OUTCOME_SOURCE = "demandloop.outcome";

    /** A canonical monitoring event (detail: {@code MonitoringEvent}) arrived from a monitoring tool. */
    public static final String MONITORING_EVENT_RECEIVED = "Monitoring Event Received";
    /** A canonical ticket (detail: {@code Ticket}) arrived from a ticket tool. */
    public static final String TICKET_RECEIVED = "Ticket Received";
    /** A portfolio report was written (detail: the report's keys). */
    public static final String REPORT_PUBLISHED = "Portfolio Report Published";
    /** A ticket's SLA clock reached an at-risk threshold (detail: {@code SlaEventDetail}). */
    public static final String SLA_AT_RISK = "SLA At Risk";
    /** A ticket's SLA clock reached its target (detail: {@code SlaEventDetail}). */
    public static final String SLA_BREACHED = "SLA Breached";

    /** A demand is new, changed tier, or was raised again after a rejection (detail: {@code DemandEscalation}). */
    public static final String DEMAND_ESCALATED = "Demand Escalated";
    /**
     * Someone decided about a demand (detail: {@code {"id", "status", "by", "why"}}, status one of new,
     * acknowledged, promoted, rejected); sent by a tool or a person onto the bus, routed to the demand function.
     */
    public static final String DEMAND_STATUS_CHANGED = "Demand Status Changed";

    /** A canonical initiative (detail: {@code Initiative}) arrived from a portfolio tool, an import or a promotion. */
    public static final String INITIATIVE_RECEIVED = "Initiative Received";
    /** An initiative's measured verdict is new or changed (detail: docs/outcomes.md). */
    public static final String OUTCOME_MEASURED = "Outcome Measured";

    private EventNames() {
    }
}
