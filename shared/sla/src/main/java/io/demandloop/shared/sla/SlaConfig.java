package io.demandloop.shared.sla;

import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Configuration section {@value #SECTION} of {@code demandloop.yaml} as written (defaults in
 * {@code demandloop/defaults/sla.yaml}); {@link SlaPolicies#from} validates it. docs/sla.md explains every key.
 *
 * @param policyVersion names this set of policies; SLA state is kept per version, so changing the policies
 *                      under a new version (and replaying) never overwrites the results of the old one
 * @param warnings      at-risk thresholds in percent of the target, e.g. {@code [50, 75]}; the breach is 100
 * @param serviceTiers  service name to tier, for policies that apply to some tiers only
 * @param calendars     business calendars by name
 * @param clocks        per metric ({@code response}, {@code resolution}): which canonical states start, pause,
 *                      stop or cancel the clock, and what a reopen does
 * @param policies      the policies; the first that matches a ticket's kind, priority and service tier applies
 */
public record SlaConfig(String policyVersion, List<Integer> warnings, Map<String, String> serviceTiers,
                        Map<String, Calendar> calendars, Map<String, ClockRules> clocks, List<Policy> policies) {

    /** The configuration section. */
    public static final String SECTION = "sla";

    /**
     * A business calendar.
     *
     * @param zone     an IANA time zone, e.g. {@code Europe/Berlin}
     * @param hours    weekday ({@code monday} … {@code sunday}) to working intervals ({@code "09:00-17:00"})
     * @param holidays dates without working time
     */
    public record Calendar(String zone, Map<String, List<String>> hours, List<LocalDate> holidays) {
    }

    /**
     * The conditions of one clock, in canonical states; every state must be in exactly one list.
     *
     * @param start    states in which the clock runs (it starts, or resumes after a pause, on entering one)
     * @param pause    states in which it is paused
     * @param stop     states that stop it (the cycle is met, or breached if the target was reached)
     * @param cancel   states that end it without a result (not counted as met or breached)
     * @param onReopen what happens when a stopped ticket returns to a start or pause state
     */
    public record ClockRules(List<TicketState> start, List<TicketState> pause, List<TicketState> stop,
                        List<TicketState> cancel, ReopenRule onReopen) {
    }

    /**
     * One policy.
     *
     * @param name       its name, carried by every event
     * @param kinds      the ticket kinds it applies to; all when absent
     * @param priorities the priorities (1-5) it applies to; all when absent
     * @param tiers      the service tiers it applies to; all when absent
     * @param calendar   the calendar its clocks count in
     * @param response   the response target in working time; no response clock when absent
     * @param resolution the resolution target in working time; no resolution clock when absent
     * @param warnings   at-risk thresholds overriding the section's {@code warnings}
     */
    public record Policy(String name, List<TicketKind> kinds, List<Integer> priorities, List<String> tiers,
                         String calendar, Duration response, Duration resolution, List<Integer> warnings) {
    }
}
