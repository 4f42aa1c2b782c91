package io.demandloop.shared.ticket;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a source says about a ticket beyond its own fields, for the nightly demand evaluation: the problem it is
 * linked to, its symptom, and whether the source itself counts its SLA as met. Each part is null when the source
 * says nothing.
 *
 * @param problem the {@linkplain Ticket#key() ticket key} of the linked problem, built with
 *                {@link Ticket#key(String, TicketKind, String)} from the source, {@link TicketKind#PROBLEM} and the
 *                problem's identity at the source, e.g. {@code servicenow#problem#PRB0040001}
 * @param symptom the source's symptom (or cause) classification, as the source names it, bounded like other names
 * @param slaMet  the source's own SLA verdict: false when it says the SLA was missed
 */
public record TicketSignals(String problem, String symptom, Boolean slaMet) {

    /**
     * The longest problem key accepted: a source id of at most {@link Ticket#MAX_ID_LENGTH} characters, with room for
     * the source's name (at most 64) and the kind.
     */
    public static final int MAX_PROBLEM_LENGTH = Ticket.MAX_ID_LENGTH + 100;

    public TicketSignals {
        problem = blankToNull(problem);
        if (problem != null && problem.length() > MAX_PROBLEM_LENGTH) {
            throw new IllegalArgumentException("problem must be a ticket key of at most " + MAX_PROBLEM_LENGTH
                    + " characters, was " + problem.length());
        }
        symptom = Ticket.bounded(blankToNull(symptom));
    }

    /** The signals, or null when there are none: a ticket without signals carries none at all. */
    public static TicketSignals of(String problem, String symptom, Boolean slaMet) {
        TicketSignals signals = new TicketSignals(problem, symptom, slaMet);
        return signals.isEmpty() ? null : signals;
    }

    /** Whether the source said nothing at all. */
    @JsonIgnore
    public boolean isEmpty() {
        return problem == null && symptom == null && slaMet == null;
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
